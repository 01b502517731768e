/** What a counter display reads once at start: its counter, the center it belongs to, and whether it takes ratings. */
import type { Kysely } from 'kysely';
import type { CounterDisplayInfo } from '../../../shared/src/counter-rating.js';
import { publicCounter } from '../../../shared/src/staff-text.js';
import { servicesOfCounters, toWireCounter } from '../counters/counter.wire.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';

export async function counterDisplayInfo(
  db: Kysely<Database>,
  counterId: number,
  mayRate: (counter: { id: number; centerId: number }) => Promise<boolean>,
): Promise<CounterDisplayInfo> {
  const row = await db
    .selectFrom('counters as k')
    .innerJoin('centers as c', 'c.id', 'k.center_id')
    .selectAll('k')
    .select('c.name as center_name')
    .where('k.id', '=', counterId)
    .executeTakeFirst();
  if (!row) throw notFound('counter', counterId);
  const services = await servicesOfCounters(db, [counterId]);
  const { center_name, ...counter } = row;
  return {
    centerId: row.center_id,
    centerName: center_name,
    counter: publicCounter(toWireCounter(counter, services.get(counterId) ?? [])),
    ratings: await mayRate({ id: counterId, centerId: row.center_id }),
  };
}
