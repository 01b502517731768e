/** Paired devices: the token's lookup, the list a manager sees, and revocation. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DeviceKind, PairedDevice, PairedReply, WireDevice } from '../../../shared/src/api/devices.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';
import { hashSecret, newDeviceToken } from './device-credentials.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The live (unrevoked) device behind a token, or null; notes when it was last seen, once a minute at most. */
export async function deviceOfToken(db: Kysely<Database>, token: string): Promise<PairedDevice | null> {
  const row = await db
    .selectFrom('paired_devices')
    .select(['id', 'center_id', 'kind', 'name', 'counter_id', 'last_seen_at'])
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_seen_at || Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('paired_devices')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return { id: row.id, centerId: row.center_id, kind: row.kind, name: row.name, counterId: row.counter_id };
}

/** A new device and its token (returned once, stored only as a hash). */
export async function insertDevice(
  trx: Transaction<Database>,
  values: {
    centerId: number;
    kind: DeviceKind;
    name: string;
    counterId: number | null;
    createdBy: number | null;
  },
): Promise<PairedReply> {
  const token = newDeviceToken();
  const row = await trx
    .insertInto('paired_devices')
    .values({
      center_id: values.centerId,
      kind: values.kind,
      name: values.name,
      counter_id: values.counterId,
      token_hash: hashSecret(token),
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { centerId, kind, name, counterId } = values;
  return { device: { id: row.id, centerId, kind, name, counterId }, token };
}

/** The center's devices still paired, newest first. */
export async function listDevices(db: Kysely<Database>, centerId: number): Promise<WireDevice[]> {
  const rows = await db
    .selectFrom('paired_devices as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .select([
      'd.id',
      'd.center_id',
      'd.kind',
      'd.name',
      'd.counter_id',
      'd.created_at',
      'd.last_seen_at',
      'u.username',
    ])
    .where('d.center_id', '=', centerId)
    .where('d.revoked_at', 'is', null)
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    centerId: r.center_id,
    kind: r.kind,
    name: r.name,
    counterId: r.counter_id,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.username ?? null,
    lastSeenAt: iso(r.last_seen_at),
  }));
}

/**
 * Revokes a device: its token is refused from the next request or subscribe on. Idempotent:
 * revoking a revoked device changes nothing and is not logged again.
 */
export async function revokeDevice(
  ctx: DomainContext,
  actor: Actor,
  deviceId: number,
): Promise<PairedDevice & { revokedAt: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('paired_devices')
      .select(['id', 'center_id', 'kind', 'name', 'counter_id', 'revoked_at'])
      .where('id', '=', deviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('device', deviceId);
    assertCenterAccess(actor, row.center_id);
    let revokedAt = row.revoked_at;
    if (!revokedAt) {
      const updated = await trx
        .updateTable('paired_devices')
        .set({ revoked_at: sql<Date>`now()` })
        .where('id', '=', deviceId)
        .returning('revoked_at')
        .executeTakeFirstOrThrow();
      revokedAt = updated.revoked_at;
      await writeAudit(trx, actor, {
        centerId: row.center_id,
        action: 'device.revoked',
        subject: `device:${row.id}`,
        details: { kind: row.kind, name: row.name },
      });
    }
    return {
      id: row.id,
      centerId: row.center_id,
      kind: row.kind,
      name: row.name,
      counterId: row.counter_id,
      revokedAt: new Date(revokedAt as Date).toISOString(),
    };
  });
}
