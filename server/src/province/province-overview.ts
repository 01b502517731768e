/**
 * The province overview (issue 5): every center side by side, each figure taken in that
 * center's own local day (its `timezone` column), in one query so the rows agree in time.
 */
import { type Kysely, sql } from 'kysely';
import type { CenterOverview } from '../../../shared/src/api/province.js';
import type { Database } from '../db/tables.js';
import { servedSql } from '../stats/served-sql.js';

export async function provinceOverview(db: Kysely<Database>): Promise<CenterOverview[]> {
  // Correlated subqueries per center: each uses an index (tickets_center_day, counters by center)
  // and the center's own day, which a single GROUP BY over a join could not mix.
  const { rows } = await sql<Record<string, unknown>>`
    WITH c AS (
      SELECT id, name, timezone,
        (now() AT TIME ZONE timezone)::date AS day,
        ((now() AT TIME ZONE timezone)::date::timestamp AT TIME ZONE timezone) AS start
      FROM centers
    )
    SELECT c.id, c.name, c.timezone, c.day::text AS day,
      w.waiting, w.longest, k.open_counters, k.counters, s.served, r.ratings, r.satisfied
    FROM c
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE t.status = 'waiting') AS waiting,
        coalesce(max(extract(epoch FROM now() - t.issued_at)) FILTER (WHERE t.status = 'waiting'), 0) AS longest
      FROM tickets t WHERE t.center_id = c.id AND t.day = c.day
    ) w
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE ${servedSql('t')}) AS served
      FROM tickets t WHERE t.center_id = c.id AND t.day = c.day
    ) s
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE k.state = 'open') AS open_counters, count(*) AS counters
      FROM counters k WHERE k.center_id = c.id
    ) k
    CROSS JOIN LATERAL (
      SELECT count(*) AS ratings, count(*) FILTER (WHERE f.rating >= 3) AS satisfied
      FROM feedback f JOIN tickets t ON t.id = f.ticket_id
      WHERE t.center_id = c.id AND f.created_at >= c.start
    ) r
    ORDER BY c.id`.execute(db);
  return rows.map((r) => {
    const ratings = Number(r.ratings);
    return {
      id: Number(r.id),
      name: String(r.name),
      timezone: String(r.timezone),
      day: String(r.day),
      waiting: Number(r.waiting),
      longestWaitSeconds: Math.round(Number(r.longest)),
      openCounters: Number(r.open_counters),
      counters: Number(r.counters),
      servedToday: Number(r.served),
      ratingsToday: ratings,
      satisfiedShare: ratings === 0 ? null : Number(r.satisfied) / ratings,
    };
  });
}
