/**
 * Frozen. Sign-in (issue 10): every failure also drops the failures past the window and the
 * locks past their end, of every key, so usernames and addresses tried once and never again
 * (a spray from many addresses) do not stay for ever. These indexes make that a range scan
 * that finds nothing most of the time, instead of a scan of the whole table on each failure.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  'CREATE INDEX login_failures_at ON login_failures (at)',
  'CREATE INDEX login_locks_until ON login_locks (locked_until)',
  'CREATE INDEX login_known_addresses_until ON login_known_addresses (until)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
