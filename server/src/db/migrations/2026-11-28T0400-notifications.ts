/**
 * Frozen. Notifications to citizens (issue 4): the VAPID key pair made on first start (one row,
 * so instances starting together agree on it), the locale a push subscription is written in, a
 * phone number given with consent (kept only while its ticket lives), and which one-time notices
 * a ticket has had (so "nearly your turn" is sent once, whichever instance notices it first).
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `CREATE TABLE vapid_keys (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    public_key text NOT NULL,
    private_key text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `ALTER TABLE push_subscriptions ADD COLUMN locale text NOT NULL DEFAULT 'vi'`,
  `CREATE TABLE ticket_contacts (
    ticket_id integer PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
    phone text NOT NULL,
    locale text NOT NULL DEFAULT 'vi',
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE ticket_notices (
    ticket_id integer NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind text NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ticket_id, kind)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
