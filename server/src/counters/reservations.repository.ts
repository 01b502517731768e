/**
 * Waiting tickets reserved for one counter (a clerk's transfer to a named counter). The one
 * writer that releases them to the common queue of their service: they keep their queue time,
 * so they take their old place there. Called in the transaction that closes the counter (under
 * its row lock, so no transfer can reserve a new one meanwhile) or changes what it serves.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

export interface Released {
  id: number;
  serviceId: number;
  token: string;
}

/** Releases the counter's reserved waiting tickets, or only those outside `keepServiceIds`. */
export async function releaseReservations(
  trx: Transaction<Database>,
  counterId: number,
  keepServiceIds: readonly number[] = [],
): Promise<Released[]> {
  let update = trx
    .updateTable('tickets')
    .set({ reserved_counter_id: null })
    .where('reserved_counter_id', '=', counterId)
    .where('status', '=', 'waiting');
  if (keepServiceIds.length > 0) update = update.where('service_id', 'not in', keepServiceIds);
  const rows = await update.returning(['id', 'service_id', 'token']).execute();
  return rows.map((r) => ({ id: r.id, serviceId: r.service_id, token: r.token }));
}
