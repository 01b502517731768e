/**
 * The soak (issue 7 §4): BENCH_SOAK_MINUTES (30 by default) of churning connections against
 * one Lượt server: 2,000 subscribed sockets, 2% of them replaced each second (half of the new
 * ones resuming with sinceSeq), while a ticket is issued, called and completed every 2 s.
 * RSS after GC is read after the warm-up (minute 2, or half a short soak), every few minutes,
 * and at the end; the figure is the drift from warm-up to end. Run by name only: `-- soak`.
 */
import type { BenchSuite, Measurement } from '../lib/figures.js';
import { startClerk } from '../memory/clerk.js';
import { type MemoryReading, steadyAfterGc } from '../memory/measured-process.js';
import { BENCH_PASSWORD, CLIENT_CPU, chooseDatabase, startLuot } from '../memory/servers.js';
import { startWatchers } from '../memory/watcher-pool.js';

const WATCHERS = 2_000;
const CHURN_PER_SECOND = 0.02;
const RESUME_SHARE = 0.5;
const CALL_EVERY_MS = 2_000;
const CENTER_ID = 1;

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);

export const soakSuite: BenchSuite = {
  name: 'soak',
  runs: 1,
  onlyByName: true,
  async run(): Promise<Measurement[]> {
    const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
    const warmMinutes = Math.min(2, minutes / 2);
    const sampleEvery = Math.max(1, Math.round(minutes / 10));
    const database = await chooseDatabase();
    const server = await startLuot(database);
    const watchers = startWatchers(CLIENT_CPU);
    let clerk: Awaited<ReturnType<typeof startClerk>> | null = null;
    try {
      await watchers.send({ op: 'open', url: server.url, centerId: CENTER_ID, total: WATCHERS, batch: 200 });
      clerk = await startClerk(server.url, BENCH_PASSWORD, CALL_EVERY_MS);
      await watchers.send({
        op: 'churn',
        url: server.url,
        centerId: CENTER_ID,
        sharePerSecond: CHURN_PER_SECOND,
        sinceSeqShare: RESUME_SHARE,
      });
      // The soak's clock starts once the pool is full and the work flows.
      const started = performance.now();
      const elapsedMinutes = () => (performance.now() - started) / 60_000;
      const samples: Record<string, string> = {};
      const sample = async (label: string): Promise<MemoryReading> => {
        const reading = await steadyAfterGc(server);
        const alive = (await watchers.send({ op: 'stats' })).alive;
        samples[label] =
          `rss ${MiB(reading.rss)} MiB, heap ${MiB(reading.heapUsed)} MiB, ${alive} sockets at ${elapsedMinutes().toFixed(1)} min`;
        console.error(`[soak] ${label}: ${samples[label]}`);
        return reading;
      };
      await settle(warmMinutes * 60_000 - (performance.now() - started));
      const warm = await sample('warm');
      for (let next = sampleEvery; next < minutes; next += sampleEvery) {
        if (next <= elapsedMinutes()) continue;
        await settle((next - elapsedMinutes()) * 60_000);
        await sample(`m${next}`);
      }
      await settle((minutes - elapsedMinutes()) * 60_000);
      const end = await sample('end');
      clerk.stop();
      const final = await watchers.send({ op: 'stop-churn' });
      return [
        {
          key: 'soak.rss-drift',
          label: `RSS drift after GC over a ${minutes}-minute soak (${WATCHERS.toLocaleString('en-US')} churning watchers)`,
          unit: '%',
          value: ((end.rss - warm.rss) / warm.rss) * 100,
          goal: { kind: 'max', limit: 10 },
          notes: {
            database,
            warmRssMiB: MiB(warm.rss),
            endRssMiB: MiB(end.rss),
            heapDriftPercent: Math.round(((end.heapUsed - warm.heapUsed) / warm.heapUsed) * 1000) / 10,
            ...samples,
            socketsOpened: final.opened,
            socketsFailed: final.failed,
            socketsLostByServer: final.lost,
            subscribeRefused: final.refused,
            snapshots: final.snapshots,
            replays: final.replays,
            eventsReceived: final.events,
            lastSeq: final.lastSeq,
            clerkCycles: clerk.stats.cycles,
            clerkErrors: clerk.stats.errors,
            ...(clerk.stats.lastError ? { clerkLastError: clerk.stats.lastError } : {}),
          },
        },
      ];
    } finally {
      clerk?.stop();
      await watchers.stop();
      await server.stop();
    }
  },
};
