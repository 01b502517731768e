/**
 * Issue 7 item 1 at a province's scale: 10,000 watchers spread evenly over 20 centers (500
 * boards and phones each), every center calling every 2 s, staggered: 10 calls/s in all.
 * Why that rate: a city center issues ~1,000 tickets a day over ~8 hours (0.035 calls/s);
 * at a peak of 3× the average and 20 centers that is ~2 calls/s, so 10 calls/s is 5× a
 * province's peak. Figure: call → last board of that center, p99 over the 30 s measured
 * (after 4 s warm-up), goal ≤ 50 ms. Lượt on a fresh Postgres database, pinned to core 0;
 * the watcher fleet (sockets and driver, one clock) on core 1. The admin signs in once and
 * calls at every center's counter; each called ticket is marked no-show once every board has it.
 */
import { createCenters, readyToCall, Staff } from '../fanout/centers.js';
import { WatcherFleet } from '../fanout/fleet.js';
import type { Spot } from '../fanout/fleet-protocol.js';
import { latencyFigures, stats } from '../fanout/latency.js';
import { homeSpot, type LuotDeployment, openLuot } from '../fanout/luot.js';
import { cpuMs, WATCHER_CPU } from '../fanout/servers.js';
import type { BenchSuite, Measurement } from '../lib/figures.js';
import { round } from '../lib/figures.js';

export interface ProvincePlan {
  centers: number;
  watchers: number;
  intervalMs: number;
  durationMs: number;
  warmupMs: number;
  concurrency: number;
}

export const PROVINCE_PLAN: ProvincePlan = {
  centers: 20,
  watchers: 10_000,
  intervalMs: 2000,
  durationMs: 30_000,
  warmupMs: 4000,
  concurrency: 50,
};

export async function runProvince(plan: ProvincePlan): Promise<Measurement[]> {
  let deployment: LuotDeployment | null = null;
  const fleet = WatcherFleet.start(WATCHER_CPU);
  try {
    deployment = await openLuot('luot_bench_province', 1);
    const server = deployment.servers[0]!;
    const perCenter = Math.ceil((plan.warmupMs + plan.durationMs) / plan.intervalMs) + 3;
    const { spot: home } = await homeSpot(server.url, perCenter);
    const admin = await Staff.login(server.url, 'admin');
    const spots: Spot[] = [home, ...(await createCenters(admin, plan.centers - 1))];
    for (const spot of spots.slice(1)) await readyToCall(admin, spot, perCenter);

    const centers = Array.from({ length: plan.watchers }, (_, i) => spots[i % spots.length]!.centerId);
    const opened = await fleet.connect(server.url, centers, plan.concurrency);
    const cpu = cpuMs(server.child.pid);
    const t = performance.now();
    const reply = await fleet.request(
      {
        type: 'paced',
        target: { kind: 'luot', url: server.url, cookie: admin.cookie },
        spots,
        intervalMs: plan.intervalMs,
        durationMs: plan.durationMs,
        warmupMs: plan.warmupMs,
      },
      'calls',
    );
    const serverCpuPercent = round(((cpuMs(server.child.pid) - cpu) / (performance.now() - t)) * 100, 0);
    const n = plan.watchers.toLocaleString('en-US');
    return latencyFigures(
      `province.${plan.watchers}`,
      `call → last board, ${n} watchers over ${plan.centers} centers, ${(plan.centers * 1000) / plan.intervalMs} calls/s`,
      stats(reply, { connectS: round(opened.ms / 1000, 1), serverCpuPercent }),
      null,
      { p99: { kind: 'max', limit: 50 } },
    );
  } finally {
    await fleet.close();
    await deployment?.close();
  }
}

export const provinceSuite: BenchSuite = {
  name: 'province',
  run: () => runProvince(PROVINCE_PLAN),
};
