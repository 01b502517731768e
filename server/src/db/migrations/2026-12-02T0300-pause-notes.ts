/**
 * Frozen. A counter's pause is a reason code that public screens may show, and what the clerk
 * typed is a note for staff (issue 10: free text reached anonymous boards). Pauses of old keep
 * their text as the note, under the code "other".
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE counters ADD COLUMN pause_note text`).execute(db);
  await sql
    .raw(
      `UPDATE counters SET pause_note = pause_reason, pause_reason = 'other'
       WHERE pause_reason IS NOT NULL AND pause_reason NOT IN ('break', 'meeting', 'back_office', 'other')`,
    )
    .execute(db);
}
