/**
 * Reports for a center and a range of local days (issue 5), computed in SQL from the event
 * log: each ticket's first issue, first call, start and end are read from ticket_events (by
 * its index on ticket_id), for the tickets issued on those days (by tickets_center_day), so a
 * year of data is never scanned whole. A ticket belongs to the day it was issued, even when
 * it is served after midnight.
 */
import { type Kysely, sql } from 'kysely';
import type { CenterReport, Figures } from '../../../shared/src/api/reports.js';
import type { Database } from '../db/tables.js';
import { servedSql } from '../stats/served-sql.js';

/**
 * One row of facts per ticket issued in the range, from its own events: the lateral
 * subquery reaches them by ticket_events_ticket, ticket by ticket, so the cost follows the
 * range, never the size of the whole log.
 */
function facts(centerId: number, from: string, to: string) {
  return sql`
    SELECT t.id, t.service_id, t.clerk_id, s.sla_minutes, t.issued_at,
      extract(hour FROM t.issued_at AT TIME ZONE c.timezone)::int AS hour,
      ev.called_at, ev.started_at, ev.done_at, ${servedSql('t')} AS served, ev.cancelled, ev.transferred, ev.expired,
      ev.no_show AND t.status = 'no_show' AS no_show,
      f.rating
    FROM tickets t
    JOIN services s ON s.id = t.service_id
    JOIN centers c ON c.id = t.center_id
    LEFT JOIN feedback f ON f.ticket_id = t.id
    CROSS JOIN LATERAL (
      SELECT
        min(e.at) FILTER (WHERE e.type = 'ticket.called') AS called_at,
        min(e.at) FILTER (WHERE e.type = 'ticket.serving') AS started_at,
        max(e.at) FILTER (WHERE e.type = 'ticket.done') AS done_at,
        coalesce(bool_or(e.type = 'ticket.no_show'), false) AS no_show,
        coalesce(bool_or(e.type = 'ticket.cancelled'), false) AS cancelled,
        coalesce(bool_or(e.type = 'ticket.transferred'), false) AS transferred,
        coalesce(bool_or(e.type = 'ticket.expired'), false) AS expired
      FROM ticket_events e WHERE e.ticket_id = t.id
    ) ev
    WHERE t.center_id = ${centerId} AND t.day BETWEEN ${from}::date AND ${to}::date`;
}

/** The figures of a group of facts, as SQL select expressions over the CTE `x`. */
const FIGURES = sql`
  count(*)::int AS issued,
  count(*) FILTER (WHERE x.served)::int AS served,
  count(*) FILTER (WHERE x.no_show)::int AS no_show,
  count(*) FILTER (WHERE x.cancelled)::int AS cancelled,
  count(*) FILTER (WHERE x.transferred)::int AS transferred,
  count(*) FILTER (WHERE x.expired)::int AS expired,
  avg(x.wait) AS wait_mean,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY x.wait) AS wait_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY x.wait) AS wait_p90,
  avg(x.service) AS service_mean,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY x.service) AS service_median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY x.service) AS service_p90,
  avg(CASE WHEN x.wait IS NULL THEN NULL WHEN x.wait <= x.sla_minutes * 60 THEN 1.0 ELSE 0.0 END) AS within_sla,
  count(*) FILTER (WHERE x.rating = 1)::int AS r1,
  count(*) FILTER (WHERE x.rating = 2)::int AS r2,
  count(*) FILTER (WHERE x.rating = 3)::int AS r3,
  count(*) FILTER (WHERE x.rating = 4)::int AS r4`;

/** The figures of no tickets at all. */
const EMPTY: Record<string, unknown> = {
  issued: 0,
  served: 0,
  no_show: 0,
  cancelled: 0,
  transferred: 0,
  expired: 0,
  r1: 0,
  r2: 0,
  r3: 0,
  r4: 0,
  within_sla: null,
};

const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

function toFigures(r: Record<string, unknown>): Figures {
  return {
    issued: Number(r.issued),
    served: Number(r.served),
    noShow: Number(r.no_show),
    cancelled: Number(r.cancelled),
    transferred: Number(r.transferred),
    expired: Number(r.expired),
    waitMean: seconds(r.wait_mean),
    waitMedian: seconds(r.wait_median),
    waitP90: seconds(r.wait_p90),
    serviceMean: seconds(r.service_mean),
    serviceMedian: seconds(r.service_median),
    serviceP90: seconds(r.service_p90),
    withinSla: r.within_sla === null ? null : Math.round(Number(r.within_sla) * 1000) / 1000,
    ratings: { '1': Number(r.r1), '2': Number(r.r2), '3': Number(r.r3), '4': Number(r.r4) },
  };
}

export async function centerReport(
  db: Kysely<Database>,
  centerId: number,
  from: string,
  to: string,
): Promise<CenterReport> {
  // The facts are read once; every grouping (total, service, clerk, hour) comes from one pass.
  const { rows } = await sql<Record<string, unknown>>`
    WITH x AS MATERIALIZED (
      SELECT f.*, extract(epoch FROM f.called_at - f.issued_at) AS wait,
        extract(epoch FROM f.done_at - f.started_at) AS service
      FROM (${facts(centerId, from, to)}) f
    )
    SELECT GROUPING(x.service_id, x.clerk_id, x.hour) AS grouping, x.service_id, x.clerk_id, x.hour, ${FIGURES}
    FROM x
    GROUP BY GROUPING SETS ((), (x.service_id), (x.clerk_id), (x.hour))`.execute(db);
  // GROUPING bits: service 4, clerk 2, hour 1; a set's own column is the zero bit.
  const total = rows.find((r) => Number(r.grouping) === 7);
  const byService = rows.filter((r) => Number(r.grouping) === 3);
  const byClerk = rows.filter((r) => Number(r.grouping) === 5 && r.clerk_id !== null);
  const byHour = new Map(
    rows.filter((r) => Number(r.grouping) === 6).map((r) => [Number(r.hour), Number(r.issued)]),
  );

  const [services, users] = await Promise.all([
    db
      .selectFrom('services')
      .select(['id', 'code', 'name', 'sort_order'])
      .where('center_id', '=', centerId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    byClerk.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('users')
          .select(['id', 'username'])
          .where(
            'id',
            'in',
            byClerk.map((r) => Number(r.clerk_id)),
          )
          .execute(),
  ]);
  const serviceRow = new Map(byService.map((r) => [Number(r.service_id), r]));
  const userName = new Map(users.map((u) => [u.id, u.username]));
  return {
    centerId,
    from,
    to,
    total: toFigures(total ?? EMPTY),
    services: services
      .filter((s) => serviceRow.has(s.id))
      .map((s) => ({ serviceId: s.id, code: s.code, name: s.name, ...toFigures(serviceRow.get(s.id)!) })),
    clerks: byClerk
      .map((r) => ({
        userId: Number(r.clerk_id),
        username: userName.get(Number(r.clerk_id)) ?? '',
        ...toFigures(r),
      }))
      .sort((a, b) => a.username.localeCompare(b.username)),
    arrivals: Array.from({ length: 24 }, (_, hour) => ({ hour, issued: byHour.get(hour) ?? 0 })),
  };
}
