/** The ordered services of a counter, written in one place. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { releaseReservations } from './reservations.repository.js';

/**
 * Replaces a counter's services with `serviceIds`, in that order of preference. Tickets
 * transferred to the counter for a service it no longer serves go back to their service's
 * common queue: the counter would never call them, and no other counter would either.
 */
export async function replaceCounterServices(
  trx: Transaction<Database>,
  counterId: number,
  serviceIds: number[],
): Promise<void> {
  await trx.deleteFrom('counter_services').where('counter_id', '=', counterId).execute();
  await releaseReservations(trx, counterId, serviceIds);
  if (serviceIds.length === 0) return;
  await trx
    .insertInto('counter_services')
    .values(serviceIds.map((service_id, position) => ({ counter_id: counterId, service_id, position })))
    .execute();
}
