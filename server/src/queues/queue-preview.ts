/**
 * What a counter's clerk sees coming: the next tickets in the order call-next would take
 * them, the policy of call-policy.ts simulated call by call (so the priority ratio shows),
 * plus the held and no-show tickets of today that can be resumed or reactivated. Like
 * call-next it leaves out tickets reserved for another counter and puts this counter's first.
 */
import { type Kysely, sql } from 'kysely';
import type { CounterQueue } from '../../../shared/src/api/counters.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import { servicesOfCounters } from '../counters/counter.wire.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';
import { type TicketRow, toWireTicket } from '../tickets/ticket.wire.js';
import { callReason, nextCallsSincePriority, type PolicySettings, priorityAllowed } from './call-policy.js';

export interface PreviewCandidate {
  row: TicketRow;
  aged: boolean;
  servicePosition: number;
  /** Transferred to this counter by name: called before everything else. */
  reserved?: boolean;
}

/** The rules of call-policy.ts as a comparison: negative when `a` goes before `b`. */
function compare(a: PreviewCandidate, b: PreviewCandidate, mayCallPriority: boolean): number {
  const rank = (c: PreviewCandidate) => [
    c.reserved ? 0 : 1,
    // As in call-next.ts: priority first while it is due, normal first while it is not.
    (c.row.priority !== null) === mayCallPriority ? 0 : 1,
    c.aged ? 0 : 1,
    c.aged ? 0 : c.servicePosition,
    new Date(c.row.queued_at).getTime(),
    c.row.id,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return 0;
}

/** The next `limit` calls in order, each with the reason the policy would give. */
export function simulateCalls(
  candidates: PreviewCandidate[],
  callsSincePriority: number,
  settings: PolicySettings,
  limit: number,
): (PreviewCandidate & { reason: ReturnType<typeof callReason> })[] {
  const left = [...candidates];
  const order = [];
  let since = callsSincePriority;
  while (left.length > 0 && order.length < limit) {
    const may = priorityAllowed(since, settings);
    left.sort((a, b) => compare(a, b, may));
    const next = left.shift()!;
    order.push({
      ...next,
      reason: callReason(
        {
          priority: next.row.priority,
          aged: next.aged,
          servicePosition: next.servicePosition,
          reserved: next.reserved ?? false,
        },
        may,
      ),
    });
    since = nextCallsSincePriority(since, next.row.priority !== null);
  }
  return order;
}

export async function counterQueue(
  db: Kysely<Database>,
  actor: Actor,
  counterId: number,
  limit = 10,
): Promise<CounterQueue> {
  const counter = await db.selectFrom('counters').selectAll().where('id', '=', counterId).executeTakeFirst();
  if (!counter) throw notFound('counter', counterId);
  assertCenterAccess(actor, counter.center_id);
  const center = await db
    .selectFrom('centers')
    .select(['priority_every', 'ageing_minutes'])
    .where('id', '=', counter.center_id)
    .executeTakeFirstOrThrow();
  const settings = { priorityEvery: center.priority_every, ageingMinutes: center.ageing_minutes };
  const serviceIds = (await servicesOfCounters(db, [counterId])).get(counterId) ?? [];
  if (serviceIds.length === 0) return { counterId, services: [], next: [], held: [], noShows: [] };

  const aged = sql<boolean>`queued_at <= now() - make_interval(mins => ${settings.ageingMinutes})`;
  const waitedSeconds = sql<number>`extract(epoch FROM now() - issued_at)::int`;
  const waiting = await db
    .selectFrom('tickets')
    .selectAll()
    .select([aged.as('aged'), waitedSeconds.as('waited_seconds')])
    .where('service_id', 'in', serviceIds)
    .where('status', '=', 'waiting')
    // As in call-next: tickets transferred to another counter by name are that counter's.
    .where((eb) => eb.or([eb('reserved_counter_id', 'is', null), eb('reserved_counter_id', '=', counterId)]))
    .execute();
  const candidates = waiting.map((row) => ({
    row,
    aged: row.aged,
    servicePosition: serviceIds.indexOf(row.service_id),
    reserved: row.reserved_counter_id === counterId,
  }));
  const next = simulateCalls(candidates, counter.calls_since_priority, settings, limit).map((c) => ({
    ...toWireTicket(c.row),
    waitedSeconds: (c.row as typeof c.row & { waited_seconds: number }).waited_seconds,
    reason: c.reason,
  }));

  const today = sql<string>`(SELECT (now() AT TIME ZONE timezone)::date FROM centers WHERE id = ${counter.center_id})`;
  const aside = await db
    .selectFrom('tickets')
    .selectAll()
    .select(waitedSeconds.as('waited_seconds'))
    .where('center_id', '=', counter.center_id)
    .where('day', '=', today)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'held'), eb('counter_id', '=', counterId)]),
        eb.and([eb('status', '=', 'no_show'), eb('service_id', 'in', serviceIds)]),
      ]),
    )
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const wire = (row: (typeof aside)[number]) => ({ ...toWireTicket(row), waitedSeconds: row.waited_seconds });
  return {
    counterId,
    services: serviceIds.map((id) => ({ id, waiting: waiting.filter((t) => t.service_id === id).length })),
    next,
    held: aside.filter((t) => t.status === 'held').map(wire),
    noShows: aside.filter((t) => t.status === 'no_show').map(wire),
  };
}
