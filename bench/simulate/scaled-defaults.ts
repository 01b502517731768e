/**
 * A service's default service time is the server's guess before its first completion, in real
 * seconds: under --speed it would promise a 7–15 real-minute service (hours of simulated time)
 * and make every "cold" estimate meaningless. The configuration API does not expose it, so it
 * is scaled here with Kysely while the server is stopped (run.ts), like the history is written.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../server/src/db/tables.js';

export async function scaleDefaultServiceTimes(
  db: Kysely<Database>,
  centerIds: readonly number[],
  speed: number,
): Promise<void> {
  if (speed === 1 || centerIds.length === 0) return;
  await db
    .updateTable('services')
    .set({
      default_service_seconds: sql`greatest(1, round(default_service_seconds / ${speed}::float8))::int`,
    })
    .where('center_id', 'in', centerIds)
    .execute();
}
