/**
 * Frozen. A counter display is paired with its counter (issue 10): a rating at a counter must
 * prove it came from that counter's display, so the device records which counter it stands at.
 * Null for boards and kiosks, and for counter displays paired before this.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`ALTER TABLE paired_devices ADD COLUMN counter_id integer REFERENCES counters(id)`)
    .execute(db);
}
