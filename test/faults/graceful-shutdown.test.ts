/**
 * SIGTERM to one of two instances: /readyz says draining while it still serves, then it stops
 * accepting, finishes the request in flight, closes its sockets (the board moves to the other
 * instance and misses nothing), and exits 0.
 */
import { once } from 'node:events';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBoard } from '../helpers/board.js';
import { Cluster, isNetworkError, nextDisconnect } from '../helpers/cluster.js';
import { hasPostgres, redisUrl } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { IN_CI } from '../helpers/services.js';

const DRAIN_MS = 1500;

describe.runIf(IN_CI || (hasPostgres() && redisUrl() !== null))('graceful shutdown on SIGTERM', () => {
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;
  let fixture: CenterFixture;
  let board: TestBoard | undefined;

  beforeAll(async () => {
    cluster = await Cluster.open(redisUrl()!);
    fixture = await createCenterFixture(cluster.db.db, { services: ['A'], counters: [['A']] });
    [a, b] = await Promise.all([cluster.start({ SHUTDOWN_DRAIN_MS: String(DRAIN_MS) }), cluster.start()]);
  });

  afterAll(async () => {
    board?.close();
    await cluster?.close();
  });

  it('drains, finishes the request in flight, moves the board, exits 0', async () => {
    const { centerId, serviceIds } = fixture;
    board = new TestBoard(a.url, centerId);
    await board.until(() => board!.feed.synced);
    const disconnected = nextDisconnect(board.socket);

    // A ticket request whose body is still on its way when SIGTERM arrives.
    const body = JSON.stringify({ serviceId: serviceIds.A });
    const { port } = new URL(a.url);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/centers/${centerId}/tickets`,
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const response = once(req, 'response');
    req.flushHeaders();
    await once(req, 'continue'); // the server has the headers: the request is in flight
    req.write(body.slice(0, 10));

    const exited = once(a.child, 'exit');
    const signalledAt = performance.now();
    a.child.kill('SIGTERM');

    // While draining, /readyz says so (load balancers stop sending) and the socket stays up.
    let draining = false;
    for (let i = 0; i < 100 && !draining; i++) {
      const res = await fetch(`${a.url}/readyz`);
      draining = res.status === 503 && ((await res.json()) as { reason?: string }).reason === 'draining';
    }
    expect(draining).toBe(true);
    expect(board.socket.connected).toBe(true);

    // Then it stops accepting new connections…
    let refused = false;
    for (let i = 0; i < 200 && !refused; i++) {
      try {
        await fetch(`${a.url}/healthz`, { headers: { connection: 'close' } });
        await new Promise((r) => setTimeout(r, 25));
      } catch (error) {
        refused = isNetworkError(error);
      }
    }
    expect(refused).toBe(true);
    const stoppedAcceptingMs = performance.now() - signalledAt;

    // …closes the sockets so their clients go elsewhere…
    const reason = await disconnected;
    expect(reason).toBe('transport close');

    // …and still finishes the request in flight.
    req.end(body.slice(10));
    const [res] = (await response) as [import('node:http').IncomingMessage];
    let text = '';
    for await (const chunk of res) text += chunk;
    expect(res.statusCode).toBe(201);
    const ticket = JSON.parse(text) as { id: number };
    const row = await cluster.db.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', ticket.id)
      .executeTakeFirst();
    expect(row?.status).toBe('waiting');

    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    const exitMs = performance.now() - signalledAt;

    // The board resumes on B from its last seq: the in-flight ticket and one more, each once.
    board.reconnect(b.url);
    expect(
      (
        await (
          await kioskClient(cluster.db.db, b.url, centerId)
        ).post(`/api/centers/${centerId}/tickets`, {
          serviceId: serviceIds.A,
          channel: 'kiosk',
        })
      ).status,
    ).toBe(201);
    const last = await cluster.lastSeq(centerId);
    await board.untilSeq(last, 10_000);
    const first = board.snapshots[0]!.seq;
    expect(board.applied.map((e) => e.seq)).toEqual(
      Array.from({ length: last - first }, (_, i) => first + 1 + i),
    );
    console.log(
      `[graceful-shutdown] drain ${DRAIN_MS} ms; stopped accepting after ${Math.round(stoppedAcceptingMs)} ms; exit 0 after ${Math.round(exitMs)} ms`,
    );
  });
});
