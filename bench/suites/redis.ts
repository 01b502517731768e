/**
 * Issue 7 item 5, added latency of a second instance through Redis: two Lượt instances on one
 * fresh Postgres database and the machine's Redis (a REDIS_PREFIX of this run's own). The
 * clerk calls on instance A; 1,000 watchers of the center are on instance B (every event
 * crosses Redis), then the same 1,000 on A (the same cluster, only the hop differs). Figure:
 * the difference in call → last board, p50 and p99 over 200 calls each (after 20 warm-up),
 * goals ≤ 5 ms and ≤ 10 ms; the one-instance figure is shown as the baseline. Both instances
 * pinned to core 0, the watcher fleet to core 1.
 */

import { REDIS_URL } from '../../harness/services.js';
import { WatcherFleet } from '../fanout/fleet.js';
import type { Target } from '../fanout/fleet-protocol.js';
import { type Stats, stats } from '../fanout/latency.js';
import { homeSpot, type LuotDeployment, openLuot } from '../fanout/luot.js';
import { WATCHER_CPU } from '../fanout/servers.js';
import type { BenchSuite, Measurement } from '../lib/figures.js';
import { round } from '../lib/figures.js';

const WATCHERS = 1000;
const WARMUP = 20;
const CALLS = 200;
const PERIOD_MS = 150;

export const redisSuite: BenchSuite = {
  name: 'redis',
  async run(): Promise<Measurement[]> {
    let deployment: LuotDeployment | null = null;
    try {
      deployment = await openLuot('luot_bench_redis', 2, {
        REDIS_URL,
        REDIS_PREFIX: `luot-bench-redis-${process.pid}-${Date.now()}`,
      });
      const a = deployment.servers[0]!;
      const b = deployment.servers[1]!;
      const { clerk, spot } = await homeSpot(a.url, 2 * (WARMUP + CALLS) + 5);
      const target: Target = { kind: 'luot', url: a.url, cookie: clerk.cookie };
      const measure = async (watchersOn: string): Promise<Stats> => {
        const fleet = WatcherFleet.start(WATCHER_CPU);
        try {
          const opened = await fleet.connect(watchersOn, Array(WATCHERS).fill(spot.centerId), 50);
          const reply = await fleet.request(
            { type: 'sequential', target, spot, warmup: WARMUP, calls: CALLS, periodMs: PERIOD_MS },
            'calls',
          );
          return stats(reply, { connectS: round(opened.ms / 1000, 1) });
        } finally {
          await fleet.close();
        }
      };
      const two = await measure(b.url);
      const one = await measure(a.url);
      const notes = {
        ...Object.fromEntries(Object.entries(two.notes).map(([k, v]) => [`twoInstances.${k}`, v])),
        twoInstancesP50Ms: round(two.p50),
        twoInstancesP99Ms: round(two.p99),
      };
      const added = (p: 'p50' | 'p99', limit: number): Measurement => ({
        key: `redis.added.${p}`,
        label: `added by a second instance through Redis, call → last of 1,000 boards, ${p}`,
        unit: 'ms',
        value: round(two[p] - one[p]),
        baseline: { label: `all on one instance, ${p}`, value: round(one[p]) },
        goal: { kind: 'max', limit },
        ...(p === 'p99' ? { notes } : {}),
      });
      return [added('p50', 5), added('p99', 10)];
    } finally {
      await deployment?.close();
    }
  },
};
