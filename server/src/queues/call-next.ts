/**
 * Calling: call-next picks by the policy in call-policy.ts, call-specific takes one named
 * waiting ticket out of order with a reason. Each is one transaction at a locked counter.
 */
import { sql, type Transaction } from 'kysely';
import type { CallReason, WireTicket } from '../../../shared/src/protocol.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import type { CounterRow } from '../counters/counter.wire.js';
import { lockCounterForCall } from '../counters/counter-lock.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';
import { type TicketRow, toWireTicket } from '../tickets/ticket.wire.js';
import { checkTransition, lockTicket } from '../tickets/ticket-transitions.js';
import { callReason, nextCallsSincePriority, type PolicySettings, priorityAllowed } from './call-policy.js';

/** The claimed ticket's row, with why the policy put it first. */
interface Candidate extends TicketRow {
  aged: boolean;
  service_position: number;
}

/**
 * The claim. Correct under concurrency because:
 * - the counter row is locked by the caller, so one counter calls one at a time;
 * - FOR UPDATE OF t SKIP LOCKED makes two counters racing for the same head take different
 *   tickets instead of waiting: the loser skips the locked row and takes the next one;
 * - a row that another transaction called and committed meanwhile is re-checked against
 *   `status = 'waiting'` by Postgres before it is locked, so it is never taken twice;
 * - a ticket reserved for another counter is filtered out in the WHERE, which Postgres also
 *   re-checks on the locked row, and a reservation is only ever cleared (on a call, or when
 *   its counter closes under that counter's row lock, which this call holds), never moved.
 */
async function claimNext(
  trx: Transaction<Database>,
  counterId: number,
  mayCallPriority: boolean,
  ageingMinutes: number,
): Promise<Candidate | undefined> {
  const aged = sql`t.queued_at <= now() - make_interval(mins => ${ageingMinutes})`;
  const { rows } = await sql<Candidate>`
    SELECT t.*, ${aged} AS aged, cs.position AS service_position
    FROM tickets t
    JOIN counter_services cs ON cs.service_id = t.service_id AND cs.counter_id = ${counterId}
    WHERE t.status = 'waiting'
      AND (t.reserved_counter_id IS NULL OR t.reserved_counter_id = ${counterId})
    ORDER BY
      -- Tickets transferred to this counter by name first (call-policy.ts says why).
      (t.reserved_counter_id IS NOT NULL) DESC,
      -- Priority tickets first while one is due, normal ones first while it is not (so the
      -- ratio holds even when priority tickets are the oldest); either kind when alone.
      ((t.priority IS NOT NULL) = ${mayCallPriority}::boolean) DESC,
      ${aged} DESC,
      CASE WHEN ${aged} THEN 0 ELSE cs.position END,
      t.queued_at, t.id
    LIMIT 1
    FOR UPDATE OF t SKIP LOCKED`.execute(trx);
  return rows[0];
}

async function putAtCounter(
  trx: Transaction<Database>,
  actor: Actor,
  counter: CounterRow,
  ticket: TicketRow,
  reason: CallReason,
  note: string | null,
) {
  const called = await trx
    .updateTable('tickets')
    .set({
      status: checkTransition(ticket, 'call'),
      called_at: sql`now()`,
      counter_id: counter.id,
      clerk_id: actor.userId,
      call_reason: reason,
      // Reserved while waiting only: a called ticket returned to the queue takes any counter.
      reserved_counter_id: null,
    })
    .where('id', '=', ticket.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('counters')
    .set({
      calls_since_priority: nextCallsSincePriority(counter.calls_since_priority, called.priority !== null),
    })
    .where('id', '=', counter.id)
    .execute();
  const event = await appendEvent(trx, {
    centerId: counter.center_id,
    type: 'ticket.called',
    ticketId: called.id,
    counterId: counter.id,
    userId: actor.userId,
    body: { ticket: toWireTicket(called), counterId: counter.id, reason, ...(note ? { note } : {}) },
  });
  return { called, event };
}

export async function callNext(
  ctx: DomainContext,
  actor: Actor,
  counterId: number,
): Promise<WireTicket | null> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const counter = await lockCounterForCall(trx, actor, counterId);
    const policy: PolicySettings = {
      priorityEvery: counter.priority_every,
      ageingMinutes: counter.ageing_minutes,
    };
    const mayCallPriority = priorityAllowed(counter.calls_since_priority, policy);
    const candidate = await claimNext(trx, counterId, mayCallPriority, policy.ageingMinutes);
    if (!candidate) return null;
    const { aged, service_position, ...ticket } = candidate;
    const reason = callReason(
      {
        priority: ticket.priority,
        aged,
        servicePosition: service_position,
        reserved: ticket.reserved_counter_id !== null,
      },
      mayCallPriority,
    );
    return putAtCounter(trx, actor, counter, ticket, reason, null);
  });
  if (!result) return null;
  const { called, event } = result;
  ctx.publisher.publish([{ event, ticketTokens: [called.token], serviceIds: [called.service_id] }]);
  return toWireTicket(called);
}

/** One named waiting ticket, out of order; the reason is kept in the event log. */
export async function callSpecific(
  ctx: DomainContext,
  actor: Actor,
  counterId: number,
  ticketId: number,
  note: string,
): Promise<WireTicket> {
  const { called, event } = await ctx.db.transaction().execute(async (trx) => {
    const counter = await lockCounterForCall(trx, actor, counterId);
    const ticket = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, ticket.center_id);
    if (ticket.center_id !== counter.center_id) {
      throw new DomainError('bad_request', `ticket ${ticketId} is not in counter ${counterId}'s center`, {
        ticketId,
      });
    }
    return putAtCounter(trx, actor, counter, ticket, 'specific', note);
  });
  ctx.publisher.publish([{ event, ticketTokens: [called.token], serviceIds: [called.service_id] }]);
  return toWireTicket(called);
}
