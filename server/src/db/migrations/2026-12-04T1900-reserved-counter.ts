/**
 * Frozen. A clerk may transfer a citizen to one named counter ("send them to Quầy 5 for
 * this"), not only to a service: the new waiting ticket is reserved for that counter, which
 * calls its reserved tickets first while other counters pass them by. Null for every other
 * ticket (and cleared when the ticket is called or its counter closes). The partial index is
 * what closing a counter reads to release its reserved tickets.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`ALTER TABLE tickets ADD COLUMN reserved_counter_id integer REFERENCES counters(id)`)
    .execute(db);
  await sql
    .raw(
      `CREATE INDEX tickets_reserved_waiting ON tickets (reserved_counter_id)
       WHERE status = 'waiting' AND reserved_counter_id IS NOT NULL`,
    )
    .execute(db);
}
