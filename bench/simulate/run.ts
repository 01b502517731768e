/**
 * `npm run simulate`: a day (or part of one) of N centers driving the real server through its
 * HTTP API and sockets: kiosks issue by an hourly arrival curve, clerk bots call, serve, mark
 * no-shows, transfer and take breaks, boards watch each center room. See options.ts for flags.
 *
 * Time: the server's clock is real and cannot be sped up, so the simulator keeps its own clock
 * (clock.ts) and every bot sleeps scaled durations. Waits are measured from the server's
 * timestamps, in real seconds, and scaled back to simulated minutes for the report. The
 * server's estimate at issue is in real seconds too, computed from the real times between
 * recent calls, which are as accelerated as everything else; so the estimate and the wait
 * shrink by the same factor and the error is computed in real time, then reported in both.
 * What does not scale: request latency (reported, and as simulated seconds at p99) and the
 * server's few real-time settings (ageing, scaled where the API allows, see province.ts; the
 * default service time, scaled in the database, see scaled-defaults.ts).
 *
 * Processes: one server process (sim-server.ts) on a temporary DATA_DIR, removed at the end,
 * or on --database-url. It is stopped after setting up the centers, the services' default
 * service times are scaled to the speed (scaled-defaults.ts) and any --seed-history is written
 * with Kysely, and it is started again, so history seqs come before the live day's. Every process started is stopped on exit, on Ctrl-C and on failure.
 */
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '../../harness/http-client.js';
import { DataDirLockedError } from '../../server/src/db/data-dir-lock.js';
import { openDatabase } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { generateDemoPassword, seedDemo } from '../../server/src/seed/demo-seed.js';
import { parseCurve } from './arrival-curve.js';
import { BoardWatcher } from './board-watcher.js';
import { type BotTally, runClerkBot, signIn } from './clerk-bot.js';
import { formatClock, SimClock } from './clock.js';
import type { SimContext } from './context.js';
import { checkDatabase } from './db-checks.js';
import { seedHistory } from './history.js';
import { runKiosk } from './kiosk.js';
import { Ledger } from './ledger.js';
import { parseOptions, type SimOptions, USAGE } from './options.js';
import { type SimCenter, setUpCenters } from './province.js';
import { seededRng } from './random.js';
import { buildReport, markdown, writeReport } from './report.js';
import { scaleDefaultServiceTimes } from './scaled-defaults.js';
import { type SimServer, startSimServer } from './sim-server.js';
import { WorkSignal } from './work-signal.js';

const log = (line: string) => console.error(`[simulate] ${line}`);

/** Everything to undo, newest first: stop the server, remove the temp directory. */
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      log(`cleanup: ${String(err)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}
// A stray rejection must not leave the server running or its temp directory behind.
process.on('unhandledRejection', (reason) => {
  log(`unhandled: ${String(reason)}; stopping`);
  void cleanUp().finally(() => process.exit(1));
});

/** The user's embedded database: history only, refused while a server holds it. */
async function historyOnly(options: SimOptions): Promise<void> {
  const dir = resolve(options.dataDir!);
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase({ databaseUrl: null, dataDir: dir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      log(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  try {
    await migrateToLatest(handle.db);
    const seeded = await seedDemo(handle.db, options.password);
    if (seeded.generatedPassword)
      log(`empty database: demo center seeded, password ${seeded.generatedPassword}`);
    const results = await seedHistory(
      handle.db,
      options.seedHistory,
      parseCurve(options.curve),
      (_id, i) => (i === 0 ? options.ticketsPerDay : Math.round(options.ticketsPerDay * 0.35)),
      seededRng(options.seed),
      log,
    );
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await handle.close();
  }
}

/** With the server stopped: scale the default service times to the speed, then write the history. */
async function writeDirectly(options: SimOptions, dataDir: string | null, centers: SimCenter[]) {
  const handle = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: dataDir ?? '',
    poolSize: 2,
  });
  try {
    await scaleDefaultServiceTimes(
      handle.db,
      centers.map((c) => c.id),
      options.speed,
    );
    if (options.seedHistory === 0) return null;
    const perDay = new Map(centers.map((c) => [c.id, c.ticketsPerDay]));
    return await seedHistory(
      handle.db,
      options.seedHistory,
      parseCurve(options.curve),
      (id) => perDay.get(id) ?? Math.round(options.ticketsPerDay * 0.35),
      seededRng(options.seed + 7),
      log,
    );
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const options = parsed;
  if (options.dataDir) return historyOnly(options);
  const t0 = performance.now();
  const curve = parseCurve(options.curve);
  const rng = seededRng(options.seed);
  // A generated one passes the staff password policy (a short one would stop the server it starts).
  const password = options.password ?? generateDemoPassword();
  const dataDir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'luot-simulate-'));
  if (dataDir) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

  let server: SimServer | null = null;
  const start = async () => {
    server = await startSimServer({ dataDir, databaseUrl: options.databaseUrl, password });
    const s = server;
    cleanups.push(async () => {
      await s.stop();
    });
    log(`server ${s.base} (pid ${s.child.pid}) on ${dataDir ? `embedded ${dataDir}` : 'PostgreSQL'}`);
    return s;
  };
  const stop = async () => {
    if (server) {
      await server.stop();
      cleanups.pop();
      server = null;
    }
  };

  let current = await start();
  let admin = new Client(current.base);
  await admin.login('admin', password);
  const centers = await setUpCenters(admin, { ...options, password }, curve, rng, log);
  let history: unknown = null;
  if (options.seedHistory > 0 || options.speed !== 1) {
    await stop();
    history = await writeDirectly(options, dataDir, centers);
    current = await start();
    // A new process on a new port: the admin's client and session were the old one's.
    admin = new Client(current.base);
    await admin.login('admin', password);
  }

  const ledger = new Ledger();
  const ctx: SimContext = {
    base: current.base,
    clock: new SimClock(options.speed, options.from),
    ledger,
    options,
    password,
    latencies: [],
    stopping: new AbortController(),
  };
  setMaxListeners(0, ctx.stopping.signal); // every kiosk sleeps on it
  const signals = new Map(centers.map((c) => [c.id, new WorkSignal()]));
  const boards = centers.flatMap((c) =>
    Array.from(
      { length: options.boards },
      (_, i) =>
        new BoardWatcher(current.base, c.id, (e) => {
          if (i === 0) signals.get(c.id)!.onEvent(e);
        }),
    ),
  );
  cleanups.push(() => {
    for (const b of boards) b.close();
  });
  await Promise.all(boards.map((b) => b.ready()));

  let issuingDone = false;
  const done = () => issuingDone && ledger.pendingIssues === 0 && ledger.openLegs() === 0;
  const totalCounters = centers.reduce((a, c) => a + c.counters.length, 0);
  log(
    `${centers.length} centers, ${totalCounters} clerk bots, ${boards.length} boards; day ${formatClock(options.from)}–${formatClock(options.to)} at ×${options.speed}`,
  );

  // Every clerk signs in before the doors open, a few at a time (scrypt is deliberately slow).
  const sessions = new Map<number, Client>();
  const all = centers.flatMap((c) => c.counters);
  for (let i = 0; i < all.length; i += 4) {
    await Promise.all(
      all
        .slice(i, i + 4)
        .map(async (k) => sessions.set(k.id, await signIn(current.base, k.username, password))),
    );
  }
  log(`${sessions.size} clerks signed in; doors open`);
  const clock = new SimClock(options.speed, options.from);
  ctx.clock = clock;
  const emptyTally: BotTally = {
    calls: 0,
    served: 0,
    noShows: 0,
    transfers: 0,
    breaks: 0,
    priorityConfirmed: 0,
    feedback: 0,
  };
  const bots: Promise<BotTally>[] = centers.flatMap((c) =>
    c.counters.map((k) =>
      runClerkBot(
        ctx,
        c,
        k,
        signals.get(c.id)!,
        seededRng(options.seed * 1000 + k.id),
        done,
        sessions.get(k.id)!,
      ).catch((err: unknown) => {
        ledger.note(`bot of center ${c.id} counter ${k.number} stopped: ${String(err)}`);
        return emptyTally;
      }),
    ),
  );
  const kiosks = centers.map((c) =>
    runKiosk(ctx, c, curve, seededRng(options.seed * 7919 + c.id)).catch((err: unknown) => {
      ledger.note(`kiosk of center ${c.id} stopped: ${String(err)}`);
      return 0;
    }),
  );

  const progress = setInterval(() => {
    const served = ledger.citizens.reduce((a, c) => a + c.legs.filter((l) => l.final !== null).length, 0);
    const lat = ctx.latencies.slice(-500).sort((a, b) => a - b);
    log(
      `${formatClock(clock.minute())} issued ${ledger.citizens.length}, finished legs ${served}, open ${ledger.openLegs()}, ` +
        `requests ${ctx.latencies.length} (recent p50 ${Math.round(lat[Math.floor(lat.length / 2)] ?? 0)} ms)`,
    );
  }, 10_000);
  cleanups.push(() => clearInterval(progress));

  await Promise.all(kiosks);
  issuingDone = true;
  const lastArrival = clock.minute();
  log(`${formatClock(lastArrival)} last arrival; serving the ${ledger.openLegs()} still open`);
  // Drain: serve what is left, at most three simulated hours more.
  const drainUntil = performance.now() + clock.realMs(180);
  while (!done() && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 200));
  const drainMinutes = clock.minute() - lastArrival;
  ctx.stopping.abort();
  for (const s of signals.values()) s.wakeAll();
  if (!done()) ledger.note(`drain cap reached with ${ledger.openLegs()} legs open`);
  const tallies = await Promise.race([
    Promise.all(bots),
    new Promise<BotTally[]>((r) => setTimeout(() => r([]), 60_000)),
  ]);
  clearInterval(progress);

  // Boards catch up to each center's last seq.
  for (const c of centers) {
    const snap = await admin.get<{ seq: number }>(`/api/centers/${c.id}/snapshot`);
    const until = performance.now() + 10_000;
    for (const b of boards.filter((x) => x.centerId === c.id)) {
      while (b.seq < snap.body.seq && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    }
  }
  // The API's view: every citizen's token (which follows a transfer) ends in a final state.
  let apiUnfinished = 0;
  const citizen = new Client(current.base);
  for (let i = 0; i < ledger.citizens.length; i += 16) {
    const replies = await Promise.all(
      ledger.citizens.slice(i, i + 16).map((c) => citizen.get<{ status: string }>(`/api/tickets/${c.token}`)),
    );
    apiUnfinished += replies.filter(
      (r) => !['done', 'no_show', 'cancelled', 'expired'].includes(r.body?.status),
    ).length;
  }
  for (const b of boards) b.close();
  await stop();
  const db = await checkDatabase(
    { dataDir, databaseUrl: options.databaseUrl },
    ledger,
    centers.map((c) => c.id),
    new Date(Date.now() - (performance.now() - t0) - 60_000),
  ).catch((err: unknown) => {
    ledger.note(`database check failed: ${String(err)}`);
    return null;
  });

  const report = buildReport({
    options,
    centers,
    ledger,
    boards,
    tallies,
    latencies: ctx.latencies,
    apiUnfinished,
    db,
    wallSeconds: (performance.now() - t0) / 1000,
    drainMinutes,
    history,
  });
  const file = writeReport(report, options.out);
  console.log(`\n${markdown(report)}\n\nWritten to ${file}.`);
  if (report.checks.anomalies.length > 0)
    log(`first anomalies:\n  ${report.checks.anomalies.slice(0, 10).join('\n  ')}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
