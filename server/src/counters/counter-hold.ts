/**
 * Who holds a counter (issue 11 item 11): one signed-in staff member at a time, taken by
 * opening it, given up by closing it or signing out, or taken over by another who says so
 * (logged in the audit log). A clerk who does not hold a counter may not act at it: 409
 * `counter_held_by_other`, naming who does. Managers and admins may act at any counter of
 * their center (they step in from the dashboard); opening over a hold asks them too.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CounterHolder } from '../../../shared/src/protocol.js';
import type { Actor } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { Published } from '../events/publisher.js';
import { servicesOfCounters, toWireCounter } from './counter.wire.js';
import { appendCounterChanged } from './counter-events.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function holderOf(db: Db, userId: number | null): Promise<CounterHolder | null> {
  if (userId === null) return null;
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return user ? { userId: user.id, name: user.display_name || user.username } : null;
}

export async function heldByOther(
  db: Db,
  counter: { id: number; number: number; held_by: number | null },
): Promise<DomainError> {
  const holder = await holderOf(db, counter.held_by);
  return new DomainError(
    'counter_held_by_other',
    `Quầy ${counter.number} is held by ${holder?.name ?? 'another clerk'}; open it with takeover: true to take it over`,
    { counterId: counter.id, holder },
  );
}

/** A clerk acts at a counter only while nobody else holds it. */
export async function assertMayWork(
  db: Db,
  actor: Actor,
  counter: { id: number; number: number; held_by: number | null },
): Promise<void> {
  if (actor.role !== 'clerk' || counter.held_by === null || counter.held_by === actor.userId) return;
  throw await heldByOther(db, counter);
}

/** For an action on a ticket at a counter: the counter's hold, read in the action's transaction. */
export async function assertMayWorkAt(trx: Transaction<Database>, actor: Actor, counterId: number | null) {
  if (counterId === null || actor.role !== 'clerk') return;
  const counter = await trx
    .selectFrom('counters')
    .select(['id', 'number', 'held_by'])
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (counter) await assertMayWork(trx, actor, counter);
}

/** Signing out gives up every counter the user held; their consoles and dashboards are told. */
export async function releaseHolds(ctx: DomainContext, userId: number): Promise<void> {
  const items = await ctx.db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('counters')
      .set({ held_by: null })
      .where('held_by', '=', userId)
      .returningAll()
      .execute();
    const services = await servicesOfCounters(
      trx,
      released.map((c) => c.id),
    );
    const published: Published[] = [];
    for (const row of released) {
      const serviceIds = services.get(row.id) ?? [];
      const counter = { ...toWireCounter(row, serviceIds), holder: null };
      published.push(await appendCounterChanged(trx, { centerId: row.center_id, counter, userId }));
    }
    return published;
  });
  if (items.length > 0) ctx.publisher.publish(items);
}
