/**
 * Memory per idle watcher (issue 7 §4): (RSS after GC with N idle subscribed sockets − RSS
 * after GC with none) ÷ N, for Lượt and for the bare Socket.IO server with the same clients.
 * Servers run on CPU 0, the sockets in their own process on CPU 1. Both servers first serve
 * and drop a few hundred sockets, so the zero reading already holds the code those paths load.
 * RSS is what the goal is about, but a server whose start-up left freed pages behind (Lượt's
 * migrations, seed and web build) grows into them before RSS moves, so its RSS delta can sit
 * below its heap delta; heap used per watcher is in the notes for that reason.
 */
import type { BenchSuite, Measurement } from '../lib/figures.js';
import { type MeasuredProcess, type MemoryReading, steadyAfterGc } from '../memory/measured-process.js';
import { CLIENT_CPU, chooseDatabase, startBare, startLuot } from '../memory/servers.js';
import { startWatchers } from '../memory/watcher-pool.js';

const COUNTS = [5_000, 10_000];
const WARM_UP = 300;
const BATCH = 250;
const CENTER_ID = 1;

interface Profile {
  zero: MemoryReading;
  at: Map<number, MemoryReading>;
  openMs: number;
  failed: number;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function profile(start: () => Promise<MeasuredProcess>): Promise<Profile> {
  const server = await start();
  const watchers = startWatchers(CLIENT_CPU);
  try {
    // sinceSeq 0 on a fresh database answers with the (empty) event list instead of a
    // snapshot: the socket ends in the same room with the same server state, twice as fast.
    const open = (total: number) =>
      watchers.send({ op: 'open', url: server.url, centerId: CENTER_ID, total, batch: BATCH, sinceSeq: 0 });
    await open(WARM_UP);
    await watchers.send({ op: 'close' });
    await settle(1000);
    const zero = await steadyAfterGc(server);
    const at = new Map<number, MemoryReading>();
    const t = performance.now();
    let failed = 0;
    for (const n of COUNTS) {
      failed = (await open(n)).failed;
      at.set(n, await steadyAfterGc(server));
    }
    const openMs = performance.now() - t;
    await watchers.send({ op: 'close' });
    return { zero, at, openMs, failed };
  } finally {
    await watchers.stop();
    await server.stop();
  }
}

const perSocketKiB = (p: Profile, n: number, field: keyof MemoryReading) =>
  (p.at.get(n)![field] - p.zero[field]) / n / 1024;
const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);

export const memorySuite: BenchSuite = {
  name: 'memory',
  async run(): Promise<Measurement[]> {
    const database = await chooseDatabase();
    const luot = await profile(() => startLuot(database));
    const bare = await profile(startBare);
    return COUNTS.map((n) => ({
      key: `memory.${n}.per-watcher`,
      label: `RSS per idle watcher, ${n.toLocaleString('en-US')} subscribed sockets`,
      unit: 'KiB',
      value: perSocketKiB(luot, n, 'rss'),
      baseline: { label: 'bare Socket.IO', value: perSocketKiB(bare, n, 'rss') },
      goal: { kind: 'ratio-max', limit: 1.2 },
      notes: {
        database,
        heapPerWatcherKiB: Math.round(perSocketKiB(luot, n, 'heapUsed') * 100) / 100,
        bareHeapPerWatcherKiB: Math.round(perSocketKiB(bare, n, 'heapUsed') * 100) / 100,
        rssZeroMiB: MiB(luot.zero.rss),
        rssAtNMiB: MiB(luot.at.get(n)!.rss),
        bareRssZeroMiB: MiB(bare.zero.rss),
        bareRssAtNMiB: MiB(bare.at.get(n)!.rss),
        openSeconds: Math.round(luot.openMs / 1000),
        bareOpenSeconds: Math.round(bare.openMs / 1000),
        failedSockets: luot.failed,
        bareFailedSockets: bare.failed,
      },
    }));
  },
};
