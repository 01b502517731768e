/**
 * A ticket replaced by a new waiting one in another service (a clerk's transfer, a manager's
 * move): the old one ends with outcome `transferred`, the new one gets a number there with the
 * original issue time and priority, and the citizen's token, push subscriptions and phone move
 * to it, so their page and notifications follow. A clerk's transfer may reserve the new ticket
 * for one counter (transfer-target.ts checks which). The caller logs the event.
 */
import { sql, type Transaction } from 'kysely';
import type { TicketStatus } from '../../../shared/src/ticket-state.js';
import type { Database } from '../db/tables.js';
import { moveCitizenLinks } from './citizen-links.js';
import { insertWaitingTicket, newToken } from './issue-ticket.js';
import type { TicketRow } from './ticket.wire.js';

export async function replaceTicket(
  trx: Transaction<Database>,
  row: TicketRow,
  endStatus: TicketStatus,
  serviceId: number,
  queuedAt: Date,
  reservedCounterId: number | null = null,
): Promise<{ updated: TicketRow; created: TicketRow }> {
  const updated = await trx
    .updateTable('tickets')
    .set({ status: endStatus, finished_at: sql`now()`, outcome: 'transferred', token: newToken() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const created = await insertWaitingTicket(trx, row.center_id, serviceId, {
    priority: row.priority,
    channel: row.channel,
    deviceId: row.device_id,
    issuedAt: row.issued_at,
    queuedAt,
    transferredFromId: row.id,
    reservedCounterId,
    token: row.token,
  });
  await moveCitizenLinks(trx, row.id, created.id);
  return { updated, created };
}
