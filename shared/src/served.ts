/**
 * What "served" means, the one definition behind every served figure: the dashboard's served
 * today (per service and per clerk), the clerk's own day, the reports and the province
 * overview (issue 11 item 14). The server's SQL is built from it in
 * server/src/stats/served-sql.ts; nothing else may say what served is.
 *
 * A ticket is served when a clerk started serving it and completed it there:
 * - status `done` (no-shows, cancels and expiries were never served);
 * - started (`started_at` set): a ticket transferred from `called` was never started, so no
 *   service happened (DESIGN.md §15);
 * - not ended by a transfer (outcome `transferred`): the citizen was sent to another service,
 *   where the new ticket is served and counted, so counting the old one too would count one
 *   citizen twice. Transfers are counted on their own (`transferred` in the reports).
 */
import type { TicketStatus } from './ticket-state.js';

export const SERVED = {
  /** The status a served ticket ends in. */
  status: 'done',
  /** The outcome that, although `done`, is not a service: the ticket went elsewhere. */
  notOutcome: 'transferred',
} as const satisfies { status: TicketStatus; notOutcome: string };

export interface ServedFacts {
  status: TicketStatus | string;
  startedAt: Date | string | null;
  outcome: string | null;
}

/** Whether a ticket counts as served, by the definition above. */
export function isServed(t: ServedFacts): boolean {
  return t.status === SERVED.status && t.startedAt !== null && t.outcome !== SERVED.notOutcome;
}
