/**
 * Frozen. Every web ticket checks what its device already holds (tickets/issuance-limits.ts):
 * without this index that is a scan of every ticket ever issued. Only web tickets carry a device.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE INDEX tickets_device ON tickets (device_id) WHERE device_id IS NOT NULL`).execute(db);
}
