/**
 * Counter rows and their ordered services, as staff see them: with the pause note, which
 * public edges strip (shared/src/staff-text.ts).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { WireCounter } from '../../../shared/src/protocol.js';
import type { CountersTable, Database } from '../db/tables.js';

export type CounterRow = Selectable<CountersTable>;

export function toWireCounter(row: CounterRow, serviceIds: number[]): WireCounter {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    serviceIds,
    state: row.state,
    pauseReason: row.pause_reason,
    ...(row.pause_note ? { pauseNote: row.pause_note } : {}),
  };
}

/** Service ids of each counter, in the counter's order of preference. */
export async function servicesOfCounters(
  db: Kysely<Database> | Transaction<Database>,
  counterIds: number[],
): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(counterIds.map((id) => [id, []]));
  if (counterIds.length === 0) return map;
  const rows = await db
    .selectFrom('counter_services')
    .select(['counter_id', 'service_id'])
    .where('counter_id', 'in', counterIds)
    .orderBy('counter_id')
    .orderBy('position')
    .execute();
  for (const r of rows) map.get(r.counter_id)?.push(r.service_id);
  return map;
}
