/**
 * Frozen. Configuration changes (issue 5) are logged with who and when: services, counters,
 * center settings and users do not go through ticket_events, so they get a log of their own.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `CREATE TABLE audit_log (
    id serial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    user_id integer REFERENCES users(id),
    center_id integer REFERENCES centers(id),
    action text NOT NULL,
    subject text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
  )`,
  `CREATE INDEX audit_log_center_at ON audit_log (center_id, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
