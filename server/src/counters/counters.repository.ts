/** A center's counters as staff read them: services in order, state, and who holds each. */
import type { Kysely, Transaction } from 'kysely';
import type { WireCounter } from '../../../shared/src/protocol.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { servicesOfCounters, toWireCounter } from './counter.wire.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function listCounters(db: Db, centerId: number): Promise<WireCounter[]> {
  await assertCenterExists(db, centerId);
  const rows = await db
    .selectFrom('counters as c')
    .leftJoin('users as u', 'u.id', 'c.held_by')
    .selectAll('c')
    .select(['u.username as holder_username', 'u.display_name as holder_display_name'])
    .where('c.center_id', '=', centerId)
    .orderBy('c.number')
    .execute();
  const services = await servicesOfCounters(
    db,
    rows.map((r) => r.id),
  );
  // Who holds each counter: for staff (public edges strip it with publicCounter).
  return rows.map(({ holder_username, holder_display_name, ...r }) => ({
    ...toWireCounter(r, services.get(r.id) ?? []),
    holder:
      r.held_by !== null && holder_username !== null
        ? { userId: r.held_by, name: holder_display_name || holder_username }
        : null,
  }));
}
