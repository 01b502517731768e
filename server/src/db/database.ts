/**
 * Opens the one database: PostgreSQL through `pg` when DATABASE_URL is set, otherwise PGlite
 * (real Postgres in WASM) on disk under DATA_DIR. Same migrations and SQL on both.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './tables.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The pg pool behind `db`, for metrics; none on PGlite. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Tests hand in a PGlite they loaded from a migrated template. */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // Nor may a checked-out one between two statements (pg emits 'error' on the client with no
    // listener then, and the process dies): its next query fails as database_unavailable, and
    // the pool drops it on release because it is no longer queryable.
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  if (options.pglite) {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(options.pglite) });
    return { db, kind: 'pglite', close: () => db.destroy() };
  }
  const release = lockDataDir(options.dataDir);
  try {
    const pglite = await PGlite.create(join(options.dataDir, 'pglite'));
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
