/**
 * Frozen. The web channel's share of a service's daily quota (issue 10): by default half the
 * day's tickets may be taken remotely, so people who come to the center are never locked out.
 * Counted beside the day's number, in the row issuance already locks.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE services ADD COLUMN web_quota_percent integer NOT NULL DEFAULT 50
         CHECK (web_quota_percent BETWEEN 0 AND 100)`,
    )
    .execute(db);
  await sql
    .raw(`ALTER TABLE daily_number_sequences ADD COLUMN web_issued integer NOT NULL DEFAULT 0`)
    .execute(db);
}
