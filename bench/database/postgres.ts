/**
 * The machine's PostgreSQL for the database figures (issue 7 §2–3): throwaway databases made
 * and dropped by the suite, a migrated and seeded Lượt schema, and one-off SQL.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import type { Database } from '../../server/src/db/tables.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';

/** The local server of the bench machine: user postgres, trusted. */
export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;
export const DEMO_PASSWORD = 'bench-password';

export const urlOf = (database: string) => `postgres://${PG.user}@${PG.host}:${PG.port}/${database}`;

/** Runs `work` with a client on `database`, closing it whatever happens. */
export async function withClient<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const query = (database: string, text: string, values: unknown[] = []) =>
  withClient(database, (c) => c.query(text, values));

/** Drops each database (closing its sessions) and creates it again, empty or from `template`. */
export async function recreateDatabase(name: string, template?: string): Promise<void> {
  await withClient('postgres', async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
}

export async function dropDatabases(...names: string[]): Promise<void> {
  await withClient('postgres', async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** Lượt's schema and demo center, as the server makes them on first start, then closed. */
export async function migrateAndSeed(database: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: urlOf(database), max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
    await seedDemo(db, DEMO_PASSWORD);
  } finally {
    await db.destroy();
  }
}

/** Every service takes tickets around the clock without a quota, so no issue is refused. */
export const OPEN_ALL_SERVICES =
  'UPDATE services SET active = true, issuing_hours = NULL, daily_quota = NULL';
