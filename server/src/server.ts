/**
 * Starts one Lượt instance: config, database (migrated, seeded on first start), the app,
 * and a clean shutdown on SIGTERM/SIGINT (the embedded database must be closed, never left open).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureWebBuild } from './http/web-pages.js';
import { restoreReassignedCounters } from './manager-actions/counter-services.js';
import { seedDemo } from './seed/demo-seed.js';
import { expireStaleTickets } from './tickets/expire-tickets.js';

const EXPIRY_SWEEP_MS = 5 * 60_000;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  if (await ensureWebBuild()) console.log('Built the browser pages.');
  const database = await openDatabase(config);
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
  if (seed?.seeded) {
    lines.push(
      '  Demo center seeded: users admin, manager, clerk1 … clerk8',
      seed.generatedPassword
        ? `  Demo password:  ${seed.generatedPassword}   (shown once; set DEMO_PASSWORD to choose it)`
        : '  Demo password:  the value of DEMO_PASSWORD',
    );
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Draining: /readyz answers 503 while requests are still served, so a load balancer that
    // probes it stops sending here; then the server stops accepting, finishes the requests in
    // flight and closes the sockets (their clients reconnect to another instance), and exits.
    readiness.draining = true;
    app.log.info({ signal, drainMs: config.shutdownDrainMs }, 'draining');
    clearInterval(sweep);
    if (config.shutdownDrainMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDrainMs));
    try {
      await app.close();
    } finally {
      await database.close();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`Lượt cannot start: ${error.message}`);
  } else {
    console.error('Lượt failed to start:', error);
  }
  process.exit(1);
});
