/**
 * The database figures of issue 7 on the machine's PostgreSQL, each next to pgbench on the same
 * server at the same concurrency, unpinned: `db-issue` (tickets/s at 8 and 32 clients) and
 * `db-call-next` (calls/s with 24 counters). Each run makes its own databases and drops them.
 * BENCH_DB_SECONDS sets the length of each measured phase (10 s by default).
 */
import { startServer } from '../../harness/server-process.js';
import { callNextFigure, prepareBaselineCopy, signInClerks } from '../database/call-next.js';
import { fillQueues, growDemoCenter } from '../database/counters-fixture.js';
import {
  BASELINE_TABLE,
  bareStackFigure,
  issueFigure,
  issueLoad,
  pairedKioskToken,
  serviceIds,
  warmUpInsert,
} from '../database/issue.js';
import {
  DEMO_PASSWORD,
  dropDatabases,
  migrateAndSeed,
  OPEN_ALL_SERVICES,
  query,
  recreateDatabase,
  urlOf,
} from '../database/postgres.js';
import type { BenchSuite, Measurement } from '../lib/figures.js';
import { embeddedIssueSuite } from './embedded-issue.js';

const SECONDS = Number(process.env.BENCH_DB_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const DATABASE = 'luot_bench_db';
const BASELINE = 'luot_bench_pgbench';
const COUNTERS = 24;
/**
 * Waiting tickets per service (six services) before the warm-up: a busy morning, more than a
 * run calls here. The claim sorts a counter's whole queue, so a deeper one slows both sides.
 */
const QUEUE_PER_SERVICE = 500;

const serverEnv = () => ({
  DATABASE_URL: urlOf(DATABASE),
  SESSION_SECRET: 'bench-session-secret-that-is-long-enough',
  SEED_DEMO: 'true',
  DEMO_PASSWORD,
  ISSUE_RATE_PER_MINUTE: '1000000',
  PUBLIC_API_PER_MINUTE: '10000000',
  LOG_LEVEL: 'warn',
});

/** A seeded database with every service open, and an empty second one for the baseline. */
async function freshDatabases(): Promise<void> {
  await recreateDatabase(DATABASE);
  await migrateAndSeed(DATABASE);
  await query(DATABASE, OPEN_ALL_SERVICES);
}

export const databaseIssueSuite: BenchSuite = {
  name: 'db-issue',
  async run(): Promise<Measurement[]> {
    try {
      await freshDatabases();
      await recreateDatabase(BASELINE);
      for (const statement of BASELINE_TABLE) await query(BASELINE, statement);
      const server = await startServer(serverEnv());
      try {
        const ids = await serviceIds(server.url);
        const kioskToken = await pairedKioskToken(server.url, DEMO_PASSWORD);
        await issueLoad(server.url, ids, 8, WARM_UP_SECONDS, kioskToken);
        await warmUpInsert(BASELINE);
        const common = {
          server,
          database: DATABASE,
          baselineDatabase: BASELINE,
          seconds: SECONDS,
          kioskToken,
        };
        const labelSuffix = ' (PostgreSQL)';
        return [
          await issueFigure({ ...common, keyPrefix: 'postgres', labelSuffix, clients: 8 }, ids),
          await issueFigure(
            {
              ...common,
              keyPrefix: 'postgres',
              labelSuffix,
              clients: 32,
              goal: { kind: 'ratio-min', limit: 0.5 },
            },
            ids,
          ),
          await bareStackFigure(BASELINE, 32, SECONDS),
        ];
      } finally {
        await server.stop();
      }
    } finally {
      await dropDatabases(DATABASE, BASELINE);
    }
  },
};

export const databaseCallNextSuite: BenchSuite = {
  name: 'db-call-next',
  async run(): Promise<Measurement[]> {
    try {
      await freshDatabases();
      await growDemoCenter(DATABASE, COUNTERS);
      await fillQueues(DATABASE, QUEUE_PER_SERVICE);
      await recreateDatabase(BASELINE, DATABASE);
      await prepareBaselineCopy(BASELINE);
      const server = await startServer(serverEnv());
      try {
        const counters = await signInClerks(server, DATABASE);
        return [
          await callNextFigure({
            server,
            database: DATABASE,
            copy: BASELINE,
            counters,
            warmUpSeconds: WARM_UP_SECONDS,
            seconds: SECONDS,
          }),
        ];
      } finally {
        await server.stop();
      }
    } finally {
      await dropDatabases(DATABASE, BASELINE);
    }
  },
};

/** Registered together in bench/run.ts: the two PostgreSQL suites and the embedded issue figure. */
export const databaseSuites: BenchSuite[] = [databaseIssueSuite, databaseCallNextSuite, embeddedIssueSuite];
