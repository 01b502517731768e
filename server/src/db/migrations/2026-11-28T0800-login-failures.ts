/**
 * Frozen. Sign-in lockout (issue 6): failed sign-ins and the locks they cause live in the
 * database, so a lock set through one instance holds on every other. A key is
 * `user:<lowercased username>` or `ip:<address>`.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `CREATE TABLE login_failures (
    id bigserial PRIMARY KEY,
    key text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX login_failures_key_at ON login_failures (key, at)`,
  `CREATE TABLE login_locks (
    key text PRIMARY KEY,
    locked_until timestamptz NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
