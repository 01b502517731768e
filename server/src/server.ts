/**
 * Starts one Lượt instance: config, database (migrated, seeded on first start), the app,
 * and a clean shutdown on SIGTERM/SIGINT (the embedded database must be closed, never left open).
 * The signal handlers are in place before anything opens: a signal during the start lets the
 * start finish, then drains and closes as at any other time (a second signal exits at once).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { lanAddress } from './http/lan-address.js';
import { ensureWebBuild } from './http/web-pages.js';
import { restoreReassignedCounters } from './manager-actions/counter-services.js';
import { seedDemo } from './seed/demo-seed.js';
import { expireStaleTickets } from './tickets/expire-tickets.js';

const EXPIRY_SWEEP_MS = 5 * 60_000;

/** Opened by the start so far: a start that fails still closes the embedded database. */
let opened: DatabaseHandle | null = null;

async function main() {
  const startedAt = performance.now();
  const config = loadConfig();
  if (await ensureWebBuild()) console.log('Built the browser pages.');
  const database = await openDatabase(config);
  opened = database;
  // Migrations and the seed run without the requests' statement limit (PostgreSQL's start lane).
  const startupDb = database.startupDb ?? database.db;
  await migrateToLatest(startupDb);
  const seed = config.seedDemo ? await seedDemo(startupDb, config.demoPassword) : null;
  const { app, readiness, publisher } = await buildApp(config, database);
  const ctx = { db: database.db, publisher };
  // The day-end sweep: yesterday's tickets expire, counters reassigned for a day get their services back.
  const dayEnd = async () => {
    await expireStaleTickets(ctx);
    await restoreReassignedCounters(ctx);
  };
  await dayEnd();
  const sweep = setInterval(() => {
    dayEnd().catch((err: unknown) => app.log.warn({ err }, 'day-end sweep failed'));
  }, EXPIRY_SWEEP_MS);
  sweep.unref();

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl ?? `http://localhost:${port}`;
  const lines = [
    '',
    `Lượt is running (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}${
      config.redisUrl ? ', fan-out through Redis' : ''
    }), ready in ${Math.round(performance.now() - startedAt)} ms`,
    `  Clerk console:  ${base}/counter/`,
    `  Manager:        ${base}/manager/`,
    `  Board:          ${base}/display/?center=1`,
    `  Kiosk:          ${base}/kiosk/?center=1`,
    `  Take a ticket:  ${base}/ticket/new?center=1`,
    `  API:            ${base}/api/centers`,
    `  API docs:       ${base}/docs`,
    `  Health:         ${base}/healthz  ${base}/readyz`,
  ];
  if (!config.publicUrl) {
    const lan = lanAddress();
    lines.push(
      `  Warning: PUBLIC_URL is not set. QR codes on tickets point at the host each kiosk was opened from${
        lan ? ` (a loopback host becomes http://${lan}:${port})` : ''
      }; set PUBLIC_URL to the address citizens' phones reach.`,
    );
  }
  if (seed?.seeded) {
    lines.push(
      '  Demo center seeded: users admin, manager, clerk1 … clerk8',
      seed.generatedPassword
        ? `  Demo password:  ${seed.generatedPassword}   (shown once; set DEMO_PASSWORD to choose it)`
        : '  Demo password:  the value of DEMO_PASSWORD',
    );
  }
  console.log(`${lines.join('\n')}\n`);

  return { app, readiness, database, sweep, drainMs: config.shutdownDrainMs };
}

let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) {
    if (!started.settled) {
      console.error(`Lượt: ${signal} again before the start finished; exiting now`);
      process.exit(1);
    }
    return;
  }
  stopping = true;
  // A start under way finishes first (a start that fails exits by itself, closing what it opened).
  const running = await started.promise.catch(() => null);
  if (!running) return;
  const { app, readiness, database, sweep, drainMs } = running;
  // Draining: /readyz answers 503 while requests are still served, so a load balancer that
  // probes it stops sending here; then the server stops accepting, finishes the requests in
  // flight and closes the sockets (their clients reconnect to another instance), and exits.
  readiness.draining = true;
  app.log.info({ signal, drainMs }, 'draining');
  clearInterval(sweep);
  if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
  try {
    await app.close();
  } finally {
    await database.close();
  }
  process.exit(0);
}

// Before anything opens: a signal that came between the database opening and the listen would
// otherwise kill the process with the embedded database open.
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

const started = { promise: main(), settled: false };
started.promise.then(
  () => {
    started.settled = true;
  },
  async (error: unknown) => {
    started.settled = true;
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      console.error(`Lượt cannot start: ${error.message}`);
    } else {
      console.error('Lượt failed to start:', error);
    }
    await opened?.close().catch(() => {});
    process.exit(1);
  },
);
