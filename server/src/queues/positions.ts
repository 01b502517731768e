/**
 * Positions and estimates of the waiting tickets of a service. Position 1 is next: priority
 * tickets first, then by queue time, the order call-next follows when the service is a
 * counter's first choice (the priority ratio and ageing can reorder it a little). While no open
 * counter serves the service a waiting ticket has no estimate (null), and says which counters
 * serve it now (`servingCounters`, empty then), so every screen tells the same truth. A ticket
 * transferred to one named counter is counted in that counter's line only (lines.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { WireTicket } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { toWireTicket } from '../tickets/ticket.wire.js';
import { estimateWaitSeconds, meanServiceSeconds, priorSecondsPerCall, secondsPerCall } from './estimate.js';
import { positionsInLines, type ReservedCounter, reservedLineLoad } from './lines.js';

/** How many recent calls the time per call (and the mean service time) is taken over. */
const RECENT_CALLS = 20;

export interface QueuePosition {
  token: string;
  /** The waiting ticket with its position and estimate filled in. */
  ticket: WireTicket;
}

export interface ServiceLoad {
  /** Seconds each position in the line is expected to take (estimate.ts says how). */
  secondsPerCall: number;
  meanServiceSeconds: number;
  openCounters: number;
  /** Numbers of the open counters that serve the service, ascending (empty: nobody serves it now). */
  servingCounters: number[];
}

export async function serviceLoad(db: Kysely<Database>, serviceId: number): Promise<ServiceLoad> {
  const [calls, service, open] = await Promise.all([
    // The service's last calls of the day, newest first: index tickets_service_called.
    db
      .selectFrom('tickets')
      .select(['called_at', 'queued_at', 'finished_at', 'status', 'transferred_from_id'])
      .where('service_id', '=', serviceId)
      .where('called_at', '>', sql<Date>`now() - interval '12 hours'`)
      .orderBy('called_at', 'desc')
      .limit(RECENT_CALLS + 1)
      .execute(),
    db
      .selectFrom('services')
      .select((eb) => [
        'default_service_seconds',
        sql<Date>`now()`.as('now'),
        // The head of the line (index tickets_waiting); a transfer's queue time is its first issue.
        eb
          .selectFrom('tickets')
          .select((e) => e.fn.min('queued_at').as('q'))
          .where('service_id', '=', serviceId)
          .where('status', '=', 'waiting')
          .where('transferred_from_id', 'is', null)
          .as('waiting_since'),
      ])
      .where('id', '=', serviceId)
      .executeTakeFirst(),
    db
      .selectFrom('counter_services as cs')
      .innerJoin('counters as c', 'c.id', 'cs.counter_id')
      .select('c.number')
      .where('cs.service_id', '=', serviceId)
      .where('c.state', '=', 'open')
      .orderBy('c.number')
      .execute(),
  ]);
  const ms = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).getTime());
  const mean = meanServiceSeconds(
    calls
      .filter((r) => r.status === 'done' && r.finished_at !== null)
      .map((r) => (ms(r.finished_at)! - ms(r.called_at)!) / 1000),
    service?.default_service_seconds ?? 600,
  );
  const servingCounters = open.map((c) => c.number);
  const openCounters = servingCounters.length;
  return {
    secondsPerCall: secondsPerCall({
      calls: calls.reverse().map((r) => ({
        calledAtMs: ms(r.called_at)!,
        queuedAtMs: r.transferred_from_id === null ? ms(r.queued_at) : null,
      })),
      nowMs: ms(service?.now) ?? Date.now(),
      waitingSinceMs: ms(service?.waiting_since),
      priorSeconds: priorSecondsPerCall(mean, openCounters),
    }),
    meanServiceSeconds: mean,
    openCounters,
    servingCounters,
  };
}

/** The counters tickets are reserved for, by id: their number and whether they call now. */
async function reservedCounters(
  db: Kysely<Database>,
  counterIds: readonly number[],
): Promise<Map<number, ReservedCounter>> {
  if (counterIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('counters')
    .select(['id', 'number', 'state'])
    .where('id', 'in', [...new Set(counterIds)])
    .execute();
  return new Map(rows.map((c) => [c.id, { number: c.number, open: c.state === 'open' }]));
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
  const lines = waiting.map((row) => row.reserved_counter_id);
  const positions = positionsInLines(lines);
  const counters = await reservedCounters(
    db,
    lines.filter((l): l is number => l !== null),
  );
  return waiting.map((row, i) => {
    const position = positions[i]!;
    const where =
      row.reserved_counter_id === null
        ? {
            estimatedWaitSeconds: estimateWaitSeconds(position, load.secondsPerCall, load.openCounters),
            servingCounters: load.servingCounters,
          }
        : reservedLineLoad(position, counters.get(row.reserved_counter_id), load.meanServiceSeconds);
    return { token: row.token, ticket: { ...toWireTicket(row), position, ...where } };
  });
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
  const line = me.reserved_counter_id;
  // Ahead in the same line: priority before normal, then (queued_at, id) — the order of queuePositions.
  const [{ ahead }, load, counters] = await Promise.all([
    db
      .selectFrom('tickets as o')
      .select(sql<number>`count(*)::int`.as('ahead'))
      .where('o.service_id', '=', serviceId)
      .where('o.status', '=', 'waiting')
      .where('o.reserved_counter_id', line === null ? 'is' : '=', line)
      .where(
        sql<boolean>`(((o.priority IS NOT NULL) > ${me.priority !== null})
          OR ((o.priority IS NOT NULL) = ${me.priority !== null} AND (o.queued_at, o.id) < (${me.queued_at}, ${me.id})))`,
      )
      .execute()
      .then((rows) => rows[0]!),
    serviceLoad(db, serviceId),
    reservedCounters(db, line === null ? [] : [line]),
  ]);
  const position = ahead + 1;
  const where =
    line === null
      ? {
          estimatedWaitSeconds: estimateWaitSeconds(position, load.secondsPerCall, load.openCounters),
          servingCounters: load.servingCounters,
        }
      : reservedLineLoad(position, counters.get(line), load.meanServiceSeconds);
  return { ...toWireTicket(me), position, ...where };
}
