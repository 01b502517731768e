/**
 * A manager moves a waiting ticket to another service of its center: the old ticket is
 * cancelled (it was never served) and a new waiting ticket takes a number in the other
 * service, keeping the issue time, its place in time and the priority. Logged as
 * `ticket.transferred` with the new ticket in `transferredTo`, like a clerk's transfer.
 */
import { sql, type Transaction } from 'kysely';
import type { WireTicket } from '../../../shared/src/protocol.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';
import type { Published } from '../events/publisher.js';
import { moveCitizenLinks } from '../tickets/citizen-links.js';
import { insertWaitingTicket, newToken } from '../tickets/issue-ticket.js';
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
  // The citizen's token moves to the new ticket, so their page and notifications follow it.
  const updated = await trx
    .updateTable('tickets')
    .set({ status, finished_at: sql`now()`, outcome: 'transferred', token: newToken() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const created = await insertWaitingTicket(trx, row.center_id, serviceId, {
    priority: row.priority as WireTicket['priority'],
    channel: row.channel as WireTicket['channel'],
    deviceId: row.device_id,
    issuedAt: row.issued_at,
    queuedAt: row.queued_at,
    transferredFromId: row.id,
    token: row.token,
  });
  await moveCitizenLinks(trx, row.id, created.id);
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
