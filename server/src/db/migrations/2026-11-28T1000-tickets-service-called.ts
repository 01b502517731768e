/**
 * Frozen. The estimated wait reads a service's last calls, newest first (queues/positions.ts):
 * without this index that is a scan of every ticket the service ever had.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`CREATE INDEX tickets_service_called ON tickets (service_id, called_at) WHERE called_at IS NOT NULL`)
    .execute(db);
}
