/**
 * A waiting-room board on a dead-slow network (a proxy that stops delivering what the server
 * sends it) must not slow calls or the other boards: Socket.IO hands each broadcast to every
 * socket without waiting. When its network flows again it gets what it missed, in order.
 * (A board that falls so far behind that its backlog passes SOCKET_MAX_BACKLOG is cut and
 * resyncs: test/integration/slow-consumers.test.ts; the kernel's buffers hold megabytes
 * before that backlog grows, too much to fill here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/src/protocol.js';
import { TestBoard } from '../helpers/board.js';
import { Cluster, TcpProxy } from '../helpers/cluster.js';
import { hasPostgres } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { IN_CI } from '../helpers/services.js';
import { Client } from '../helpers/test-app.js';

const CYCLES = 30;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.runIf(IN_CI || hasPostgres())('a slow consumer', () => {
  let cluster: Cluster;
  let server: ServerProcess;
  let proxy: TcpProxy;
  let fixture: CenterFixture;
  const boards: TestBoard[] = [];

  beforeAll(async () => {
    cluster = await Cluster.open(null);
    fixture = await createCenterFixture(cluster.db.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    server = await cluster.start({ SOCKET_MAX_BACKLOG: '50', SOCKET_BACKLOG_CHECK_MS: '100' });
    proxy = await TcpProxy.start('127.0.0.1', Number(new URL(server.url).port));
  });

  afterAll(async () => {
    for (const board of boards) board.close();
    await proxy?.close();
    await cluster?.close();
  });

  it('slows no call and no other board, and catches up in order when its network flows', async () => {
    const { centerId, serviceIds, counterIds, usernames } = fixture;
    const viaProxy = `http://127.0.0.1:${proxy.port}`;
    const fast = new TestBoard(server.url, centerId);
    const slow = new TestBoard(viaProxy, centerId);
    boards.push(fast, slow);
    await fast.until(() => fast.feed.synced);
    await slow.until(() => slow.feed.synced);

    const kiosk = await kioskClient(cluster.db.db, server.url, centerId);
    const issue = () =>
      kiosk.post(`/api/centers/${centerId}/tickets`, { serviceId: serviceIds.A, channel: 'kiosk' });
    const clerk = await new Client(server.url).login(usernames.clerk[0]!);
    expect((await clerk.post(`/api/counters/${counterIds[0]}/open`)).status).toBe(200);

    const calledOn = (board: TestBoard, id: number) => () =>
      board.applied.some((e: LiveEvent) => e.type === 'ticket.called' && e.ticket?.id === id);
    /** Issue, call (timed until the fast board has the call), start, complete; median latencies. */
    const cycles = async () => {
      const http: number[] = [];
      const board: number[] = [];
      for (let i = 0; i < CYCLES; i++) {
        expect((await issue()).status).toBe(201);
        const t = performance.now();
        const call = await clerk.post(`/api/counters/${counterIds[0]}/call-next`);
        http.push(performance.now() - t);
        expect(call.status).toBe(200);
        await fast.until(calledOn(fast, call.body.ticket.id), 5_000);
        board.push(performance.now() - t);
        expect((await clerk.post(`/api/tickets/${call.body.ticket.id}/start`)).status).toBe(200);
        expect((await clerk.post(`/api/tickets/${call.body.ticket.id}/complete`, {})).status).toBe(200);
      }
      return { http: median(http), board: median(board) };
    };

    const flowing = await cycles();
    proxy.stall();
    const seqAtStall = fast.feed.seq;
    const stalled = await cycles();
    // The stall is real: the slow board heard nothing of the calls made meanwhile.
    expect(slow.feed.seq).toBeLessThanOrEqual(seqAtStall);
    expect(fast.feed.seq).toBeGreaterThan(seqAtStall + 2 * CYCLES);

    // When the network flows again the slow board gets everything it missed, in order, once.
    const lastSeq = await cluster.lastSeq(centerId);
    await fast.untilSeq(lastSeq);
    proxy.flow();
    await slow.untilSeq(lastSeq, 10_000);
    const seqs = slow.applied.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.at(-1)! - seqs[0]! + 1).toBe(seqs.length); // and nothing skipped
    console.log(
      `[slow-consumer] median call ${flowing.http.toFixed(1)} ms, ${stalled.http.toFixed(1)} ms with a stalled board; ` +
        `call → the other board ${flowing.board.toFixed(1)} ms, ${stalled.board.toFixed(1)} ms; ` +
        `the stalled board caught up to seq ${lastSeq}, every seq once`,
    );
    // Generous: a stalled board must not make calls or the other board measurably slower.
    expect(stalled.http).toBeLessThan(3 * flowing.http + 25);
    expect(stalled.board).toBeLessThan(3 * flowing.board + 25);
  }, 60_000);
});
