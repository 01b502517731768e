/**
 * The SQL form of "served" (shared/src/served.ts), the one condition every served figure uses:
 * the dashboard, the clerk's day, the reports and the province overview (issue 11 item 14).
 */
import { type RawBuilder, sql } from 'kysely';
import { SERVED } from '../../../shared/src/served.js';

/** True for a served row of `tickets`, read through `alias` (`t`) or unqualified when omitted. */
export function servedSql(alias?: string): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return sql<boolean>`(${col('status')} = ${sql.lit(SERVED.status)} AND ${col('started_at')} IS NOT NULL AND ${col('outcome')} IS DISTINCT FROM ${sql.lit(SERVED.notOutcome)})`;
}
