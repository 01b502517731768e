/**
 * The live dashboard of a center (issue 5): per service, per counter and per clerk figures
 * for the center's local day, satisfaction today and the day's timeline. Read in one
 * repeatable-read transaction, with the seq it reflects, so the page applies events after it.
 */
import { type Kysely, sql } from 'kysely';
import type {
  Breach,
  CenterDashboard,
  ClerkFigures,
  CounterFigures,
  ServiceFigures,
  TimelinePoint,
} from '../../../shared/src/api/dashboard.js';
import type { Rating } from '../../../shared/src/protocol.js';
import { ACTIVE_AT_COUNTER } from '../../../shared/src/ticket-state.js';
import { assertCenterExists, servingCountersByService } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { currentSeq } from '../events/events.repository.js';
import { servedSql } from '../stats/served-sql.js';
import { toWireTicket } from '../tickets/ticket.wire.js';

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Math.round(Number(v));

export function centerDashboard(db: Kysely<Database>, centerId: number): Promise<CenterDashboard> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await assertCenterExists(trx, centerId);
      const seq = await currentSeq(trx, centerId);
      const { rows: dayRows } = await sql<{ day: string; start: Date; timezone: string }>`
        SELECT timezone, (now() AT TIME ZONE timezone)::date::text AS day,
               ((now() AT TIME ZONE timezone)::date::timestamp AT TIME ZONE timezone) AS start
        FROM centers WHERE id = ${centerId}`.execute(trx);
      const { day, start, timezone } = dayRows[0]!;

      const { rows: serviceRows } = await sql<Record<string, unknown>>`
        SELECT s.id, s.code, s.name, s.name_en, s.sla_minutes,
          count(t.id) FILTER (WHERE t.status = 'waiting') AS waiting,
          coalesce(max(extract(epoch FROM now() - t.issued_at)) FILTER (WHERE t.status = 'waiting'), 0) AS longest,
          avg(extract(epoch FROM t.called_at - t.issued_at)) FILTER (WHERE t.called_at > now() - interval '1 hour') AS avg_hour,
          count(t.id) FILTER (WHERE ${servedSql('t')}) AS served
        FROM services s
        LEFT JOIN tickets t ON t.service_id = s.id AND t.day = ${day}::date
        WHERE s.center_id = ${centerId}
        GROUP BY s.id ORDER BY s.sort_order, s.id`.execute(trx);
      const serving = await servingCountersByService(trx, centerId);
      const services: ServiceFigures[] = serviceRows.map((r) => ({
        id: num(r.id),
        code: String(r.code),
        name: String(r.name),
        nameEn: String(r.name_en),
        slaMinutes: num(r.sla_minutes),
        waiting: num(r.waiting),
        longestWaitSeconds: Math.round(num(r.longest)),
        averageWaitLastHourSeconds: numOrNull(r.avg_hour),
        servedToday: num(r.served),
        breached: num(r.longest) > num(r.sla_minutes) * 60,
        servingCounters: serving.get(num(r.id)) ?? [],
        unserved: num(r.waiting) > 0 && !serving.has(num(r.id)),
      }));

      const { rows: breachRows } = await sql<Record<string, unknown>>`
        SELECT t.id, t.number, t.service_id, extract(epoch FROM now() - t.issued_at) AS waited, s.sla_minutes
        FROM tickets t JOIN services s ON s.id = t.service_id
        WHERE t.center_id = ${centerId} AND t.status = 'waiting'
          AND t.issued_at < now() - make_interval(mins => s.sla_minutes)
        ORDER BY t.issued_at LIMIT 100`.execute(trx);
      const breaches: Breach[] = breachRows.map((r) => ({
        ticketId: num(r.id),
        number: String(r.number),
        serviceId: num(r.service_id),
        waitedSeconds: Math.round(num(r.waited)),
        slaMinutes: num(r.sla_minutes),
      }));

      const counters = await countersWithClerks(trx, centerId);
      const clerks = await clerkFigures(trx, centerId, day, start);

      const { rows: ratingRows } = await sql<{ rating: Rating; n: number }>`
        SELECT f.rating, count(*)::int AS n FROM feedback f JOIN tickets t ON t.id = f.ticket_id
        WHERE t.center_id = ${centerId} AND f.created_at >= ${start} GROUP BY f.rating`.execute(trx);
      const satisfaction: Record<Rating, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
      for (const r of ratingRows) satisfaction[r.rating] = r.n;

      // Every 15 minutes of the day so far, and now: who was waiting then, and how long those called
      // in the quarter before had waited. Without the point at now, the line read 0 for anyone who
      // came after the last quarter hour (issue 11 item 6).
      const { rows: timelineRows } = await sql<Record<string, unknown>>`
        WITH buckets AS (
          SELECT generate_series(${start}::timestamptz, now(), interval '15 minutes') AS at
          UNION SELECT now()
        )
        SELECT b.at,
          (SELECT count(*) FROM tickets t WHERE t.center_id = ${centerId} AND t.day = ${day}::date
             AND t.issued_at <= b.at AND coalesce(t.called_at, t.finished_at, 'infinity') > b.at) AS waiting,
          (SELECT avg(extract(epoch FROM t.called_at - t.issued_at)) FROM tickets t
             WHERE t.center_id = ${centerId} AND t.called_at > b.at - interval '15 minutes' AND t.called_at <= b.at) AS avg_wait
        FROM buckets b ORDER BY b.at`.execute(trx);
      const timeline: TimelinePoint[] = timelineRows.map((r) => ({
        at: new Date(r.at as string).toISOString(),
        waiting: num(r.waiting),
        averageWaitSeconds: numOrNull(r.avg_wait),
      }));

      return { seq, centerId, day, timezone, services, counters, clerks, breaches, satisfaction, timeline };
    });
}

/**
 * Today's counter.changed events that changed the counter's state (open, paused, closed),
 * with who made each: not the ones that only carried new configuration or services.
 */
function stateChanges(centerId: number, start: Date) {
  return sql`
    SELECT counter_id, seq, at, user_id, state FROM (
      SELECT counter_id, seq, at, user_id, payload->'counter'->>'state' AS state,
        lag(payload->'counter'->>'state') OVER (PARTITION BY counter_id ORDER BY seq) AS before
      FROM ticket_events
      WHERE center_id = ${centerId} AND type = 'counter.changed' AND at >= ${start}
    ) e
    WHERE e.before IS DISTINCT FROM e.state`;
}

/** Each counter, who holds it, and its ticket in hand. */
async function countersWithClerks(db: Kysely<Database>, centerId: number): Promise<CounterFigures[]> {
  const rows = await db
    .selectFrom('counters')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('number')
    .execute();
  const active = await db
    .selectFrom('tickets')
    .selectAll()
    .select(sql<number>`extract(epoch FROM now() - called_at)`.as('at_counter'))
    .where('center_id', '=', centerId)
    .where('status', 'in', ACTIVE_AT_COUNTER)
    .execute();
  // The clerk is whoever holds the counter now (issue 11 item 11), not whoever last sent an
  // event that left it open: a takeover, or an admin editing its services, moves no credit.
  const holders = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where(
      'id',
      'in',
      [...new Set(rows.map((c) => c.held_by).filter((id): id is number => id !== null))].concat(-1),
    )
    .execute();
  const holderName = new Map(holders.map((u) => [u.id, u.username]));
  return rows.map((c) => {
    const ticket = active.find((t) => t.counter_id === c.id);
    return {
      id: c.id,
      number: c.number,
      state: c.state,
      pauseReason: c.pause_reason,
      pauseNote: c.pause_note,
      clerk: c.state === 'closed' || c.held_by === null ? null : (holderName.get(c.held_by) ?? null),
      ticket: ticket ? toWireTicket(ticket) : null,
      secondsAtCounter: ticket ? Math.round(Number(ticket.at_counter)) : null,
    };
  });
}

/** Per clerk today: served, mean service time, no-shows, and time their counters stood paused. */
async function clerkFigures(
  db: Kysely<Database>,
  centerId: number,
  day: string,
  start: Date,
): Promise<ClerkFigures[]> {
  const { rows } = await sql<Record<string, unknown>>`
    WITH work AS (
      SELECT clerk_id AS user_id,
        count(*) FILTER (WHERE ${servedSql()}) AS served,
        avg(extract(epoch FROM finished_at - started_at)) FILTER (WHERE ${servedSql()}) AS avg_service,
        count(*) FILTER (WHERE status = 'no_show') AS no_shows
      FROM tickets WHERE center_id = ${centerId} AND day = ${day}::date AND clerk_id IS NOT NULL
      GROUP BY clerk_id
    ), changes AS (
      SELECT user_id, at, state, lead(at) OVER (PARTITION BY counter_id ORDER BY seq) AS until
      FROM (${stateChanges(centerId, start)}) c
    ), pauses AS (
      SELECT user_id, sum(extract(epoch FROM coalesce(until, now()) - at)) AS pause_seconds
      FROM changes WHERE state = 'paused' AND user_id IS NOT NULL GROUP BY user_id
    )
    SELECT u.id, u.username, coalesce(w.served, 0) AS served, w.avg_service, coalesce(w.no_shows, 0) AS no_shows,
      coalesce(p.pause_seconds, 0) AS pause_seconds
    FROM users u
    LEFT JOIN work w ON w.user_id = u.id
    LEFT JOIN pauses p ON p.user_id = u.id
    WHERE w.user_id IS NOT NULL OR p.user_id IS NOT NULL
    ORDER BY u.username`.execute(db);
  return rows.map((r) => ({
    userId: num(r.id),
    username: String(r.username),
    served: num(r.served),
    averageServiceSeconds: numOrNull(r.avg_service),
    noShows: num(r.no_shows),
    pauseSeconds: Math.round(num(r.pause_seconds)),
  }));
}
