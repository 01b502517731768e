/** Creating and editing counters: number unique in the center, name, ordered services of that center. */
import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { WireCounter } from '../../../shared/src/protocol.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { DomainContext } from '../context.js';
import { servicesOfCounters, toWireCounter } from '../counters/counter.wire.js';
import { appendCounterChanged } from '../counters/counter-events.js';
import { replaceCounterServices } from '../counters/counter-services.repository.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';
import type { Published } from '../events/publisher.js';
import type { CounterChanges, NewCounter } from './config.schemas.js';
import { alreadyExists, invalidField } from './config-rules.js';

type Trx = Transaction<Database>;

/** A `counter.changed` event for each counter, so boards and consoles refresh what they show. */
export async function counterChangedEvents(
  trx: Trx,
  actor: Actor,
  counterIds: number[],
): Promise<Published[]> {
  if (counterIds.length === 0) return [];
  const rows = await trx
    .selectFrom('counters')
    .selectAll()
    .where('id', 'in', counterIds)
    .orderBy('id')
    .execute();
  const services = await servicesOfCounters(trx, counterIds);
  const items: Published[] = [];
  for (const row of rows) {
    const counter = toWireCounter(row, services.get(row.id) ?? []);
    items.push(await appendCounterChanged(trx, { centerId: row.center_id, counter, userId: actor.userId }));
  }
  return items;
}

async function assertNumberFree(trx: Trx, centerId: number, number: number, exceptId: number | null) {
  let query = trx
    .selectFrom('counters')
    .select('id')
    .where('center_id', '=', centerId)
    .where('number', '=', number);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw alreadyExists('number', number);
}

async function assertServicesOfCenter(trx: Trx, centerId: number, serviceIds: number[]) {
  if (serviceIds.length === 0) return;
  const found = await trx
    .selectFrom('services')
    .select('id')
    .where('center_id', '=', centerId)
    .where('id', 'in', serviceIds)
    .execute();
  const known = new Set(found.map((s) => s.id));
  const i = serviceIds.findIndex((id) => !known.has(id));
  if (i >= 0)
    throw invalidField(`serviceIds.${i}`, `service ${serviceIds[i]} is not a service of this center`);
}

/** The configured services: they also end any reassignment a manager made for today. */
async function setServices(trx: Trx, counterId: number, serviceIds: number[]) {
  await replaceCounterServices(trx, counterId, serviceIds);
  await trx
    .updateTable('counters')
    .set({ configured_service_ids: null, services_reassigned_on: null })
    .where('id', '=', counterId)
    .execute();
}

async function commit(ctx: DomainContext, work: (trx: Trx) => Promise<Published[]>): Promise<WireCounter> {
  const items = await ctx.db.transaction().execute(work);
  ctx.publisher.publish(items);
  const counter = items[0]?.event.counter;
  if (!counter) throw new Error('a counter change published no counter');
  return counter;
}

export function createCounter(
  ctx: DomainContext,
  actor: Actor,
  centerId: number,
  input: Static<typeof NewCounter>,
) {
  assertCenterAccess(actor, centerId);
  return commit(ctx, async (trx) => {
    await assertCenterExists(trx, centerId);
    await assertNumberFree(trx, centerId, input.number, null);
    await assertServicesOfCenter(trx, centerId, input.serviceIds);
    const row = await trx
      .insertInto('counters')
      .values({ center_id: centerId, number: input.number, name: input.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setServices(trx, row.id, input.serviceIds);
    await writeAudit(trx, actor, {
      centerId,
      action: 'counter.created',
      subject: `counter:${row.id}`,
      details: input,
    });
    return counterChangedEvents(trx, actor, [row.id]);
  });
}

export function updateCounter(
  ctx: DomainContext,
  actor: Actor,
  counterId: number,
  input: Static<typeof CounterChanges>,
) {
  return commit(ctx, async (trx) => {
    const row = await trx
      .selectFrom('counters')
      .selectAll()
      .where('id', '=', counterId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('counter', counterId);
    assertCenterAccess(actor, row.center_id);
    if (input.number !== undefined) await assertNumberFree(trx, row.center_id, input.number, counterId);
    if (input.serviceIds !== undefined) await assertServicesOfCenter(trx, row.center_id, input.serviceIds);
    const servicesBefore = (await servicesOfCounters(trx, [counterId])).get(counterId) ?? [];
    const changes = {
      ...(input.number !== undefined ? { number: input.number } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('counters').set(changes).where('id', '=', counterId).execute();
    }
    if (input.serviceIds !== undefined) await setServices(trx, counterId, input.serviceIds);
    await writeAudit(trx, actor, {
      centerId: row.center_id,
      action: 'counter.updated',
      subject: `counter:${counterId}`,
      details: { before: { number: row.number, name: row.name, serviceIds: servicesBefore }, changes: input },
    });
    // The services it no longer serves lose it too: their positions (and estimates) are refreshed (issue 11 item 3).
    const items = await counterChangedEvents(trx, actor, [counterId]);
    return items.map((item) => ({
      ...item,
      serviceIds: [...new Set([...servicesBefore, ...item.serviceIds])],
    }));
  });
}
