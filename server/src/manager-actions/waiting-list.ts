/** The waiting tickets of a center, oldest first within each service, for the manager's actions. */
import type { Kysely } from 'kysely';
import type { WireTicket } from '../../../shared/src/protocol.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { toWireTicket } from '../tickets/ticket.wire.js';

/** At most this many: a manager acts on a few tickets, never scrolls through thousands. */
export const WAITING_LIST_LIMIT = 500;

export async function waitingTickets(db: Kysely<Database>, centerId: number): Promise<WireTicket[]> {
  await assertCenterExists(db, centerId);
  const rows = await db
    .selectFrom('tickets')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('status', '=', 'waiting')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(WAITING_LIST_LIMIT)
    .execute();
  return rows.map(toWireTicket);
}
