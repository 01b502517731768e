/**
 * Configuration changes are events too (DESIGN.md §15): appended in the change's transaction
 * with the center's next seq, so open boards and kiosks show a new or renamed service, or the
 * center's new name, without a reload, and a screen that was away catches up by replay. They
 * carry only what the public screens show. Who made the change is in the audit log, not on
 * the event (the event log's user is whoever served, opened or paused: see the dashboard).
 */
import type { Transaction } from 'kysely';
import type { PublicService } from '../../../shared/src/protocol.js';
import { toPublicCenter } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { appendEvent } from '../events/events.repository.js';
import type { Published } from '../events/publisher.js';

type Trx = Transaction<Database>;

/** `services.changed` with the center's services as they are in this transaction. Call it last. */
export async function servicesChanged(trx: Trx, centerId: number): Promise<Published> {
  const rows = await trx
    .selectFrom('services')
    .select(['id', 'code', 'name', 'name_en', 'active'])
    .where('center_id', '=', centerId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const services = rows.map(
    (r): PublicService => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, active: r.active }),
  );
  const event = await appendEvent(trx, { centerId, type: 'services.changed', body: { services } });
  return { event, ticketTokens: [], serviceIds: [] };
}

/** `center.changed` with the center as public screens show it, in this transaction. Call it last. */
export async function centerChanged(trx: Trx, centerId: number): Promise<Published> {
  const row = await trx
    .selectFrom('centers')
    .select(['id', 'name', 'timezone', 'hotline', 'board_notice', 'opening_hours'])
    .where('id', '=', centerId)
    .executeTakeFirstOrThrow();
  const event = await appendEvent(trx, {
    centerId,
    type: 'center.changed',
    body: { center: toPublicCenter(row) },
  });
  return { event, ticketTokens: [], serviceIds: [] };
}
