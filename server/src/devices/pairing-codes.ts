/**
 * One-time pairing codes: eight digits (typeable on a TV remote), valid ten minutes, good for
 * one device. Only a hash is stored; the code is shown once, to the manager who asked for it.
 * Redeeming one either pairs the device (in one transaction: the code used, the device
 * created, the audit row) or refuses with the reason and changes nothing.
 */
import { randomInt } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DeviceKind, IssuedCode, PairedReply } from '../../../shared/src/api/devices.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import { hashSecret } from './device-credentials.js';
import { insertDevice } from './device-tokens.js';

export const CODE_MINUTES = 10;
export const CODE_DIGITS = 8;

const newCode = (): string => String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');

/** "1234 5678", "1234-5678" → "12345678"; anything else that is not eight digits → null. */
export function normaliseCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export async function createPairingCode(
  db: Kysely<Database>,
  actor: Actor,
  centerId: number,
  input: { kind: DeviceKind; name: string },
): Promise<IssuedCode> {
  assertCenterAccess(actor, centerId);
  return db.transaction().execute(async (trx) => {
    await assertCenterExists(trx, centerId);
    // Two live codes must never share a hash: draw again in the (one in millions) case they would.
    let code = newCode();
    for (let tries = 0; tries < 5; tries++) {
      const clash = await trx
        .selectFrom('pairing_codes')
        .select('id')
        .where('code_hash', '=', hashSecret(code))
        .where('used_at', 'is', null)
        .where('expires_at', '>', sql<Date>`now()`)
        .executeTakeFirst();
      if (!clash) break;
      code = newCode();
    }
    // Codes long past are of no use to anyone: cleared here, where it costs nothing extra.
    await trx
      .deleteFrom('pairing_codes')
      .where('expires_at', '<', sql<Date>`now() - interval '30 days'`)
      .execute();
    const row = await trx
      .insertInto('pairing_codes')
      .values({
        code_hash: hashSecret(code),
        center_id: centerId,
        kind: input.kind,
        name: input.name,
        created_by: actor.userId,
        expires_at: sql<Date>`now() + make_interval(mins => ${CODE_MINUTES})` as unknown as Date,
      })
      .returning('expires_at')
      .executeTakeFirstOrThrow();
    const expiresAt = new Date(row.expires_at).toISOString();
    await writeAudit(trx, actor, {
      centerId,
      action: 'device.code_created',
      subject: `center:${centerId}`,
      details: { kind: input.kind, name: input.name, expiresAt },
    });
    return { code, kind: input.kind, name: input.name, expiresAt };
  });
}

/** Only a counter display stands at a counter, and only at one of its own center. */
async function assertCounterOf(
  trx: Transaction<Database>,
  centerId: number,
  kind: DeviceKind,
  counterId: number,
) {
  const field = { in: 'body', field: 'counterId' };
  if (kind !== 'counter_display') {
    throw new DomainError(
      'validation_failed',
      `body.counterId: this code pairs a ${kind}, not a counter display`,
      field,
    );
  }
  const counter = await trx
    .selectFrom('counters')
    .select('center_id')
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (counter?.center_id !== centerId) {
    throw new DomainError(
      'validation_failed',
      `body.counterId: counter ${counterId} is not a counter of this center`,
      field,
    );
  }
}

/** Exchanges a code for a new device and its token, or refuses with why (and writes nothing). */
export async function redeemPairingCode(
  db: Kysely<Database>,
  code: string,
  counterId: number | null = null,
): Promise<PairedReply> {
  const digits = normaliseCode(code);
  if (!digits) {
    throw new DomainError('validation_failed', `body.code must be ${CODE_DIGITS} digits`, {
      in: 'body',
      field: 'code',
    });
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('pairing_codes')
      .select([
        'id',
        'center_id',
        'kind',
        'name',
        'created_by',
        'used_at',
        sql<boolean>`expires_at <= now()`.as('expired'),
      ])
      .where('code_hash', '=', hashSecret(digits))
      .orderBy('id', 'desc')
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      throw new DomainError(
        'pairing_code_invalid',
        'no such pairing code: check the digits, or ask for a new code',
      );
    }
    if (row.used_at) {
      throw new DomainError(
        'pairing_code_used',
        'this pairing code has already been used: ask for a new code',
      );
    }
    if (row.expired) {
      throw new DomainError(
        'pairing_code_expired',
        `this pairing code has expired (codes last ${CODE_MINUTES} minutes): ask for a new code`,
      );
    }
    if (counterId !== null) await assertCounterOf(trx, row.center_id, row.kind, counterId);
    const paired = await insertDevice(trx, {
      centerId: row.center_id,
      kind: row.kind,
      name: row.name,
      counterId,
      createdBy: row.created_by,
    });
    await trx
      .updateTable('pairing_codes')
      .set({ used_at: sql<Date>`now()`, device_id: paired.device.id })
      .where('id', '=', row.id)
      .execute();
    // No one is signed in on the device: the audit row names the manager who issued the code.
    await writeAudit(trx, null, {
      centerId: row.center_id,
      action: 'device.paired',
      subject: `device:${paired.device.id}`,
      details: { kind: row.kind, name: row.name, counterId, codeCreatedBy: row.created_by },
    });
    return paired;
  });
}
