/**
 * Frozen. A cancelled ticket keeps why it was cancelled (issue 11 item 16: a manager's "Hủy
 * số" ended a citizen's turn in one click with no reason asked). Older cancels read null.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE tickets ADD COLUMN cancel_reason text`).execute(db);
}
