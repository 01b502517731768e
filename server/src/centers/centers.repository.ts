/** Centers, their services and counters as the public lists show them. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { IssuingWindow, WireService } from '../../../shared/src/api/services.js';
import type { PublicCenter } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';
import { isWithinIssuingHours, webQuotaOf } from './issuing-rules.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A center and its event sequence row, created together: every center needs both. */
export async function createCenter(trx: Transaction<Database>, values: { name: string; address?: string }) {
  const center = await trx.insertInto('centers').values(values).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('center_sequences').values({ center_id: center.id }).execute();
  return center.id;
}

/** A center as every public screen shows it: name, zone, hours, hotline and the board's notice. */
export async function listCenters(db: Db): Promise<PublicCenter[]> {
  // The zone goes with the name: a screen shows the center's time, not its device's.
  const rows = await db
    .selectFrom('centers')
    .select(['id', 'name', 'timezone', 'hotline', 'board_notice', 'opening_hours'])
    .orderBy('id')
    .execute();
  return rows.map(toPublicCenter);
}

export function toPublicCenter(r: {
  id: number;
  name: string;
  timezone: string;
  hotline: string | null;
  board_notice: string | null;
  opening_hours: unknown;
}): PublicCenter {
  const hours = typeof r.opening_hours === 'string' ? JSON.parse(r.opening_hours) : r.opening_hours;
  return {
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    hotline: r.hotline,
    boardNotice: r.board_notice,
    openingHours: (hours as IssuingWindow[] | null) ?? null,
  };
}

export async function assertCenterExists(db: Db, centerId: number): Promise<void> {
  const row = await db.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst();
  if (!row) throw notFound('center', centerId);
}

export async function listServices(db: Db, centerId: number): Promise<WireService[]> {
  await assertCenterExists(db, centerId);
  const rows = await db
    .selectFrom('services as s')
    .innerJoin('centers as c', 'c.id', 's.center_id')
    .leftJoin('daily_number_sequences as d', (join) =>
      join
        .onRef('d.service_id', '=', 's.id')
        .on('d.day', '=', sql<string>`(now() AT TIME ZONE c.timezone)::date`),
    )
    .select([
      's.id',
      's.code',
      's.name',
      's.name_en',
      's.sla_minutes',
      's.active',
      's.issuing_hours',
      's.daily_quota',
      's.web_quota_percent',
      sql<number>`coalesce(d.last_number, 0)`.as('issued_today'),
      sql<number>`coalesce(d.web_issued, 0)`.as('web_issued_today'),
      sql<string>`to_char(now() AT TIME ZONE c.timezone, 'HH24:MI')`.as('local_time'),
    ])
    .where('s.center_id', '=', centerId)
    .orderBy('s.sort_order')
    .orderBy('s.id')
    .execute();
  const serving = await servingCountersByService(db, centerId);
  return rows.map((r) => {
    const issuingNow =
      r.active &&
      isWithinIssuingHours(r.issuing_hours, r.local_time) &&
      (r.daily_quota === null || r.issued_today < r.daily_quota);
    const webQuota = webQuotaOf(r.daily_quota, r.web_quota_percent);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      slaMinutes: r.sla_minutes,
      active: r.active,
      issuingHours: r.issuing_hours,
      dailyQuota: r.daily_quota,
      issuedToday: r.issued_today,
      issuingNow,
      webQuotaPercent: r.web_quota_percent,
      webIssuingNow: issuingNow && (webQuota === null || r.web_issued_today < webQuota),
      servingCounters: serving.get(r.id) ?? [],
    };
  });
}

/** Service id → numbers of the center's open counters that serve it, ascending. */
export async function servingCountersByService(db: Db, centerId: number): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('counter_services as cs')
    .innerJoin('counters as c', 'c.id', 'cs.counter_id')
    .select(['cs.service_id', 'c.number'])
    .where('c.center_id', '=', centerId)
    .where('c.state', '=', 'open')
    .orderBy('c.number')
    .execute();
  const serving = new Map<number, number[]>();
  for (const r of rows) {
    const numbers = serving.get(r.service_id);
    if (numbers) numbers.push(r.number);
    else serving.set(r.service_id, [r.number]);
  }
  return serving;
}
