/**
 * A transfer may name the counter the citizen goes to (`counterId`): one of the same center
 * that serves the target service, not closed (paused is fine: its clerk comes back), and not
 * the counter the ticket is at (sending a citizen to yourself makes no sense). The rules are
 * `transferCounterFault`, pure; `checkTransferCounter` reads the counter and applies them.
 */
import type { Transaction } from 'kysely';
import type { CounterState } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';

export interface TransferCounter {
  id: number;
  number: number;
  centerId: number;
  state: CounterState;
  serviceIds: readonly number[];
}

export interface TransferFrom {
  centerId: number;
  /** The counter the ticket is at now (null for a ticket at none). */
  counterId: number | null;
  serviceId: number;
}

const field = { in: 'body', field: 'counterId' } as const;

/** Why `counter` cannot take the transfer, or null when it can. */
export function transferCounterFault(counter: TransferCounter, from: TransferFrom): DomainError | null {
  const details = { ...field, counterId: counter.id };
  if (counter.centerId !== from.centerId) {
    return new DomainError(
      'bad_request',
      `body.counterId: counter ${counter.id} is not in the ticket's center`,
      details,
    );
  }
  if (counter.id === from.counterId) {
    return new DomainError(
      'bad_request',
      `body.counterId: the ticket is at counter ${counter.number} already; transferring to yourself makes no sense`,
      details,
    );
  }
  if (!counter.serviceIds.includes(from.serviceId)) {
    return new DomainError(
      'bad_request',
      `body.counterId: counter ${counter.number} does not serve service ${from.serviceId}`,
      { ...details, serviceId: from.serviceId },
    );
  }
  if (counter.state === 'closed') {
    return new DomainError(
      'counter_closed',
      `counter ${counter.number} is closed; nobody there would call the citizen`,
      {
        ...details,
        state: counter.state,
      },
    );
  }
  return null;
}

/**
 * Reads the target counter with a share lock, held to commit: closing it (which takes the row
 * for update and releases its reserved tickets) waits for this transfer, or this one sees it
 * closed. A service that does not exist in the center is the 404 it would be without a counter.
 * Returns the counter, whose number the transfer's event carries for the screens.
 */
export async function checkTransferCounter(
  trx: Transaction<Database>,
  counterId: number,
  from: TransferFrom,
): Promise<TransferCounter> {
  const service = await trx
    .selectFrom('services')
    .select('id')
    .where('id', '=', from.serviceId)
    .where('center_id', '=', from.centerId)
    .executeTakeFirst();
  if (!service) throw notFound('service', from.serviceId);
  const row = await trx
    .selectFrom('counters')
    .select(['id', 'number', 'center_id', 'state'])
    .where('id', '=', counterId)
    .forShare()
    .executeTakeFirst();
  if (!row) throw notFound('counter', counterId);
  const served = await trx
    .selectFrom('counter_services')
    .select('service_id')
    .where('counter_id', '=', counterId)
    .execute();
  const counter: TransferCounter = {
    id: row.id,
    number: row.number,
    centerId: row.center_id,
    state: row.state,
    serviceIds: served.map((s) => s.service_id),
  };
  const fault = transferCounterFault(counter, from);
  if (fault) throw fault;
  return counter;
}
