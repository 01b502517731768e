/**
 * Runs the frozen migrations. Kysely's migrator takes its own lock, so several instances
 * starting together on one empty database migrate it once.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './migrations/2026-11-28T0000-initial.js';
import * as priorityConfirmation from './migrations/2026-11-28T0001-priority-confirmation.js';
import * as notifications from './migrations/2026-11-28T0400-notifications.js';
import * as auditLog from './migrations/2026-11-28T0500-audit-log.js';
import * as counterServicesForToday from './migrations/2026-11-28T0700-counter-services-for-today.js';
import * as loginFailures from './migrations/2026-11-28T0800-login-failures.js';
import * as pairedDevices from './migrations/2026-11-28T0900-paired-devices.js';
import * as ticketsServiceCalled from './migrations/2026-11-28T1000-tickets-service-called.js';
import * as ticketsDevice from './migrations/2026-11-28T1100-tickets-device.js';
import * as webShare from './migrations/2026-12-02T0100-web-share.js';
import * as counterDisplayDevices from './migrations/2026-12-02T0200-counter-display-devices.js';
import * as pauseNotes from './migrations/2026-12-02T0300-pause-notes.js';
import * as loginKnownAddresses from './migrations/2026-12-02T0500-login-known-addresses.js';
import * as smsLimits from './migrations/2026-12-02T0600-sms-limits.js';
import * as loginSweep from './migrations/2026-12-03T0100-login-sweep.js';
import * as cancelReasons from './migrations/2026-12-03T0200-cancel-reasons.js';
import * as counterHolder from './migrations/2026-12-04T0140-counter-holder.js';
import * as centerPublicInfo from './migrations/2026-12-04T0230-center-public-info.js';
import * as reservedCounter from './migrations/2026-12-04T1900-reserved-counter.js';
import type { Database } from './tables.js';

/** Every migration, by name; names sort in the order they run. */
const migrations: Record<string, Migration> = {
  '2026-11-28T0000-initial': initial,
  '2026-11-28T0001-priority-confirmation': priorityConfirmation,
  '2026-11-28T0400-notifications': notifications,
  '2026-11-28T0500-audit-log': auditLog,
  '2026-11-28T0700-counter-services-for-today': counterServicesForToday,
  '2026-11-28T0800-login-failures': loginFailures,
  '2026-11-28T0900-paired-devices': pairedDevices,
  '2026-11-28T1000-tickets-service-called': ticketsServiceCalled,
  '2026-11-28T1100-tickets-device': ticketsDevice,
  '2026-12-02T0100-web-share': webShare,
  '2026-12-02T0200-counter-display-devices': counterDisplayDevices,
  '2026-12-02T0300-pause-notes': pauseNotes,
  '2026-12-02T0500-login-known-addresses': loginKnownAddresses,
  '2026-12-02T0600-sms-limits': smsLimits,
  '2026-12-03T0100-login-sweep': loginSweep,
  '2026-12-03T0200-cancel-reasons': cancelReasons,
  '2026-12-04T0140-counter-holder': counterHolder,
  '2026-12-04T0230-center-public-info': centerPublicInfo,
  '2026-12-04T1900-reserved-counter': reservedCounter,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
