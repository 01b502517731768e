/**
 * A manager reassigns which services a counter serves, in order of preference (first =
 * preferred), for today: the configured list is kept aside and put back when the center's
 * day ends. All must be services of the counter's center. Logged and published as
 * `counter.changed` with the new serviceIds.
 */
import { sql } from 'kysely';
import type { WireCounter } from '../../../shared/src/protocol.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import { servicesOfCounters, toWireCounter } from '../counters/counter.wire.js';
import { appendCounterChanged } from '../counters/counter-events.js';
import { lockCounter } from '../counters/counter-lock.js';
import { replaceCounterServices } from '../counters/counter-services.repository.js';
import { DomainError } from '../errors.js';

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
    await replaceCounterServices(trx, counterId, serviceIds);
    // The first reassignment of the day keeps the configured list, to be restored at day end.
    await trx
      .updateTable('counters')
      .set({
        configured_service_ids: row.services_reassigned_on === null ? before : row.configured_service_ids,
        services_reassigned_on: sql<string>`(SELECT (now() AT TIME ZONE timezone)::date FROM centers WHERE id = ${row.center_id})`,
      })
      .where('id', '=', counterId)
      .execute();
    const counter = toWireCounter(row, serviceIds);
    // Estimates of both the old and the new services change with who serves them.
    const item = await appendCounterChanged(trx, {
      centerId: row.center_id,
      counter,
      userId: actor.userId,
      serviceIds: [...new Set([...before, ...serviceIds])],
    });
    return { counter, item };
  });
  ctx.publisher.publish([item]);
  return counter;
}

/**
 * At the end of a center's local day, counters reassigned for that day get their configured
 * services back. Run by the day-end sweep on any instance; the row lock makes it happen once.
 */
export async function restoreReassignedCounters(ctx: DomainContext): Promise<number> {
  const items = await ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number }>`
      SELECT k.id FROM counters k JOIN centers c ON c.id = k.center_id
      WHERE k.services_reassigned_on < (now() AT TIME ZONE c.timezone)::date
      ORDER BY k.id FOR UPDATE OF k SKIP LOCKED`.execute(trx);
    const published = [];
    for (const { id } of rows) {
      const row = await lockCounter(trx, id);
      const before = (await servicesOfCounters(trx, [id])).get(id) ?? [];
      const configured = row.configured_service_ids ?? before;
      await replaceCounterServices(trx, id, configured);
      const updated = await trx
        .updateTable('counters')
        .set({ configured_service_ids: null, services_reassigned_on: null })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const counter = toWireCounter(updated, configured);
      published.push(
        await appendCounterChanged(trx, {
          centerId: row.center_id,
          counter,
          serviceIds: [...new Set([...before, ...configured])],
        }),
      );
    }
    return published;
  });
  ctx.publisher.publish(items);
  return items.length;
}
