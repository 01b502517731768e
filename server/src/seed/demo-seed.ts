/**
 * The demo center (DESIGN.md §7): TP Uông Bí with six real one-stop fields, eight closed
 * counters and users admin, manager, clerk1…clerk8. Runs only on an empty database, under
 * an advisory lock so instances starting together seed it once.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Role } from '../../../shared/src/api/users.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/tables.js';

const SEED_LOCK = 7_140_001; // any constant shared by all instances

export const DEMO_CENTER_NAME = 'Trung tâm Hành chính công TP Uông Bí';

const SERVICES = [
  { code: 'A', name: 'Tư pháp – Hộ tịch', name_en: 'Justice – Civil status', sla: 20, secs: 420 },
  { code: 'B', name: 'Đất đai', name_en: 'Land', sla: 30, secs: 900 },
  { code: 'C', name: 'Xây dựng', name_en: 'Construction', sla: 30, secs: 720 },
  { code: 'D', name: 'Đăng ký kinh doanh', name_en: 'Business registration', sla: 25, secs: 600 },
  {
    code: 'E',
    name: 'Lao động – Thương binh và Xã hội',
    name_en: 'Labour, invalids and social affairs',
    sla: 25,
    secs: 540,
  },
  {
    code: 'G',
    name: 'Tài nguyên và Môi trường',
    name_en: 'Natural resources and environment',
    sla: 30,
    secs: 660,
  },
] as const;

/** Counter number → its services by code, preferred first. */
const COUNTERS: [number, string[]][] = [
  [1, ['A']],
  [2, ['A', 'E']],
  [3, ['B', 'G']],
  [4, ['B']],
  [5, ['C', 'B']],
  [6, ['D']],
  [7, ['E', 'A']],
  [8, ['G', 'C', 'D']],
];

/** clerk1 … clerk8, in order. */
export const DEMO_CLERK_NAMES = [
  'Nguyễn Thị Lan',
  'Trần Văn Minh',
  'Lê Thị Hồng',
  'Phạm Văn Đức',
  'Hoàng Thị Mai',
  'Vũ Văn Tùng',
  'Đặng Thị Thu',
  'Bùi Văn Nam',
] as const;

export interface SeedResult {
  seeded: boolean;
  /** Set when the password was generated: printed once, never stored in clear. */
  generatedPassword: string | null;
}

/** Without DEMO_PASSWORD: 12 random base64url characters (72 bits), printed once at start. */
export const generateDemoPassword = (): string => randomBytes(9).toString('base64url');

export async function seedDemo(db: Kysely<Database>, demoPassword: string | null): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const existing = await trx.selectFrom('centers').select('id').limit(1).executeTakeFirst();
    if (existing) return { seeded: false, generatedPassword: null };

    const center = await trx
      .insertInto('centers')
      .values({
        name: DEMO_CENTER_NAME,
        address: 'Đường Quang Trung, phường Quang Trung, TP Uông Bí, Quảng Ninh',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('center_sequences').values({ center_id: center.id }).execute();

    const services = await trx
      .insertInto('services')
      .values(
        SERVICES.map((s, i) => ({
          center_id: center.id,
          code: s.code,
          name: s.name,
          name_en: s.name_en,
          sla_minutes: s.sla,
          default_service_seconds: s.secs,
          sort_order: i,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const serviceId = new Map(services.map((s) => [s.code, s.id]));

    for (const [number, codes] of COUNTERS) {
      const counter = await trx
        .insertInto('counters')
        .values({ center_id: center.id, number, name: `Quầy ${number}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('counter_services')
        .values(
          codes.map((code, position) => ({
            counter_id: counter.id,
            service_id: serviceId.get(code)!,
            position,
          })),
        )
        .execute();
    }

    const password = demoPassword ?? generateDemoPassword();
    const hash = await hashPassword(password);
    const users: { username: string; role: Role; display_name: string }[] = [
      { username: 'admin', role: 'admin', display_name: 'Trần Quốc Hưng' },
      { username: 'manager', role: 'manager', display_name: 'Phạm Thu Hà' },
      // Clerks are shown by their full name (console header, staff bar), as at a real center.
      ...DEMO_CLERK_NAMES.map((display_name, i) => ({
        username: `clerk${i + 1}`,
        role: 'clerk' as const,
        display_name,
      })),
    ];
    const inserted = await trx
      .insertInto('users')
      .values(users.map((u) => ({ ...u, password_hash: hash })))
      .returning('id')
      .execute();
    await trx
      .insertInto('user_centers')
      .values(inserted.map((u) => ({ user_id: u.id, center_id: center.id })))
      .execute();
    return { seeded: true, generatedPassword: demoPassword ? null : password };
  });
}
