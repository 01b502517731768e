/**
 * A manager reassigns which services a counter serves, in order of preference (first =
 * preferred). All must be services of the counter's center. Logged and published as
 * `counter.changed` with the new serviceIds.
 */
import type { WireCounter } from '../../../shared/src/protocol.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import { servicesOfCounters, toWireCounter } from '../counters/counter.wire.js';
import { lockCounter } from '../counters/counter-lock.js';
import { DomainError } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';

export async function setCounterServices(
  ctx: DomainContext,
  actor: Actor,
  counterId: number,
  serviceIds: number[],
): Promise<WireCounter> {
  const { counter, item } = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockCounter(trx, counterId);
    assertCenterAccess(actor, row.center_id);
    const found = await trx
      .selectFrom('services')
      .select('id')
      .where('center_id', '=', row.center_id)
      .where('id', 'in', serviceIds)
      .execute();
    const known = new Set(found.map((s) => s.id));
    const unknown = serviceIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new DomainError('bad_request', `services ${unknown.join(', ')} are not services of this center`, {
        field: 'serviceIds',
        serviceIds: unknown,
      });
    }
    const before = (await servicesOfCounters(trx, [counterId])).get(counterId) ?? [];
    await trx.deleteFrom('counter_services').where('counter_id', '=', counterId).execute();
    await trx
      .insertInto('counter_services')
      .values(serviceIds.map((service_id, position) => ({ counter_id: counterId, service_id, position })))
      .execute();
    const counter = toWireCounter(row, serviceIds);
    const event = await appendEvent(trx, {
      centerId: row.center_id,
      type: 'counter.changed',
      counterId,
      userId: actor.userId,
      body: { counterId, counter },
    });
    // Estimates of both the old and the new services change with who serves them.
    const touched = [...new Set([...before, ...serviceIds])];
    return { counter, item: { event, ticketTokens: [], serviceIds: touched } };
  });
  ctx.publisher.publish([item]);
  return counter;
}
