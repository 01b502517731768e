/**
 * Frozen. What a center tells everyone in its hall (issue 11): a hotline, printed on tickets and
 * shown on the phone page, and a notice line the board shows under its panels. Both public,
 * both optional: null shows nothing.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE centers ADD COLUMN hotline text, ADD COLUMN board_notice text`).execute(db);
}
