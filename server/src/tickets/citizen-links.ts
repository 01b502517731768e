/**
 * When a ticket is replaced by another (a clerk's transfer, a manager's move), what ties the
 * citizen to it moves along: their push subscriptions and their phone number for SMS. The
 * token itself is handed over by the caller, which creates the new ticket with it.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

export async function moveCitizenLinks(trx: Transaction<Database>, fromTicketId: number, toTicketId: number) {
  await trx
    .updateTable('push_subscriptions')
    .set({ ticket_id: toTicketId })
    .where('ticket_id', '=', fromTicketId)
    .execute();
  await trx
    .updateTable('ticket_contacts')
    .set({ ticket_id: toTicketId })
    .where('ticket_id', '=', fromTicketId)
    .execute();
}
