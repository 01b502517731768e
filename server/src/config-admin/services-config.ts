/**
 * Creating and editing services. Deactivating a service while people wait is refused (409 with
 * how many) unless the request says what to do with them: cancel or move each waiting ticket,
 * each a ticket event, so no ticket is left waiting in a service nobody will call.
 */

import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { ConfigService } from '../../../shared/src/api/services.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';
import type { Published } from '../events/publisher.js';
import { moveLockedWaitingTicket } from '../manager-actions/move-ticket.js';
import { cancelLocked } from '../tickets/ticket-transitions.js';
import type { NewService, ServiceChanges } from './config.schemas.js';
import { servicesChanged } from './config-events.js';
import { alreadyExists, checkWindows, invalidField } from './config-rules.js';
import { counterChangedEvents } from './counters-config.js';

type Trx = Transaction<Database>;

export async function listConfigServices(
  db: DomainContext['db'] | Trx,
  centerId: number,
): Promise<ConfigService[]> {
  const rows = await db
    .selectFrom('services')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(
    (r): ConfigService => ({
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      slaMinutes: r.sla_minutes,
      active: r.active,
      issuingHours: r.issuing_hours,
      dailyQuota: r.daily_quota,
      webQuotaPercent: r.web_quota_percent,
    }),
  );
}

async function assertCodeFree(trx: Trx, centerId: number, code: string, exceptId: number | null) {
  let query = trx
    .selectFrom('services')
    .select('id')
    .where('center_id', '=', centerId)
    .where('code', '=', code);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw alreadyExists('code', code);
}

async function serviceById(trx: Trx, serviceId: number): Promise<ConfigService & { centerId: number }> {
  const row = await trx
    .selectFrom('services')
    .select(['id', 'center_id'])
    .where('id', '=', serviceId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('service', serviceId);
  const all = await listConfigServices(trx, row.center_id);
  const service = all.find((s) => s.id === serviceId);
  if (!service) throw notFound('service', serviceId);
  return { ...service, centerId: row.center_id };
}

export async function createService(
  ctx: DomainContext,
  actor: Actor,
  centerId: number,
  input: Static<typeof NewService>,
): Promise<ConfigService> {
  assertCenterAccess(actor, centerId);
  checkWindows('issuingHours', input.issuingHours);
  const { id, published } = await ctx.db.transaction().execute(async (trx) => {
    await assertCenterExists(trx, centerId);
    await assertCodeFree(trx, centerId, input.code, null);
    const order = await trx
      .selectFrom('services')
      .select((eb) => eb.fn.coalesce(eb.fn.max('sort_order'), eb.lit(-1)).as('max'))
      .where('center_id', '=', centerId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('services')
      .values({
        center_id: centerId,
        code: input.code,
        name: input.name,
        name_en: input.nameEn,
        ...(input.slaMinutes !== undefined ? { sla_minutes: input.slaMinutes } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        issuing_hours: input.issuingHours ? JSON.stringify(input.issuingHours) : null,
        daily_quota: input.dailyQuota ?? null,
        ...(input.webQuotaPercent !== undefined ? { web_quota_percent: input.webQuotaPercent } : {}),
        sort_order: Number(order.max) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      centerId,
      action: 'service.created',
      subject: `service:${row.id}`,
      details: input,
    });
    return { id: row.id, published: await servicesChanged(trx, centerId) };
  });
  ctx.publisher.publish([published]);
  return (await listConfigServices(ctx.db, centerId)).find((s) => s.id === id)!;
}

/** Cancels or moves every waiting ticket of a service; returns what to publish. */
async function settleWaiting(
  trx: Trx,
  actor: Actor,
  service: { id: number; centerId: number },
  how: { cancel: true } | { moveTo: number },
): Promise<Published[]> {
  const waiting = await trx
    .selectFrom('tickets')
    .selectAll()
    .where('service_id', '=', service.id)
    .where('status', '=', 'waiting')
    .orderBy('queued_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  const items: Published[] = [];
  for (const row of waiting) {
    if ('cancel' in how) {
      // Through the state machine, as any cancel; the note is for staff, the reason for reports.
      const { item } = await cancelLocked(
        trx,
        row,
        { cancel_reason: 'other', note: 'service deactivated' },
        actor.userId,
      );
      items.push(item);
      continue;
    }
    // Moved as a manager moves one: a new number there, the original issue time and priority,
    // and the citizen's token, so their page and notifications follow.
    const { item } = await moveLockedWaitingTicket(trx, actor, row, how.moveTo, 'service deactivated');
    items.push(item);
  }
  return items;
}

export async function updateService(
  ctx: DomainContext,
  actor: Actor,
  serviceId: number,
  input: Static<typeof ServiceChanges>,
): Promise<ConfigService> {
  checkWindows('issuingHours', input.issuingHours);
  if (input.waitingTickets !== undefined && input.moveTo !== undefined) {
    throw invalidField('moveTo', 'cannot be given together with waitingTickets');
  }
  const { items, centerId } = await ctx.db.transaction().execute(async (trx) => {
    const before = await serviceById(trx, serviceId);
    assertCenterAccess(actor, before.centerId);
    if (input.code !== undefined) await assertCodeFree(trx, before.centerId, input.code, serviceId);
    let items: Published[] = [];
    if (input.active === false && before.active) {
      const waiting = await trx
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('service_id', '=', serviceId)
        .where('status', '=', 'waiting')
        .executeTakeFirstOrThrow();
      const n = Number(waiting.n);
      if (n > 0) {
        if (input.moveTo !== undefined) {
          const target = await trx
            .selectFrom('services')
            .select(['center_id', 'active'])
            .where('id', '=', input.moveTo)
            .executeTakeFirst();
          if (
            !target ||
            target.center_id !== before.centerId ||
            input.moveTo === serviceId ||
            !target.active
          ) {
            throw invalidField('moveTo', 'must be another active service of the same center');
          }
          items = await settleWaiting(trx, actor, before, { moveTo: input.moveTo });
        } else if (input.waitingTickets === 'cancel') {
          items = await settleWaiting(trx, actor, before, { cancel: true });
        } else {
          throw new DomainError(
            'service_has_waiting',
            `${n} people are waiting for service ${before.code}; say whether to cancel their tickets or move them`,
            { serviceId, waiting: n, options: ['waitingTickets: "cancel"', 'moveTo: serviceId'] },
          );
        }
      }
    }
    const changes = {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.slaMinutes !== undefined ? { sla_minutes: input.slaMinutes } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.issuingHours !== undefined
        ? { issuing_hours: input.issuingHours ? JSON.stringify(input.issuingHours) : null }
        : {}),
      ...(input.dailyQuota !== undefined ? { daily_quota: input.dailyQuota } : {}),
      ...(input.webQuotaPercent !== undefined ? { web_quota_percent: input.webQuotaPercent } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('services').set(changes).where('id', '=', serviceId).execute();
    }
    await writeAudit(trx, actor, {
      centerId: before.centerId,
      action: 'service.updated',
      subject: `service:${serviceId}`,
      details: { before, changes: input, settledWaiting: items.length },
    });
    // Screens that show this service (boards, consoles) hear of it through its counters.
    const counters = await trx
      .selectFrom('counter_services')
      .select('counter_id')
      .where('service_id', '=', serviceId)
      .execute();
    items.push(
      ...(await counterChangedEvents(
        trx,
        actor,
        counters.map((c) => c.counter_id),
      )),
    );
    // Kiosks and boards list the services themselves: a rename or deactivation reaches them live.
    items.push(await servicesChanged(trx, before.centerId));
    return { items, centerId: before.centerId };
  });
  ctx.publisher.publish(items);
  return (await listConfigServices(ctx.db, centerId)).find((s) => s.id === serviceId)!;
}
