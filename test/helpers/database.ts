/**
 * A fresh database per test file: PGlite loaded from the run's template, or a Postgres
 * database cloned from the run's template database. `eachDatabase` runs a suite on both.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../../server/src/db/database.js';
import { IN_CI, POSTGRES_ADMIN_URL } from './services.js';

let counter = 0;

export interface TestDatabase extends DatabaseHandle {
  /** For a second instance on the same data: null on PGlite, which one process owns. */
  url: string | null;
  /** The PGlite instance, to reopen the same data (restart tests). */
  pglite: PGlite | null;
}

export async function pgliteDatabase(): Promise<TestDatabase> {
  const template = readFileSync(inject('pgliteTemplate'));
  const pglite = new PGlite({ loadDataDir: new Blob([template]) });
  await pglite.waitReady;
  const handle = await openDatabase({ databaseUrl: null, dataDir: '', pglite });
  return {
    ...handle,
    url: null,
    pglite,
    close: async () => {
      await handle.close();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function postgresDatabaseUrl(): Promise<string> {
  const template = inject('postgresTemplate');
  if (!template) throw new Error('PostgreSQL is not available in this run');
  const name = `luot_t_${inject('runId')}_${process.pid}_${counter++}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const url = await postgresDatabaseUrl();
  const handle = await openDatabase({ databaseUrl: url, dataDir: '' });
  return { ...handle, url, pglite: null };
}

export function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === 'pglite' ? pgliteDatabase() : postgresDatabase();
}

export const hasPostgres = (): boolean => inject('postgresTemplate') !== null;
export const redisUrl = (): string | null => inject('redisUrl');

/** Runs the same suite against PGlite and against real Postgres (skipped loudly without it, never in CI). */
export function eachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  describe(`${name} [pglite]`, () => suite('pglite'));
  const run = hasPostgres() || IN_CI;
  describe.runIf(run)(`${name} [postgres]`, () => suite('postgres'));
}
