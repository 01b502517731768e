/**
 * The backlog guard (server/src/realtime/slow-consumers.ts): a socket that cannot drain what
 * it is sent is cut once its backlog passes SOCKET_MAX_BACKLOG packets, counted in /metrics,
 * and the board reconnects and resyncs by seq. "Cannot drain" is made here by holding the
 * server side of one socket's transport unwritable, as a stalled network holds it; the
 * end-to-end stall through a real network is test/faults/slow-consumer.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBoard } from '../helpers/board.js';
import { nextDisconnect } from '../helpers/cluster.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('slow consumers', () => {
  let database: TestDatabase;
  let app: TestApp;
  const boards: TestBoard[] = [];

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { SOCKET_MAX_BACKLOG: '20', SOCKET_BACKLOG_CHECK_MS: '50' } });
  });
  afterAll(async () => {
    for (const board of boards) board.close();
    await app?.close();
    await database?.close();
  });

  it('cuts a socket whose backlog passes the limit; the board resyncs and the others never notice', async () => {
    const healthy = new TestBoard(app.url, 1);
    const stuck = new TestBoard(app.url, 1);
    boards.push(healthy, stuck);
    await healthy.until(() => healthy.feed.synced);
    await stuck.until(() => stuck.feed.synced);

    const server = app.realtime.io.of('/').sockets.get(stuck.socket.id!);
    expect(server).toBeDefined();
    const transport = (server!.conn as unknown as { transport: { writable: boolean } }).transport;
    transport.writable = false; // what a full network buffer does: engine.io queues instead of sending

    const dropped = nextDisconnect(stuck.socket);
    const kiosk = await kioskClient(database.db, app.url, 1);
    const issued: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await kiosk.post('/api/centers/1/tickets', { serviceId: 1, channel: 'kiosk' });
      expect(res.status).toBe(201);
      issued.push(res.body.id);
    }
    const lastSeq = (await database.db
      .selectFrom('ticket_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('center_id', '=', 1)
      .executeTakeFirstOrThrow()) as { seq: number };
    await healthy.untilSeq(Number(lastSeq.seq));
    expect(await dropped).toBe('transport close'); // a transport cut: clients reconnect by themselves

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^luot_slow_consumers_cut_total 1$/m);

    stuck.reconnect(app.url);
    await stuck.untilSeq(Number(lastSeq.seq));
    for (const board of [healthy, stuck]) {
      const seqs = board.applied.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length); // nothing applied twice
    }
    // The healthy board heard every issue as it happened, one event each.
    expect(healthy.applied.filter((e) => e.type === 'ticket.issued').map((e) => e.ticket?.id)).toEqual(
      issued,
    );
  });
});
