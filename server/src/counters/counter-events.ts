/**
 * The one writer of `counter.changed` (issue 12 item 4): a counter's state, services, holder or
 * configuration changed. Appended in the caller's transaction, so the event commits with the
 * change; returns what to publish once it has. `serviceIds`: whose estimates change with it
 * (by default the services the counter serves now).
 */
import type { Transaction } from 'kysely';
import type { WireCounter } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { appendEvent } from '../events/events.repository.js';
import type { Published } from '../events/publisher.js';

export async function appendCounterChanged(
  trx: Transaction<Database>,
  change: { centerId: number; counter: WireCounter; userId?: number | null; serviceIds?: number[] },
): Promise<Published> {
  const { centerId, counter } = change;
  const event = await appendEvent(trx, {
    centerId,
    type: 'counter.changed',
    counterId: counter.id,
    userId: change.userId ?? null,
    body: { counterId: counter.id, counter },
  });
  return { event, ticketTokens: [], serviceIds: change.serviceIds ?? counter.serviceIds };
}
