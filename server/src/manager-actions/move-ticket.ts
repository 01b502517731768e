/**
 * A manager moves a waiting ticket to another service of its center: the old ticket is
 * cancelled (it was never served) and a new waiting ticket takes a number in the other
 * service, keeping the issue time, its place in time and the priority. Logged as
 * `ticket.transferred` with the new ticket in `transferredTo`, like a clerk's transfer.
 */
import type { Transaction } from 'kysely';
import type { WireTicket } from '../../../shared/src/protocol.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';
import type { Published } from '../events/publisher.js';
import { replaceTicket } from '../tickets/replace-ticket.js';
import { type TicketRow, toWireTicket } from '../tickets/ticket.wire.js';
import { checkTransition, lockTicket } from '../tickets/ticket-transitions.js';

/**
 * Inside a transaction, with the waiting ticket locked: the move itself. Also used when a
 * service is deactivated with people waiting and the manager sends them elsewhere.
 */
export async function moveLockedWaitingTicket(
  trx: Transaction<Database>,
  actor: Actor,
  row: TicketRow,
  serviceId: number,
  note?: string,
): Promise<{ created: TicketRow; item: Published }> {
  // Only a waiting ticket may move: the lifecycle's cancel is exactly "leave the queue unserved".
  const status = checkTransition(row, 'cancel');
  if (row.service_id === serviceId) {
    throw new DomainError('bad_request', `ticket ${row.number} is already in that service`, {
      field: 'serviceId',
    });
  }
  const { updated, created } = await replaceTicket(trx, row, status, serviceId, row.queued_at);
  const event = await appendEvent(trx, {
    centerId: row.center_id,
    type: 'ticket.transferred',
    ticketId: row.id,
    userId: actor.userId,
    body: { ticket: toWireTicket(updated), transferredTo: toWireTicket(created), ...(note ? { note } : {}) },
  });
  return { created, item: { event, ticketTokens: [row.token], serviceIds: [row.service_id, serviceId] } };
}

export async function moveWaitingTicket(
  ctx: DomainContext,
  actor: Actor,
  ticketId: number,
  serviceId: number,
): Promise<WireTicket> {
  const { created, item } = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, row.center_id);
    return moveLockedWaitingTicket(trx, actor, row, serviceId);
  });
  ctx.publisher.publish([item]);
  return toWireTicket(created);
}
