/**
 * The PostgreSQL lanes against a real server: each session carries its timeouts and keep-alive,
 * requests are cut where reports and the start are not, and what the server's timeouts end
 * reads as the database being unavailable (503), never as a bug (500).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, postgresDatabaseUrl } from '../../../test/helpers/database.js';
import { IN_CI } from '../../../test/helpers/services.js';
import { isDatabaseUnavailable } from '../http/error-handler.js';
import { openPostgres, type PostgresLanes } from './postgres-pool.js';

describe.runIf(IN_CI || hasPostgres())('PostgreSQL lanes and their timeouts', () => {
  let lanes: PostgresLanes;

  beforeAll(async () => {
    lanes = openPostgres(await postgresDatabaseUrl(), 2, {
      connectMs: 2_000,
      statementMs: 300,
      queryMs: 1_000,
      idleInTransactionMs: 500,
      reportMs: 3_000,
    });
  });

  afterAll(async () => {
    await lanes?.close();
  });

  it('gives every session its timeouts and the server side keep-alive', async () => {
    const settings = sql<Record<string, string>>`
      SELECT current_setting('statement_timeout') AS statement,
        current_setting('idle_in_transaction_session_timeout') AS idle,
        current_setting('tcp_keepalives_idle') AS keepalive,
        current_setting('tcp_user_timeout') AS user_timeout`;
    const [requests] = (await settings.execute(lanes.db)).rows;
    const [reports] = (await settings.execute(lanes.reportsDb!)).rows;
    const [startup] = (await settings.execute(lanes.startupDb!)).rows;
    expect(requests).toEqual({ statement: '300ms', idle: '500ms', keepalive: '10', user_timeout: '20000' });
    expect(reports).toMatchObject({ statement: '3s', idle: '500ms' });
    expect(startup).toMatchObject({ statement: '0', idle: '500ms' });
  });

  it("cuts a request's statement at its timeout as a 503, and lets reports and the start run longer", async () => {
    const sleep = sql`SELECT pg_sleep(0.6)`;
    const cut = await sleep.execute(lanes.db).then(
      () => null,
      (error: { code?: string }) => error,
    );
    expect(cut?.code).toBe('57014');
    expect(isDatabaseUnavailable(cut)).toBe(true);
    await expect(sleep.execute(lanes.reportsDb!)).resolves.toBeDefined();
    await expect(sleep.execute(lanes.startupDb!)).resolves.toBeDefined();
    // The cancelled statement left its connection usable.
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(lanes.db)).rows).toEqual([{ one: 1 }]);
  });

  it('ends a session left idle in a transaction, and its next statement reads as a 503', async () => {
    const failure = await lanes.db.connection().execute(async (conn) => {
      await sql`BEGIN`.execute(conn);
      const [{ pid }] = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(conn)).rows as [
        { pid: number },
      ];
      // The server ends it after 500 ms idle: wait for the backend to be gone, bounded.
      const alive = async () =>
        (await sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`.execute(lanes.startupDb!)).rows.length >
        0;
      for (let i = 0; i < 100 && (await alive()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await alive()).toBe(false);
      return sql`SELECT 1`.execute(conn).then(
        () => null,
        (error: unknown) => error,
      );
    });
    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);
  });
});
