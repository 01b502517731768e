/**
 * Redis stopped and started again under two instances (a redis-server of the test's own).
 * During the outage HTTP keeps working on both; after it, the events made meanwhile reach the
 * board on the other instance (late, or by its resync on the gap), each seq exactly once.
 * The outage lasts FAULT_REDIS_OUTAGE_MS (30 s by default, as the issue asks; shorter for quick local runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBoard } from '../helpers/board.js';
import { Cluster, RedisProcess } from '../helpers/cluster.js';
import { hasPostgres } from '../helpers/database.js';
import { pairDevice } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { IN_CI } from '../helpers/services.js';
import { Client } from '../helpers/test-app.js';

const OUTAGE_MS = Number(process.env.FAULT_REDIS_OUTAGE_MS ?? 30_000);

describe.runIf(IN_CI || hasPostgres())('Redis stopped and restarted', () => {
  let redis: RedisProcess | undefined;
  let cluster: Cluster;
  let a: ServerProcess;
  let b: ServerProcess;
  let fixture: CenterFixture;
  let board: TestBoard | undefined;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    cluster = await Cluster.open(redis.url);
    fixture = await createCenterFixture(cluster.db.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    [a, b] = await Promise.all([cluster.start(), cluster.start()]);
  });

  afterAll(async () => {
    board?.close();
    await cluster?.close();
    await redis?.stop();
  });

  it('keeps HTTP up during the outage and the board ends with every seq once', {
    timeout: 30_000 + OUTAGE_MS,
  }, async () => {
    const { centerId, serviceIds, counterIds, usernames } = fixture;
    board = new TestBoard(a.url, centerId);
    await board.until(() => board!.feed.synced);
    const clerk = await new Client(b.url).login(usernames.clerk[0]!);
    expect((await clerk.post(`/api/counters/${counterIds[0]}/open`)).status).toBe(200);
    const kiosk = { authorization: `Bearer ${await pairDevice(cluster.db.db, centerId, 'kiosk')}` };
    const issue = (url: string) =>
      new Client(url, kiosk).post(`/api/centers/${centerId}/tickets`, {
        serviceId: serviceIds.A,
        channel: 'kiosk',
      });

    // Before: B's events cross to the board on A through Redis.
    expect((await issue(b.url)).status).toBe(201);
    await board.untilSeq(await cluster.lastSeq(centerId), 5_000);

    await redis!.stop();
    const outageStart = performance.now();
    const statuses: number[] = [];
    let slowest = 0;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      statuses.push((await issue(i % 2 ? a.url : b.url)).status);
      if (i % 3 === 0) {
        const call = await clerk.post(`/api/counters/${counterIds[0]}/call-next`);
        statuses.push(call.status);
        const id = call.body?.ticket?.id as number;
        statuses.push((await clerk.post(`/api/tickets/${id}/start`)).status);
        statuses.push((await clerk.post(`/api/tickets/${id}/complete`, { outcome: 'resolved' })).status);
      }
      slowest = Math.max(slowest, performance.now() - t);
    }
    statuses.push((await fetch(`${a.url}/readyz`)).status, (await fetch(`${b.url}/readyz`)).status);
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const duringOutage = await cluster.lastSeq(centerId);
    // The outage itself: Redis stays down for the rest of OUTAGE_MS.
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (performance.now() - outageStart))));
    await redis!.start();
    const restartedAt = performance.now();

    // After: one more event through B, then the board must hold every seq exactly once.
    expect((await issue(b.url)).status).toBe(201);
    const last = await cluster.lastSeq(centerId);
    await board.untilSeq(last, 15_000);
    const convergedMs = performance.now() - restartedAt;
    const first = board.snapshots[0]!.seq;
    expect(board.applied.map((e) => e.seq)).toEqual(
      Array.from({ length: last - first }, (_, i) => first + 1 + i),
    );
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();

    const tickets = await cluster.db.db
      .selectFrom('tickets')
      .select('number')
      .where('center_id', '=', centerId)
      .execute();
    expect(tickets).toHaveLength(12);
    console.log(
      `[redis-outage] Redis down ${Math.round(restartedAt - outageStart)} ms; ${statuses.length} HTTP requests during it all succeeded (slowest ${Math.round(slowest)} ms); ` +
        `${duringOutage} seq by then; board converged to seq ${last} ${Math.round(convergedMs)} ms after restart, every seq once (${board.snapshots.length} snapshot(s))`,
    );
  });
});
