/**
 * Builds a center of the test's own: services, counters with their ordered services, and
 * staff attached to it, all with TEST_PASSWORD. Names carry a prefix so tests never collide.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../server/src/auth/actor.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { createCenter } from '../../server/src/centers/centers.repository.js';
import type { Database, IssuingWindow } from '../../server/src/db/tables.js';
import { TEST_PASSWORD } from './test-password.js';

let hash: Promise<string> | null = null;
let made = 0;

export interface ServiceSpec {
  code: string;
  /** Shown names; `Lĩnh vực <code>` and `Service <code>` unless given. */
  name?: string;
  nameEn?: string;
  issuingHours?: IssuingWindow[] | null;
  dailyQuota?: number | null;
  defaultServiceSeconds?: number;
}

export interface CenterSpec {
  /** The center's name; `Trung tâm <tag>` unless given. */
  name?: string;
  services: (string | ServiceSpec)[];
  /** Each counter's services by code, preferred first. */
  counters: string[][];
  staff?: { role: Role; count: number }[];
  priorityEvery?: number;
  ageingMinutes?: number;
  timezone?: string;
}

export interface CenterFixture {
  centerId: number;
  serviceIds: Record<string, number>;
  counterIds: number[];
  usernames: Record<Role, string[]>;
}

export async function createCenterFixture(db: Kysely<Database>, spec: CenterSpec): Promise<CenterFixture> {
  hash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await hash;
  const tag = `f${process.pid}x${made++}`;
  return db.transaction().execute(async (trx) => {
    const centerId = await createCenter(trx, { name: spec.name ?? `Trung tâm ${tag}` });
    const settings = {
      ...(spec.priorityEvery !== undefined ? { priority_every: spec.priorityEvery } : {}),
      ...(spec.ageingMinutes !== undefined ? { ageing_minutes: spec.ageingMinutes } : {}),
      ...(spec.timezone ? { timezone: spec.timezone } : {}),
    };
    if (Object.keys(settings).length > 0) {
      await trx.updateTable('centers').set(settings).where('id', '=', centerId).execute();
    }
    const serviceIds: Record<string, number> = {};
    for (const [i, s] of spec.services.entries()) {
      const service = typeof s === 'string' ? { code: s } : s;
      const row = await trx
        .insertInto('services')
        .values({
          center_id: centerId,
          code: service.code,
          name: service.name ?? `Lĩnh vực ${service.code}`,
          name_en: service.nameEn ?? `Service ${service.code}`,
          issuing_hours: service.issuingHours ? JSON.stringify(service.issuingHours) : null,
          daily_quota: service.dailyQuota ?? null,
          default_service_seconds: service.defaultServiceSeconds ?? 600,
          sort_order: i,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      serviceIds[service.code] = row.id;
    }
    const counterIds: number[] = [];
    for (const [i, codes] of spec.counters.entries()) {
      const counter = await trx
        .insertInto('counters')
        .values({ center_id: centerId, number: i + 1, name: `Quầy ${i + 1}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      counterIds.push(counter.id);
      if (codes.length > 0) {
        await trx
          .insertInto('counter_services')
          .values(
            codes.map((code, position) => ({
              counter_id: counter.id,
              service_id: serviceIds[code]!,
              position,
            })),
          )
          .execute();
      }
    }
    const usernames: Record<Role, string[]> = { clerk: [], manager: [], admin: [] };
    for (const { role, count } of spec.staff ?? [{ role: 'clerk' as Role, count: 1 }]) {
      for (let n = 1; n <= count; n++) {
        const username = `${tag}_${role}${n}`;
        const user = await trx
          .insertInto('users')
          .values({ username, role, password_hash: passwordHash })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('user_centers').values({ user_id: user.id, center_id: centerId }).execute();
        usernames[role].push(username);
      }
    }
    return { centerId, serviceIds, counterIds, usernames };
  });
}

/** A user's id by username, for tests that check rows written about them. */
export async function userIdOf(db: Kysely<Database>, username: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}
