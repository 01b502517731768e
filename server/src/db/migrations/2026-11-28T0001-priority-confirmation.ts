/**
 * Frozen. Priority is claimed by the citizen at the kiosk and checked by staff (issue 3):
 * whether a clerk has confirmed it is kept on the ticket; a removal is in the event log.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tickets ADD COLUMN priority_confirmed boolean NOT NULL DEFAULT false`.execute(db);
}
