/**
 * Frozen. Text messages a number may receive in a day (issue 10: issue → SMS → cancel in a
 * loop texted any number without limit). A number is kept only as a keyed hash, so the count
 * outlives the ticket without keeping anyone's phone number.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `CREATE TABLE sms_sends (
        phone_hash text NOT NULL,
        day date NOT NULL,
        sent integer NOT NULL,
        PRIMARY KEY (phone_hash, day)
      )`,
    )
    .execute(db);
}
