/** A clerk's figures for today (their centers' local day): served (served-sql.ts), mean service time, no-shows. */
import { type Kysely, sql } from 'kysely';
import type { ClerkToday } from '../../../shared/src/api/users.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/tables.js';
import { servedSql } from './served-sql.js';

export async function clerkToday(db: Kysely<Database>, actor: Actor): Promise<ClerkToday> {
  const row = await db
    .selectFrom('tickets as t')
    .innerJoin('centers as c', 'c.id', 't.center_id')
    .select([
      sql<number>`count(*) FILTER (WHERE ${servedSql('t')})::int`.as('served'),
      sql<
        number | null
      >`avg(extract(epoch FROM t.finished_at - t.started_at)) FILTER (WHERE ${servedSql('t')})`.as('average'),
      sql<number>`count(*) FILTER (WHERE t.status = 'no_show')::int`.as('no_shows'),
    ])
    .where('t.clerk_id', '=', actor.userId)
    .where('t.day', '=', sql<string>`(now() AT TIME ZONE c.timezone)::date`)
    .executeTakeFirstOrThrow();
  return {
    served: row.served,
    averageServiceSeconds: row.average === null ? null : Math.round(Number(row.average)),
    noShows: row.no_shows,
  };
}
