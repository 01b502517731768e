/**
 * Before a ticket is put at a counter: lock the counter row (calls at one counter queue up
 * behind each other), check it is the actor's center, open, and holds no called or serving
 * ticket. The unique index tickets_one_active_per_counter backs this up in the database.
 */
import { sql, type Transaction } from 'kysely';
import { ACTIVE_AT_COUNTER } from '../../../shared/src/ticket-state.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';
import type { CounterRow } from './counter.wire.js';
import { assertMayWork } from './counter-hold.js';

export async function lockCounter(trx: Transaction<Database>, counterId: number): Promise<CounterRow> {
  const counter = await trx
    .selectFrom('counters')
    .selectAll()
    .where('id', '=', counterId)
    .forUpdate()
    .executeTakeFirst();
  if (!counter) throw notFound('counter', counterId);
  return counter;
}

export async function activeTicketId(trx: Transaction<Database>, counterId: number): Promise<number | null> {
  const row = await trx
    .selectFrom('tickets')
    .select('id')
    .where('counter_id', '=', counterId)
    .where('status', 'in', ACTIVE_AT_COUNTER)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The counter a call locks, with what the call needs to know in the same round trip. */
export interface CounterForCall extends CounterRow {
  /** The called or serving ticket already at the counter, if any. */
  active_ticket_id: number | null;
  /** The center's policy (DESIGN §5): a priority ticket every N calls, ageing after M minutes. */
  priority_every: number;
  ageing_minutes: number;
}

export async function lockCounterForCall(
  trx: Transaction<Database>,
  actor: Actor,
  counterId: number,
  centerId?: number,
): Promise<CounterForCall> {
  // One statement: lock the counter, and read its ticket in hand and its center's policy.
  const { rows } = await sql<CounterForCall>`
    SELECT c.*, p.priority_every, p.ageing_minutes,
      (SELECT t.id FROM tickets t
       WHERE t.counter_id = c.id AND t.status IN (${sql.join(ACTIVE_AT_COUNTER)})
       LIMIT 1) AS active_ticket_id
    FROM counters c JOIN centers p ON p.id = c.center_id
    WHERE c.id = ${counterId}
    FOR UPDATE OF c`.execute(trx);
  const counter = rows[0];
  if (!counter) throw notFound('counter', counterId);
  assertCenterAccess(actor, counter.center_id);
  await assertMayWork(trx, actor, counter);
  if (centerId !== undefined && counter.center_id !== centerId) {
    throw new DomainError('bad_request', `counter ${counterId} is not in the ticket's center`, { counterId });
  }
  if (counter.state !== 'open') {
    throw new DomainError(
      'counter_not_open',
      `counter ${counter.number} is ${counter.state}; open it first`,
      {
        counterId,
        state: counter.state,
      },
    );
  }
  const active = counter.active_ticket_id;
  if (active !== null) {
    throw new DomainError('counter_busy', `counter ${counter.number} already has ticket ${active} in hand`, {
      counterId,
      ticketId: active,
    });
  }
  return counter;
}
