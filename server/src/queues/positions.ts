/**
 * Positions and estimates of the waiting tickets of a service. Position 1 is next: priority
 * tickets first, then by queue time, the order call-next follows when the service is a
 * counter's first choice (the priority ratio and ageing can reorder it a little).
 */
import { type Kysely, sql } from 'kysely';
import type { WireTicket } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { toWireTicket } from '../tickets/ticket.wire.js';
import { estimateWaitSeconds, meanServiceSeconds } from './estimate.js';

/** How many recent completions the mean service time is taken over. */
const RECENT_SERVICES = 20;

export interface QueuePosition {
  token: string;
  /** The waiting ticket with its position and estimate filled in. */
  ticket: WireTicket;
}

export interface ServiceLoad {
  meanServiceSeconds: number;
  openCounters: number;
}

export async function serviceLoad(db: Kysely<Database>, serviceId: number): Promise<ServiceLoad> {
  const [recent, service, open] = await Promise.all([
    db
      .selectFrom('tickets')
      .select(sql<number>`extract(epoch FROM finished_at - called_at)::float8`.as('seconds'))
      .where('service_id', '=', serviceId)
      .where('status', '=', 'done')
      .where('finished_at', '>', sql<Date>`now() - interval '4 hours'`)
      .orderBy('finished_at', 'desc')
      .limit(RECENT_SERVICES)
      .execute(),
    db
      .selectFrom('services')
      .select('default_service_seconds')
      .where('id', '=', serviceId)
      .executeTakeFirst(),
    db
      .selectFrom('counter_services as cs')
      .innerJoin('counters as c', 'c.id', 'cs.counter_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('cs.service_id', '=', serviceId)
      .where('c.state', '=', 'open')
      .executeTakeFirst(),
  ]);
  return {
    meanServiceSeconds: meanServiceSeconds(
      recent.map((r) => Number(r.seconds)),
      service?.default_service_seconds ?? 600,
    ),
    openCounters: open?.n ?? 0,
  };
}

export async function queuePositions(db: Kysely<Database>, serviceId: number): Promise<QueuePosition[]> {
  const [waiting, load] = await Promise.all([
    db
      .selectFrom('tickets')
      .selectAll()
      .where('service_id', '=', serviceId)
      .where('status', '=', 'waiting')
      .orderBy(sql`priority IS NULL`)
      .orderBy('queued_at')
      .orderBy('id')
      .execute(),
    serviceLoad(db, serviceId),
  ]);
  return waiting.map((row, i) => ({
    token: row.token,
    ticket: {
      ...toWireTicket(row),
      position: i + 1,
      estimatedWaitSeconds: estimateWaitSeconds(i + 1, load.meanServiceSeconds, load.openCounters),
    },
  }));
}

/** One waiting ticket's position, for the citizen view and the issuance reply: a count, not the whole queue. */
export async function positionOf(
  db: Kysely<Database>,
  ticketId: number,
  serviceId: number,
): Promise<WireTicket | null> {
  const me = await db
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  if (!me) return null;
  // Ahead: priority before normal, then (queued_at, id) — the order of queuePositions.
  const [{ ahead }, load] = await Promise.all([
    db
      .selectFrom('tickets as o')
      .select(sql<number>`count(*)::int`.as('ahead'))
      .where('o.service_id', '=', serviceId)
      .where('o.status', '=', 'waiting')
      .where(
        sql<boolean>`(((o.priority IS NOT NULL) > ${me.priority !== null})
          OR ((o.priority IS NOT NULL) = ${me.priority !== null} AND (o.queued_at, o.id) < (${me.queued_at}, ${me.id})))`,
      )
      .execute()
      .then((rows) => rows[0]!),
    serviceLoad(db, serviceId),
  ]);
  const position = ahead + 1;
  return {
    ...toWireTicket(me),
    position,
    estimatedWaitSeconds: estimateWaitSeconds(position, load.meanServiceSeconds, load.openCounters),
  };
}
