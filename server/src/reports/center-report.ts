/**
 * Reports for a center and a range of local days (issue 5), computed in SQL from the event
 * log: each ticket's first issue, first call, start and end are read from ticket_events (by
 * its index on ticket_id), for the tickets issued on those days (by tickets_center_day), so a
 * year of data is never scanned whole. A ticket belongs to the day it was issued, even when
 * it is served after midnight.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';

export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  expired: number;
  waitMean: number | null;
  waitMedian: number | null;
  waitP90: number | null;
  serviceMean: number | null;
  serviceMedian: number | null;
  serviceP90: number | null;
  /** Share (0..1) of called tickets whose wait was within the service's target. */
  withinSla: number | null;
  ratings: Record<'1' | '2' | '3' | '4', number>;
}

export interface CenterReport {
  centerId: number;
  from: string;
  to: string;
  total: Figures;
  services: (Figures & { serviceId: number; code: string; name: string })[];
  clerks: (Figures & { userId: number; username: string })[];
  /** Tickets issued per local hour of day, 0..23. */
  arrivals: { hour: number; issued: number }[];
}

/** One row of facts per ticket issued in the range, from its events. */
function facts(centerId: number, from: string, to: string) {
  return sql`
    SELECT t.id, t.service_id, t.clerk_id, s.sla_minutes, c.timezone,
      t.issued_at,
      min(e.at) FILTER (WHERE e.type = 'ticket.called') AS called_at,
      min(e.at) FILTER (WHERE e.type = 'ticket.serving') AS started_at,
      max(e.at) FILTER (WHERE e.type = 'ticket.done') AS done_at,
      bool_or(e.type = 'ticket.done') AS served,
      bool_or(e.type = 'ticket.no_show') AND t.status = 'no_show' AS no_show,
      bool_or(e.type = 'ticket.cancelled') AS cancelled,
      bool_or(e.type = 'ticket.transferred') AS transferred,
      bool_or(e.type = 'ticket.expired') AS expired,
      f.rating
    FROM tickets t
    JOIN services s ON s.id = t.service_id
    JOIN centers c ON c.id = t.center_id
    LEFT JOIN ticket_events e ON e.ticket_id = t.id
    LEFT JOIN feedback f ON f.ticket_id = t.id
    WHERE t.center_id = ${centerId} AND t.day BETWEEN ${from}::date AND ${to}::date
    GROUP BY t.id, s.sla_minutes, c.timezone, f.rating`;
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
  const x = sql`x AS (
    SELECT f.*, extract(epoch FROM f.called_at - f.issued_at) AS wait,
      extract(epoch FROM f.done_at - f.started_at) AS service
    FROM (${facts(centerId, from, to)}) f)`;
  const [total, services, clerks, arrivals] = await Promise.all([
    sql<Record<string, unknown>>`WITH ${x} SELECT ${FIGURES} FROM x`.execute(db),
    sql<Record<string, unknown>>`
      WITH ${x} SELECT s.id AS service_id, s.code, s.name, ${FIGURES}
      FROM x JOIN services s ON s.id = x.service_id GROUP BY s.id ORDER BY s.sort_order, s.id`.execute(db),
    sql<Record<string, unknown>>`
      WITH ${x} SELECT u.id AS user_id, u.username, ${FIGURES}
      FROM x JOIN users u ON u.id = x.clerk_id GROUP BY u.id ORDER BY u.username`.execute(db),
    sql<{ hour: number; issued: number }>`
      WITH ${x} SELECT extract(hour FROM issued_at AT TIME ZONE timezone)::int AS hour, count(*)::int AS issued
      FROM x GROUP BY 1 ORDER BY 1`.execute(db),
  ]);
  const byHour = new Map(arrivals.rows.map((r) => [r.hour, r.issued]));
  return {
    centerId,
    from,
    to,
    total: toFigures(total.rows[0]!),
    services: services.rows.map((r) => ({
      serviceId: Number(r.service_id),
      code: String(r.code),
      name: String(r.name),
      ...toFigures(r),
    })),
    clerks: clerks.rows.map((r) => ({
      userId: Number(r.user_id),
      username: String(r.username),
      ...toFigures(r),
    })),
    arrivals: Array.from({ length: 24 }, (_, hour) => ({ hour, issued: byHour.get(hour) ?? 0 })),
  };
}
