/**
 * Postgres that stops answering, behind a TCP proxy that turns into a black hole (DESIGN.md §14):
 * requests and /readyz answer 503 within 5 s instead of hanging, and come back when it flows.
 * And a network gone in the middle of a transaction: the instance's backend sits `idle in
 * transaction` holding the center's rows, and the server's own timeout ends it, so another
 * instance issues for that center within seconds, not after TCP's two hours.
 */

import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, TcpProxy } from '../helpers/cluster.js';
import { hasPostgres } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { IN_CI } from '../helpers/services.js';

/** Well past any bound the server promises; a request still open then has hung. */
const HUNG_MS = 10_000;

interface Timed {
  status: number;
  body: { error?: { code: string }; ready?: boolean; reason?: string; number?: string };
  ms: number;
}

async function timed(url: string, init: RequestInit = {}): Promise<Timed> {
  const start = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(HUNG_MS) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, ms: performance.now() - start };
}

describe.runIf(IN_CI || hasPostgres())('Postgres hung, and a transaction cut in the middle', () => {
  let cluster: Cluster;
  let fixture: CenterFixture;
  const proxies: TcpProxy[] = [];
  let issued = 0;

  /** A proxy to the cluster's Postgres, and DATABASE_URL through it. */
  async function proxied(): Promise<{ proxy: TcpProxy; databaseUrl: string }> {
    const direct = new URL(cluster.databaseUrl);
    const proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5432));
    proxies.push(proxy);
    const via = new URL(cluster.databaseUrl);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    return { proxy, databaseUrl: via.toString() };
  }

  /** A web ticket from a new device (no cookie): no per-device limit is ever reached. */
  async function issue(baseUrl: string): Promise<Timed> {
    const reply = await timed(`${baseUrl}/api/centers/${fixture.centerId}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: fixture.serviceIds.A, channel: 'web' }),
    });
    if (reply.status === 201) issued++;
    return reply;
  }

  /** Retries (the answer is the wait) until the issue succeeds, bounded. */
  async function issueUntilServed(baseUrl: string, withinMs: number): Promise<Timed> {
    const deadline = performance.now() + withinMs;
    let reply = await issue(baseUrl);
    while (reply.status !== 201 && performance.now() < deadline) {
      expect(reply.status).toBe(503);
      await new Promise((r) => setTimeout(r, 100));
      reply = await issue(baseUrl);
    }
    return reply;
  }

  beforeAll(async () => {
    cluster = await Cluster.open(null);
    fixture = await createCenterFixture(cluster.db.db, { services: ['A'], counters: [['A']] });
  });

  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.close();
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('answers 503 within 5 s while the database hangs, lives on, and serves again once it flows', {
    timeout: 90_000,
  }, async () => {
    const { proxy, databaseUrl } = await proxied();
    const server = await cluster.start({ DATABASE_URL: databaseUrl });
    expect((await issue(server.url)).status).toBe(201);

    proxy.hang();
    const during = [await timed(`${server.url}/readyz`), await issue(server.url), await issue(server.url)];
    for (const reply of during) {
      expect(reply.status).toBe(503);
      expect(reply.ms).toBeLessThan(5_000);
    }
    expect(during[0]!.body).toEqual({ ready: false, reason: 'database unreachable' });
    expect(during[1]!.body.error?.code).toBe('database_unavailable');
    expect(during[2]!.body.error?.code).toBe('database_unavailable');
    expect(server.child.exitCode).toBeNull();

    proxy.flow();
    const flowedAt = performance.now();
    const again = await issueUntilServed(server.url, 5_000);
    expect(again.status).toBe(201);
    expect((await timed(`${server.url}/readyz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/Lượt failed|uncaught|unhandled/i);
    console.log(
      `[postgres-hang] hung: /readyz ${Math.round(during[0]!.ms)} ms, issue ${Math.round(during[1]!.ms)} ms, ` +
        `issue ${Math.round(during[2]!.ms)} ms, all 503; flowing: served again after ${Math.round(performance.now() - flowedAt)} ms`,
    );
  });

  it("releases a center's rows held by a transaction whose network vanished, by the server's timeout", {
    timeout: 90_000,
  }, async () => {
    const db = cluster.db.db;
    const { proxy, databaseUrl } = await proxied();
    // A's sessions end after 4 s idle in a transaction; B gives up a lock wait after 1 s.
    const a = await cluster.start({ DATABASE_URL: databaseUrl, DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '4000' });
    const b = await cluster.start({ DB_STATEMENT_TIMEOUT_MS: '1000', DB_QUERY_TIMEOUT_MS: '2000' });
    expect((await issue(a.url)).status).toBe(201);
    expect((await issue(b.url)).status).toBe(201);

    // A's next issue runs to its COMMIT, which the network swallows: the backend has done every
    // statement, the center's sequence row among them, and now waits idle in the transaction.
    proxy.hangWhenClientSends('commit\0');
    const cutIssue = issue(a.url).catch((error: unknown) => error as Error);
    const idleInTransaction = async () =>
      (
        await sql<{ pid: number }>`
          SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'idle in transaction'`.execute(db)
      ).rows;
    for (let i = 0; i < 250 && !proxy.hung; i++) await new Promise((r) => setTimeout(r, 20));
    expect(proxy.hung).toBe(true);
    const idle = await idleInTransaction();
    expect(idle).toHaveLength(1);
    const heldAt = performance.now();
    const locked = await sql`
      SELECT last_seq FROM center_sequences WHERE center_id = ${fixture.centerId} FOR UPDATE NOWAIT`
      .execute(db)
      .then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    expect(locked).toBe('55P03'); // lock_not_available: A's backend holds the center's row

    // B waits for the row at most its statement timeout, and says so with a 503.
    const blocked = await issue(b.url);
    expect(blocked.status).toBe(503);
    expect(blocked.body.error?.code).toBe('database_unavailable');
    expect(blocked.ms).toBeLessThan(3_000);

    // Postgres ends A's idle session at 4 s; B then issues for the center.
    const served = await issueUntilServed(b.url, 15_000);
    const releasedMs = performance.now() - heldAt;
    expect(served.status).toBe(201);
    expect(releasedMs).toBeLessThan(10_000);
    expect(await idleInTransaction()).toEqual([]);

    // A answered its citizen 503 (no ticket by halves), lives on, and serves once the network is back.
    const cut = await cutIssue;
    if (cut instanceof Error) throw cut;
    expect(cut.status).toBe(503);
    expect(cut.body.error?.code).toBe('database_unavailable');
    expect(cut.ms).toBeLessThan(5_000);
    expect(a.child.exitCode).toBeNull();
    proxy.flow();
    expect((await issueUntilServed(a.url, 5_000)).status).toBe(201);

    // The cut ticket was rolled back: one ticket per 201, numbered without a hole, seq gapless.
    const tickets = await db
      .selectFrom('tickets')
      .select('number')
      .where('center_id', '=', fixture.centerId)
      .execute();
    const numbers = tickets.map((t) => Number(t.number.slice(1))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: issued }, (_, i) => i + 1));
    const events = await db
      .selectFrom('ticket_events')
      .select('seq')
      .where('center_id', '=', fixture.centerId)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: events.length }, (_, i) => events[0]!.seq + i),
    );
    console.log(
      `[postgres-hang] cut mid-transaction: B refused 503 after ${Math.round(blocked.ms)} ms while the row was held; ` +
        `the server's idle-in-transaction timeout freed it and B issued ${Math.round(releasedMs)} ms after the cut; ` +
        `A answered 503 after ${Math.round(cut.ms)} ms`,
    );
  });
});
