/** The typed tables Kysely checks every query against. Columns mirror the migrations. */
import type { ColumnType, Generated } from 'kysely';
import type { DeviceKind } from '../../../shared/src/api/devices.js';
import type { IssuingWindow } from '../../../shared/src/api/services.js';
import type { Role } from '../../../shared/src/api/users.js';
import type {
  CallReason,
  CancelReason,
  Channel,
  CounterState,
  Outcome,
  PauseReason,
  Priority,
  Rating,
} from '../../../shared/src/protocol.js';
import type { TicketStatus } from '../../../shared/src/ticket-state.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type { DeviceKind } from '../../../shared/src/api/devices.js';
export type { IssuingWindow } from '../../../shared/src/api/services.js';

export interface CentersTable {
  id: Generated<number>;
  name: string;
  address: Generated<string>;
  timezone: Generated<string>;
  locale: Generated<string>;
  opening_hours: Json<IssuingWindow[] | null> | null;
  priority_every: Generated<number>;
  ageing_minutes: Generated<number>;
  /** Only paired devices (and staff) may follow the center's rooms and issue from a kiosk. */
  require_paired_devices: Generated<boolean>;
  /** Public: printed on tickets and shown on the phone page; null shows nothing. */
  hotline: string | null;
  /** Public: the board's notice line; null shows none. */
  board_notice: string | null;
  created_at: Generated<Date>;
}

export interface CenterSequencesTable {
  center_id: number;
  last_seq: Generated<number>;
}

export interface ServicesTable {
  id: Generated<number>;
  center_id: number;
  code: string;
  name: string;
  name_en: string;
  sla_minutes: Generated<number>;
  active: Generated<boolean>;
  issuing_hours: ColumnType<IssuingWindow[] | null, string | null | undefined, string | null>;
  daily_quota: number | null;
  /** Of daily_quota, the share (%) the web channel may take. */
  web_quota_percent: Generated<number>;
  default_service_seconds: Generated<number>;
  sort_order: Generated<number>;
}

export interface CountersTable {
  id: Generated<number>;
  center_id: number;
  number: number;
  name: string;
  state: Generated<CounterState>;
  /** Shown publicly. */
  pause_reason: PauseReason | null;
  /** What the clerk typed: staff only. */
  pause_note: ColumnType<string | null, string | null | undefined, string | null>;
  calls_since_priority: Generated<number>;
  state_changed_at: Generated<Date>;
  /** While a manager's reassignment holds: the configured services, to put back at day end. */
  configured_service_ids: number[] | null;
  services_reassigned_on: ColumnType<string | null, string | null, string | null>;
  /** The signed-in user working the counter (issue 11 item 11); null: nobody holds it. */
  held_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CounterServicesTable {
  counter_id: number;
  service_id: number;
  position: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: Generated<string>;
  password_hash: string;
  role: Role;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserCentersTable {
  user_id: number;
  center_id: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface DailyNumberSequencesTable {
  service_id: number;
  day: ColumnType<string, string, string>;
  last_number: number;
  /** Of them, taken on the web channel (for the web share of the quota). */
  web_issued: Generated<number>;
}

export interface TicketsTable {
  id: Generated<number>;
  center_id: number;
  service_id: number;
  day: ColumnType<string, string, never>;
  number: string;
  token: string;
  status: TicketStatus;
  priority: Priority | null;
  priority_confirmed: Generated<boolean>;
  channel: Channel;
  device_id: string | null;
  issued_at: Timestamp;
  queued_at: Timestamp;
  called_at: NullableTimestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  counter_id: number | null;
  clerk_id: number | null;
  recall_count: Generated<number>;
  call_reason: CallReason | null;
  /** What the clerk recorded, or `transferred` when a transfer ended it (replace-ticket.ts). */
  outcome: Outcome | 'transferred' | null;
  note: string | null;
  transferred_from_id: number | null;
  cancel_reason: ColumnType<CancelReason | null, CancelReason | null | undefined, CancelReason | null>;
  /** The counter a transfer sent this waiting ticket to; null: any counter of its service. */
  reserved_counter_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface TicketEventsTable {
  center_id: number;
  seq: number;
  type: string;
  ticket_id: number | null;
  counter_id: number | null;
  user_id: number | null;
  payload: ColumnType<unknown, string, never>;
  at: Generated<Date>;
}

export interface FeedbackTable {
  ticket_id: number;
  rating: Rating;
  comment: string | null;
  created_at: Generated<Date>;
}

export interface PushSubscriptionsTable {
  id: Generated<number>;
  ticket_id: number;
  endpoint: string;
  keys: Json<unknown>;
  locale: Generated<string>;
  created_at: Generated<Date>;
}

export interface VapidKeysTable {
  id: Generated<boolean>;
  public_key: string;
  private_key: string;
  created_at: Generated<Date>;
}

/** A phone number given with consent; deleted when its ticket ends. */
export interface TicketContactsTable {
  ticket_id: number;
  phone: string;
  locale: Generated<string>;
  created_at: Generated<Date>;
}

export interface TicketNoticesTable {
  ticket_id: number;
  kind: string;
  sent_at: Generated<Date>;
}

/** Who changed which configuration, when (issue 5). */
export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  user_id: number | null;
  center_id: number | null;
  action: string;
  subject: string;
  details: ColumnType<unknown, string, never>;
}

/** Failed sign-ins and the locks they caused (issue 6); key is `user:<name>` or `ip:<address>`. */
export interface LoginFailuresTable {
  id: Generated<string>;
  key: string;
  at: Generated<Date>;
}

export interface LoginLocksTable {
  key: string;
  locked_until: Date;
}

export interface LoginKnownAddressesTable {
  username: string;
  address: string;
  until: Date;
}

/** A board, kiosk or counter display paired with a center (issue 6); only the token's hash is kept. */
/** Text messages sent to a number (its keyed hash) in a day. */
export interface SmsSendsTable {
  phone_hash: string;
  day: ColumnType<string, string, string>;
  sent: number;
}

export interface PairedDevicesTable {
  id: Generated<number>;
  center_id: number;
  kind: DeviceKind;
  name: string;
  /** A counter display's counter: where its ratings may come from. */
  counter_id: ColumnType<number | null, number | null | undefined, number | null>;
  token_hash: string;
  created_by: number | null;
  created_at: Generated<Date>;
  last_seen_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** A one-time pairing code a manager issued; only its hash is kept. */
export interface PairingCodesTable {
  id: Generated<number>;
  code_hash: string;
  center_id: number;
  kind: DeviceKind;
  name: string;
  created_by: number | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  device_id: number | null;
}

export interface Database {
  centers: CentersTable;
  center_sequences: CenterSequencesTable;
  services: ServicesTable;
  counters: CountersTable;
  counter_services: CounterServicesTable;
  users: UsersTable;
  user_centers: UserCentersTable;
  sessions: SessionsTable;
  daily_number_sequences: DailyNumberSequencesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  feedback: FeedbackTable;
  push_subscriptions: PushSubscriptionsTable;
  vapid_keys: VapidKeysTable;
  ticket_contacts: TicketContactsTable;
  ticket_notices: TicketNoticesTable;
  audit_log: AuditLogTable;
  login_failures: LoginFailuresTable;
  login_locks: LoginLocksTable;
  login_known_addresses: LoginKnownAddressesTable;
  paired_devices: PairedDevicesTable;
  sms_sends: SmsSendsTable;
  pairing_codes: PairingCodesTable;
}
