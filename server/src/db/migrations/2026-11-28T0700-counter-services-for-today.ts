/**
 * Frozen. A manager's reassignment of a counter's services holds for that local day only
 * (issue 5): the configured list is kept aside and put back when the day ends.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE counters ADD COLUMN configured_service_ids integer[], ADD COLUMN services_reassigned_on date`.execute(
    db,
  );
}
