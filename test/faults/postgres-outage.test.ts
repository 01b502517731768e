/**
 * Postgres unreachable under a running instance: a TCP proxy between them that the test cuts.
 * Requests get 503 database_unavailable, the process lives on, no ticket is half written;
 * when the proxy is restored the same process serves again without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database.js';
import { isDatabaseUnavailable } from '../../server/src/http/error-handler.js';
import { Cluster, TcpProxy } from '../helpers/cluster.js';
import { hasPostgres } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { IN_CI } from '../helpers/services.js';
import { Client } from '../helpers/test-app.js';

describe.runIf(IN_CI || hasPostgres())('Postgres unreachable and back', () => {
  let proxy: TcpProxy | undefined;
  let cluster: Cluster;
  let server: ServerProcess;
  let fixture: CenterFixture;

  beforeAll(async () => {
    cluster = await Cluster.open(null);
    fixture = await createCenterFixture(cluster.db.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    const direct = new URL(cluster.databaseUrl);
    proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(cluster.databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await cluster.start({ DATABASE_URL: viaProxy.toString() });
  });

  afterAll(async () => {
    await cluster?.close();
    await proxy?.close();
  });

  it('answers 503 while cut, writes nothing by halves, and serves again once restored', async () => {
    const { centerId, serviceIds, counterIds, usernames } = fixture;
    const citizen = await kioskClient(cluster.db.db, server.url, centerId);
    const issue = () =>
      citizen.post(`/api/centers/${centerId}/tickets`, { serviceId: serviceIds.A, channel: 'kiosk' });
    const clerk = await new Client(server.url).login(usernames.clerk[0]!);
    expect((await clerk.post(`/api/counters/${counterIds[0]}/open`)).status).toBe(200);
    expect((await issue()).status).toBe(201);
    expect((await issue()).status).toBe(201);

    proxy!.cut();
    const cutAt = performance.now();
    const during = [
      await issue(),
      await clerk.post(`/api/counters/${counterIds[0]}/call-next`),
      await issue(),
    ];
    for (const res of during) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('database_unavailable');
    }
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toBe('database unreachable');
    const answeredMs = performance.now() - cutAt;
    expect(server.child.exitCode).toBeNull();

    proxy!.restore();
    const restoredAt = performance.now();
    let again = await issue();
    for (let i = 0; i < 50 && again.status !== 201; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await issue();
    }
    expect(again.status).toBe(201);
    const resumedMs = performance.now() - restoredAt;
    const call = await clerk.post(`/api/counters/${counterIds[0]}/call-next`);
    expect(call.status).toBe(200);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/Lượt failed|uncaught|unhandled/i);

    // Nothing by halves: three tickets answered 201, three in the database, numbers 1–3, each
    // with its one issue event, and the sequence has no hole where a refused request was.
    const db = cluster.db.db;
    const tickets = await db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('center_id', '=', centerId)
      .execute();
    expect(tickets.map((t) => Number(t.number.slice(1))).sort()).toEqual([1, 2, 3]);
    const events = await db
      .selectFrom('ticket_events')
      .select(['seq', 'type'])
      .where('center_id', '=', centerId)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: events.length }, (_, i) => events[0]!.seq + i),
    );
    expect(events.filter((e) => e.type === 'ticket.issued')).toHaveLength(3);
    console.log(
      `[postgres-outage] cut: 3 requests answered 503 database_unavailable and /readyz 503 within ${Math.round(answeredMs)} ms; ` +
        `restored: served again after ${Math.round(resumedMs)} ms, same process`,
    );
  });

  it('survives losing the database while a connection is checked out between two statements', async () => {
    // pg emits 'error' on such a client with nobody listening, which kills a process that
    // does not listen itself (seen once in CI as a crash under this very test).
    const viaProxy = new URL(cluster.databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy!.port);
    const handle = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '' });
    try {
      const client = await handle.pool!.connect();
      await client.query('BEGIN');
      proxy!.cut();
      // Wait for pg to notice the reset (its private flag; bounded, no fixed sleep).
      const deadline = Date.now() + 5_000;
      while ((client as unknown as { _queryable: boolean })._queryable && Date.now() < deadline) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      const failed = await client.query('SELECT 1').then(
        () => null,
        (error: unknown) => error,
      );
      expect(isDatabaseUnavailable(failed)).toBe(true);
      client.release();
      proxy!.restore();
      const { rows } = await handle.pool!.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      proxy!.restore();
      await handle.close();
    }
  });
});
