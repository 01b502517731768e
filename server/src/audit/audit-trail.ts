/**
 * What staff did in a center, newest first (issue 6, security 4): every ticket and counter
 * action from the event log with the user who made it, and every configuration change from
 * audit_log, in one list a manager can read. Passwords, tokens and session ids are in neither.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';

export interface AuditEntry {
  at: string;
  username: string | null;
  /** An event type (ticket.called, counter.changed …) or a configuration action. */
  action: string;
  /** The ticket number, counter or configuration subject the action was about. */
  subject: string;
  source: 'events' | 'configuration';
}

export async function auditTrail(
  db: Kysely<Database>,
  centerId: number,
  limit: number,
): Promise<AuditEntry[]> {
  const { rows } = await sql<{
    at: Date;
    username: string | null;
    action: string;
    subject: string;
    source: string;
  }>`
    (SELECT e.at, u.username, e.type AS action,
        coalesce(e.payload->'ticket'->>'number', 'counter ' || (e.payload->'counter'->>'number'), '') AS subject,
        'events' AS source
      FROM ticket_events e JOIN users u ON u.id = e.user_id
      WHERE e.center_id = ${centerId} AND e.user_id IS NOT NULL
      ORDER BY e.seq DESC LIMIT ${limit})
    UNION ALL
    (SELECT a.at, u.username, a.action, a.subject, 'configuration' AS source
      FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
      WHERE a.center_id = ${centerId}
      ORDER BY a.id DESC LIMIT ${limit})
    ORDER BY at DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    username: r.username,
    action: r.action,
    subject: r.subject,
    source: r.source as AuditEntry['source'],
  }));
}
