/**
 * Frozen. Paired devices (issue 6, Security 3): a manager issues a one-time pairing code, a
 * board, kiosk or counter display exchanges it for a device token of that center. Only hashes
 * of codes and tokens are stored. A center that sets `require_paired_devices` admits only
 * paired devices (and its staff) to its center and counter rooms and to kiosk issuance.
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `ALTER TABLE centers ADD COLUMN require_paired_devices boolean NOT NULL DEFAULT false`,
  `CREATE TABLE paired_devices (
    id serial PRIMARY KEY,
    center_id integer NOT NULL REFERENCES centers(id),
    kind text NOT NULL CHECK (kind IN ('board', 'kiosk', 'counter_display')),
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    created_by integer REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    revoked_at timestamptz
  )`,
  `CREATE INDEX paired_devices_center ON paired_devices (center_id)`,
  `CREATE TABLE pairing_codes (
    id serial PRIMARY KEY,
    code_hash text NOT NULL,
    center_id integer NOT NULL REFERENCES centers(id),
    kind text NOT NULL CHECK (kind IN ('board', 'kiosk', 'counter_display')),
    name text NOT NULL,
    created_by integer REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    device_id integer REFERENCES paired_devices(id)
  )`,
  `CREATE INDEX pairing_codes_code_hash ON pairing_codes (code_hash)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
