/**
 * Opens the one database: PostgreSQL through `pg` when DATABASE_URL is set, otherwise PGlite
 * (real Postgres in WASM) on disk under DATA_DIR. Same migrations and SQL on both.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { restrictDataDir } from './data-dir-modes.js';
import { openPostgres, type PostgresTimeouts } from './postgres-pool.js';
import type { Database } from './tables.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The pg pool behind `db`, for metrics; none on PGlite. */
  pool?: pg.Pool;
  /** PostgreSQL with timeouts: reports' own lane, whose statements may run long; else use `db`. */
  reportsDb?: Kysely<Database>;
  /** PostgreSQL with timeouts: migrations and the seed, without a statement limit; else use `db`. */
  startupDb?: Kysely<Database>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Tests hand in a PGlite they loaded from a migrated template. */
  pglite?: PGlite;
  poolSize?: number;
  /** PostgreSQL's timeouts (the server passes its config's); without them, only a connect timeout. */
  dbTimeouts?: PostgresTimeouts;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    return {
      kind: 'postgres',
      ...openPostgres(options.databaseUrl, options.poolSize ?? 10, options.dbTimeouts),
    };
  }
  if (options.pglite) {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(options.pglite) });
    return { db, kind: 'pglite', close: () => db.destroy() };
  }
  const { release, notices } = lockDataDir(options.dataDir);
  try {
    const loose = restrictDataDir(options.dataDir);
    if (loose.length > 0) {
      notices.push(
        `DATA_DIR had ${loose.length} files or directories other users could read: now 0600 / 0700`,
      );
    }
    for (const notice of notices) console.warn(`Lượt: ${notice}`);
    const pglite = await PGlite.create(join(options.dataDir, 'pglite'));
    restrictDataDir(options.dataDir); // PGlite unpacks a new cluster with the umask's modes
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
