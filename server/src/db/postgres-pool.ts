/**
 * The PostgreSQL pools, every wait of theirs bounded (DESIGN.md §14): a hung or unreachable
 * database answers within seconds (503 database_unavailable), and a transaction whose instance
 * vanished mid-way is ended by the server itself, so nobody holds a center's rows for TCP's
 * two hours. Three lanes on one database: requests (short timeouts), reports (a year of a big
 * center takes seconds), and the start (migrations and the seed: no statement limit at all).
 */
import {
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

export interface PostgresTimeouts {
  /** A new connection, or a free client of a full pool. */
  connectMs: number;
  /** Server side: a request's statement, lock waits included, is cancelled past it (57014). */
  statementMs: number;
  /**
   * Client side, longer than statementMs: a statement still unanswered then means a server
   * that cannot even cancel (hung, or the network gone), and its connection is dropped.
   */
  queryMs: number;
  /** Server side: a session idle inside a transaction this long is ended, its locks released (25P03). */
  idleInTransactionMs: number;
  /** Statement timeout of the reports' lane. */
  reportMs: number;
}

export interface PostgresLanes {
  pool: pg.Pool;
  db: Kysely<Database>;
  reportsDb?: Kysely<Database>;
  startupDb?: Kysely<Database>;
  close(): Promise<void>;
}

/** Reports may run beside requests, never instead of them: a few connections of their own. */
export const REPORT_POOL_SIZE = 2;

/**
 * Server-side TCP keep-alive, per session: a backend whose client's machine or network died
 * finds out in about 25 s (idle 10 s, then 3 probes 5 s apart), and one stuck sending to it
 * gives up after 20 s of unacknowledged data, instead of the kernel's two hours.
 */
const SERVER_KEEPALIVE =
  '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c tcp_user_timeout=20000';

/** Client side: probes on an idle pooled connection after 10 s (intervals are the kernel's). */
const CLIENT_KEEPALIVE_MS = 10_000;

interface LaneSettings {
  max: number;
  connectMs: number;
  statementMs?: number;
  queryMs?: number;
  idleInTransactionMs?: number;
  /** How long an idle connection stays in the pool (pg's default is 10 s). */
  idleMs?: number;
}

function openPool(url: string, lane: LaneSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: lane.max,
    connectionTimeoutMillis: lane.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: CLIENT_KEEPALIVE_MS,
    options: SERVER_KEEPALIVE,
    ...(lane.idleMs !== undefined ? { idleTimeoutMillis: lane.idleMs } : {}),
    ...(lane.statementMs !== undefined ? { statement_timeout: lane.statementMs } : {}),
    ...(lane.queryMs !== undefined ? { query_timeout: lane.queryMs } : {}),
    ...(lane.idleInTransactionMs !== undefined
      ? { idle_in_transaction_session_timeout: lane.idleInTransactionMs }
      : {}),
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor may a checked-out one between two statements (pg emits 'error' on the client with no
  // listener then, and the process dies): its next query fails as database_unavailable, and
  // the pool drops it on release because it is no longer queryable.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

export const DROPPED_MESSAGE = 'Connection dropped after a query read timeout';

/**
 * pg's query_timeout fails the statement but leaves its connection waiting for the lost answer,
 * so what Kysely sends next (the ROLLBACK) would wait out a timeout of its own: a connection
 * whose statement timed out fails at once from then on, and is destroyed on release.
 */
class DroppingClient implements PostgresPoolClient {
  #client: pg.PoolClient;
  #dropped = false;
  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sql: string | PostgresCursor<R>,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Kysely passes a cursor only when the dialect names one, and this one names none.
    if (typeof sql !== 'string') throw new Error('no cursor on this pool');
    return this.#run<R>(sql, parameters);
  }

  async #run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    if (this.#dropped) throw new Error(DROPPED_MESSAGE);
    try {
      return (await this.#client.query(sql, [...parameters])) as unknown as PostgresQueryResult<R>;
    } catch (error) {
      if ((error as Error).message === 'Query read timeout') this.#dropped = true;
      throw error;
    }
  }

  release(destroy?: boolean): void {
    this.#client.release(destroy || this.#dropped);
  }
}

function droppingTimedOut(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => new DroppingClient(await pool.connect()),
    end: () => pool.end(),
  };
}

const kysely = (pool: pg.Pool, bounded: boolean) =>
  new Kysely<Database>({ dialect: new PostgresDialect({ pool: bounded ? droppingTimedOut(pool) : pool }) });

/**
 * One lane when no timeouts are given (tests and tools that open a database themselves, with the
 * connect timeout they always had); the three lanes when they are (the server, from its config).
 */
export function openPostgres(url: string, poolSize: number, timeouts?: PostgresTimeouts): PostgresLanes {
  if (!timeouts) {
    const pool = openPool(url, { max: poolSize, connectMs: 5_000 });
    const db = kysely(pool, false);
    return { pool, db, close: () => db.destroy() };
  }
  const { connectMs, statementMs, queryMs, idleInTransactionMs, reportMs } = timeouts;
  const pool = openPool(url, { max: poolSize, connectMs, statementMs, queryMs, idleInTransactionMs });
  const db = kysely(pool, true);
  const reportsDb = kysely(
    openPool(url, {
      max: REPORT_POOL_SIZE,
      connectMs,
      statementMs: reportMs,
      queryMs: reportMs + (queryMs - statementMs),
      idleInTransactionMs,
    }),
    true,
  );
  // An index built on a year of tickets, or a second instance waiting for the first one's
  // migration lock, takes what it takes; a session idle in a transaction is still ended.
  const startupDb = kysely(openPool(url, { max: 1, connectMs, idleInTransactionMs, idleMs: 1_000 }), false);
  return {
    pool,
    db,
    reportsDb,
    startupDb,
    close: async () => {
      await Promise.all([db.destroy(), reportsDb.destroy(), startupDb.destroy()]);
    },
  };
}
