/**
 * Reports have a lane of their own on PostgreSQL, two connections (issue 10, beyond the list):
 * while two reports run, a third is told at once that reports are busy and when to retry
 * (503 busy, Retry-After), not, after waiting for a connection, that the database cannot be
 * reached. The two running reports are held on a table lock so they are surely running.
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database.js';
import type { Database } from '../../server/src/db/tables.js';
import { hasPostgres, postgresDatabaseUrl } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { IN_CI } from '../helpers/services.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

describe.runIf(IN_CI || hasPostgres())('reports when the reports are busy', () => {
  let url: string;
  let database: DatabaseHandle;
  let app: TestApp;
  let f: CenterFixture;
  let blocker: pg.Client;

  beforeAll(async () => {
    url = await postgresDatabaseUrl();
    // The server's own lanes, with the timeouts the config gives them (a connection in 2 s).
    const { dbTimeouts } = loadConfig({ SESSION_SECRET: 'x'.repeat(32), DATABASE_URL: url });
    database = await openDatabase({ databaseUrl: url, dataDir: '', dbTimeouts });
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'manager', count: 1 }],
    });
    blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await app?.close();
    await database?.close();
  });

  /** Backends of this database waiting on a lock: the reports held by the blocker. */
  const waiting = async (db: Kysely<Database>) =>
    (
      await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db)
    ).rows[0]!.n;

  it('answers a third report at once with 503 busy and Retry-After, and serves the two', async () => {
    const manager = await new Client(app.url).login(f.usernames.manager[0]!);
    const year = `/api/centers/${f.centerId}/reports?from=2026-01-01&to=2026-12-31`;
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE');
    let running: Promise<{ status: number }>[] = [];
    try {
      running = [manager.get(year), manager.get(year)];
      for (let i = 0; i < 500 && (await waiting(database.db)) < 2; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(await waiting(database.db)).toBe(2);

      const started = performance.now();
      const third = await manager.get(`${year.replace('reports?', 'reports.csv?')}`);
      expect(third.status).toBe(503);
      expect(third.body.error.code).toBe('busy');
      expect(third.body.error.message).toMatch(/reports are busy.*retry in \d+ seconds/);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await blocker.query('COMMIT');
    }
    expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200]);
    // Slots free again once they are done.
    expect((await manager.get(year)).status).toBe(200);
  });
});
