/**
 * Frozen. A counter is held by one signed-in clerk at a time (issue 11 item 11: two clerks
 * worked one counter with no warning, and the dashboard credited whoever opened it last).
 * Opening takes the hold; closing, signing out or a logged takeover gives it up. Counters
 * open before this read null: nobody holds them until someone opens them again.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`ALTER TABLE counters ADD COLUMN held_by integer REFERENCES users(id) ON DELETE SET NULL`)
    .execute(db);
}
