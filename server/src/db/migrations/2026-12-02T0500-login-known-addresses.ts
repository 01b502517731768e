/**
 * Frozen. Sign-in (issue 10): the addresses each username signed in from, until when they
 * are spared the slow-down that guessing from many addresses puts on a username. Only a
 * right password writes a row, so an attacker cannot grow it. `username` is lower-cased.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE login_known_addresses (
        username text NOT NULL,
        address text NOT NULL,
        until timestamptz NOT NULL,
        PRIMARY KEY (username, address)
      )`,
    )
    .execute(db);
}
