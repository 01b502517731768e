/**
 * Frozen: the first schema. Never edit a migration that has shipped; add a new one.
 * Statements run one by one (PGlite's extended protocol takes a single statement).
 */
import { type Kysely, sql } from 'kysely';

const statements = [
  `CREATE TABLE centers (
    id serial PRIMARY KEY,
    name text NOT NULL,
    address text NOT NULL DEFAULT '',
    timezone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    locale text NOT NULL DEFAULT 'vi',
    opening_hours jsonb,
    priority_every integer NOT NULL DEFAULT 2 CHECK (priority_every >= 0),
    ageing_minutes integer NOT NULL DEFAULT 30 CHECK (ageing_minutes > 0),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // One row per center; incremented last in every writing transaction, so seq is gapless
  // and events commit in seq order (the row lock is held until commit).
  `CREATE TABLE center_sequences (
    center_id integer PRIMARY KEY REFERENCES centers(id) ON DELETE CASCADE,
    last_seq integer NOT NULL DEFAULT 0
  )`,
  `CREATE TABLE services (
    id serial PRIMARY KEY,
    center_id integer NOT NULL REFERENCES centers(id),
    code text NOT NULL CHECK (code ~ '^[A-Z]{1,3}$'),
    name text NOT NULL,
    name_en text NOT NULL,
    sla_minutes integer NOT NULL DEFAULT 30 CHECK (sla_minutes > 0),
    active boolean NOT NULL DEFAULT true,
    issuing_hours jsonb,
    daily_quota integer CHECK (daily_quota > 0),
    default_service_seconds integer NOT NULL DEFAULT 600 CHECK (default_service_seconds > 0),
    sort_order integer NOT NULL DEFAULT 0,
    UNIQUE (center_id, code)
  )`,
  `CREATE TABLE counters (
    id serial PRIMARY KEY,
    center_id integer NOT NULL REFERENCES centers(id),
    number integer NOT NULL CHECK (number > 0),
    name text NOT NULL,
    state text NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'paused')),
    pause_reason text,
    calls_since_priority integer NOT NULL DEFAULT 1000000,
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (center_id, number)
  )`,
  `CREATE TABLE counter_services (
    counter_id integer NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
    service_id integer NOT NULL REFERENCES services(id),
    position integer NOT NULL,
    PRIMARY KEY (counter_id, service_id)
  )`,
  `CREATE TABLE users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE user_centers (
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    center_id integer NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, center_id)
  )`,
  // Only a hash of the session id is stored: a leaked table does not sign anyone in.
  `CREATE TABLE sessions (
    id_hash text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE TABLE daily_number_sequences (
    service_id integer NOT NULL REFERENCES services(id),
    day date NOT NULL,
    last_number integer NOT NULL,
    PRIMARY KEY (service_id, day)
  )`,
  `CREATE TABLE tickets (
    id serial PRIMARY KEY,
    center_id integer NOT NULL REFERENCES centers(id),
    service_id integer NOT NULL REFERENCES services(id),
    day date NOT NULL,
    number text NOT NULL,
    token text NOT NULL UNIQUE,
    status text NOT NULL CHECK (status IN
      ('waiting', 'called', 'serving', 'held', 'done', 'no_show', 'cancelled', 'expired')),
    priority text CHECK (priority IN ('elderly', 'disabled', 'pregnant', 'child', 'veteran')),
    channel text NOT NULL CHECK (channel IN ('kiosk', 'web', 'appointment', 'staff')),
    device_id text,
    issued_at timestamptz NOT NULL DEFAULT now(),
    queued_at timestamptz NOT NULL DEFAULT now(),
    called_at timestamptz,
    started_at timestamptz,
    finished_at timestamptz,
    counter_id integer REFERENCES counters(id),
    clerk_id integer REFERENCES users(id),
    recall_count integer NOT NULL DEFAULT 0,
    call_reason text,
    outcome text,
    note text,
    transferred_from_id integer REFERENCES tickets(id),
    UNIQUE (service_id, day, number)
  )`,
  // The queue head: call-next reads waiting tickets of a few services in queue order.
  `CREATE INDEX tickets_waiting ON tickets (service_id, queued_at, id) WHERE status = 'waiting'`,
  // A counter holds at most one called or serving ticket, whatever the code does.
  `CREATE UNIQUE INDEX tickets_one_active_per_counter ON tickets (counter_id)
    WHERE status IN ('called', 'serving')`,
  `CREATE INDEX tickets_center_day ON tickets (center_id, day)`,
  `CREATE TABLE ticket_events (
    center_id integer NOT NULL REFERENCES centers(id),
    seq integer NOT NULL,
    type text NOT NULL,
    ticket_id integer REFERENCES tickets(id),
    counter_id integer REFERENCES counters(id),
    user_id integer REFERENCES users(id),
    payload jsonb NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (center_id, seq)
  )`,
  `CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id)`,
  `CREATE TABLE feedback (
    ticket_id integer PRIMARY KEY REFERENCES tickets(id),
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
    comment text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE push_subscriptions (
    id serial PRIMARY KEY,
    ticket_id integer NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    endpoint text NOT NULL,
    keys jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (ticket_id, endpoint)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
