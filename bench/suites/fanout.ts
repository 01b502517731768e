/**
 * Issue 7 item 1, call → last board: one center's room with 1,000 and then 5,000 watchers;
 * from just before the clerk's POST call-next to the `ticket.called` event reaching the last
 * watcher, p50/p99/max over 200 calls (after 20 warm-up calls), next to the bare Socket.IO
 * server (bench/fanout/bare-server.ts) broadcasting a same-sized event to as many clients.
 * Method: the server (Lượt on a fresh Postgres database, or bare) pinned to core 0, the
 * watcher fleet (sockets and driver in one process, one clock) pinned to core 1. After each
 * call the ticket is marked no-show (the counter is free again) and that event is let land
 * before the next call; calls start at least 100 ms apart (a queue's positions refresh
 * 100 ms after a change, mostly while the no-show lands, as between a real center's calls).
 */
import { WatcherFleet } from '../fanout/fleet.js';
import type { Spot, Target } from '../fanout/fleet-protocol.js';
import { latencyFigures, type Stats, stats } from '../fanout/latency.js';
import { homeSpot, type LuotDeployment, openLuot } from '../fanout/luot.js';
import { cpuMs, SERVER_CPU, startBare, WATCHER_CPU } from '../fanout/servers.js';
import type { BenchSuite, Measurement } from '../lib/figures.js';
import { round } from '../lib/figures.js';

export interface FanoutPlan {
  /** Watchers of the one center, in rising order (each size adds sockets to the last). */
  sizes: number[];
  warmup: number;
  calls: number;
  /** A call starts at least this long after the one before. */
  periodMs: number;
  /** Sockets opening at a time. */
  concurrency: number;
}

export const FANOUT_PLAN: FanoutPlan = {
  sizes: [1000, 5000],
  warmup: 20,
  calls: 200,
  periodMs: 100,
  concurrency: 50,
};

/** Connects each size in turn to the spot's center and times calls there. */
async function bySize(
  fleet: WatcherFleet,
  url: string,
  target: Target,
  spot: Spot,
  plan: FanoutPlan,
  serverPid: number | undefined,
): Promise<Map<number, Stats>> {
  const out = new Map<number, Stats>();
  let connected = 0;
  for (const size of plan.sizes) {
    const centers = Array.from({ length: size - connected }, () => spot.centerId);
    const opened = await fleet.connect(url, centers, plan.concurrency);
    connected = size;
    const cpu = cpuMs(serverPid);
    const t = performance.now();
    const { warmup, calls, periodMs } = plan;
    const reply = await fleet.request({ type: 'sequential', target, spot, warmup, calls, periodMs }, 'calls');
    const used = cpuMs(serverPid) - cpu;
    out.set(
      size,
      stats(reply, {
        connectS: round(opened.ms / 1000, 1),
        serverCpuPercent: round((used / (performance.now() - t)) * 100, 0),
        serverCpuMsPerCall: round(used / (warmup + calls), 1),
      }),
    );
  }
  return out;
}

async function bare(plan: FanoutPlan): Promise<Map<number, Stats>> {
  const server = await startBare(SERVER_CPU);
  const fleet = WatcherFleet.start(WATCHER_CPU);
  try {
    const target: Target = { kind: 'bare', url: server.url };
    return await bySize(fleet, server.url, target, { centerId: 1, counterId: 1 }, plan, server.pid);
  } finally {
    await fleet.close();
    await server.stop();
  }
}

async function luot(plan: FanoutPlan): Promise<Map<number, Stats>> {
  let deployment: LuotDeployment | null = null;
  const fleet = WatcherFleet.start(WATCHER_CPU);
  try {
    deployment = await openLuot('luot_bench_fanout', 1);
    const server = deployment.servers[0]!;
    const { clerk, spot } = await homeSpot(server.url, plan.sizes.length * (plan.warmup + plan.calls) + 5);
    const target: Target = { kind: 'luot', url: server.url, cookie: clerk.cookie };
    return await bySize(fleet, server.url, target, spot, plan, server.child.pid);
  } finally {
    await fleet.close();
    await deployment?.close();
  }
}

export async function runFanout(plan: FanoutPlan): Promise<Measurement[]> {
  const baseline = await bare(plan);
  const ours = await luot(plan);
  return plan.sizes.flatMap((size) => {
    const n = size.toLocaleString('en-US');
    return latencyFigures(
      `fanout.${size}`,
      `call → last of ${n} boards (one center)`,
      ours.get(size)!,
      { label: `bare Socket.IO broadcast to ${n}`, stats: baseline.get(size)! },
      { p99: { kind: 'ratio-max', limit: 1.3 } },
    );
  });
}

export const fanoutSuite: BenchSuite = {
  name: 'fanout',
  run: () => runFanout(FANOUT_PLAN),
};
