/** The audit log of configuration changes: who did what to which subject, and when. */
import type { Transaction } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/tables.js';

export interface AuditEntry {
  centerId: number | null;
  action: string;
  /** What was changed, e.g. "service:12". */
  subject: string;
  details?: Record<string, unknown>;
}

/** `actor` null: done by no signed-in user (a device redeeming its pairing code). */
export async function writeAudit(
  trx: Transaction<Database>,
  actor: Actor | null,
  entry: AuditEntry,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      user_id: actor?.userId ?? null,
      center_id: entry.centerId,
      action: entry.action,
      subject: entry.subject,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
