/**
 * The clerk-driven transitions of DESIGN.md §4, each one transaction: lock the ticket, check
 * the shared state machine (409 with the current state otherwise), update, append the event.
 */
import { sql, type Transaction, type UpdateObject } from 'kysely';
import {
  CANCEL_REASONS,
  type CancelReason,
  type EventType,
  type Outcome,
  type WireTicket,
} from '../../../shared/src/protocol.js';
import { nextStatus, type TicketAction, type TicketStatus } from '../../../shared/src/ticket-state.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import { assertMayWorkAt } from '../counters/counter-hold.js';
import { lockCounterForCall } from '../counters/counter-lock.js';
import type { Database } from '../db/tables.js';
import { DomainError, illegalTransition, notFound } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';
import type { Published } from '../events/publisher.js';
import { replaceTicket } from './replace-ticket.js';
import { type TicketRow, toWireTicket } from './ticket.wire.js';
import { checkTransferCounter } from './transfer-target.js';

export async function lockTicket(trx: Transaction<Database>, ticketId: number): Promise<TicketRow> {
  const row = await trx
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('ticket', ticketId);
  return row;
}

export function checkTransition(row: TicketRow, action: TicketAction): TicketStatus {
  const next = nextStatus(row.status, action);
  if (!next) throw illegalTransition(action, row.status);
  return next;
}

const now = sql<Date>`now()`;

type TicketChanges = UpdateObject<Database, 'tickets'>;

interface Step {
  type: EventType;
  changes: (row: TicketRow) => TicketChanges;
}

/** What each simple action changes besides the status. */
const steps = {
  recall: { type: 'ticket.recalled', changes: (row) => ({ recall_count: row.recall_count + 1 }) },
  start: { type: 'ticket.serving', changes: () => ({ started_at: now }) },
  no_show: { type: 'ticket.no_show', changes: () => ({ finished_at: now }) },
  // Back to the queue keeping its place: queued_at is unchanged.
  return: {
    type: 'ticket.returned',
    changes: () => ({ counter_id: null, clerk_id: null, called_at: null }),
  },
  // A held ticket keeps its counter (to resume there) but no longer occupies it.
  hold: { type: 'ticket.held', changes: () => ({}) },
  // Back of its class: queued now, as if just issued, with its number and priority kept.
  reactivate: {
    type: 'ticket.reactivated',
    changes: () => ({ queued_at: now, counter_id: null, clerk_id: null, called_at: null, finished_at: null }),
  },
  cancel: { type: 'ticket.cancelled', changes: () => ({ finished_at: now }) },
} satisfies Record<string, Step>;

export type SimpleAction = keyof typeof steps;

/** Work at the counter the ticket is at: only whoever holds it (a clerk), not a displaced clerk. */
const AT_COUNTER: ReadonlySet<SimpleAction> = new Set(['recall', 'start', 'no_show', 'return', 'hold']);

async function applyStep(
  trx: Transaction<Database>,
  row: TicketRow,
  action: TicketAction,
  step: Step,
  extra: TicketChanges,
  userId: number | null,
): Promise<{ updated: TicketRow; item: Published }> {
  const status = checkTransition(row, action);
  const updated = await trx
    .updateTable('tickets')
    .set({ status, ...step.changes(row), ...extra })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const counterId = updated.counter_id ?? row.counter_id;
  const event = await appendEvent(trx, {
    centerId: row.center_id,
    type: step.type,
    ticketId: row.id,
    counterId,
    userId,
    body: { ticket: toWireTicket(updated), ...(counterId !== null ? { counterId } : {}) },
  });
  return { updated, item: { event, ticketTokens: [row.token], serviceIds: [row.service_id] } };
}

async function run(
  ctx: DomainContext,
  work: (trx: Transaction<Database>) => Promise<{ ticket: WireTicket; items: Published[] }>,
): Promise<WireTicket> {
  const { ticket, items } = await ctx.db.transaction().execute(work);
  ctx.publisher.publish(items);
  return ticket;
}

/** recall, start, no-show, return, hold, reactivate, cancel by staff. */
export function applyAction(ctx: DomainContext, actor: Actor, ticketId: number, action: SimpleAction) {
  return run(ctx, async (trx) => {
    const row = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, row.center_id);
    if (AT_COUNTER.has(action)) await assertMayWorkAt(trx, actor, row.counter_id);
    const { updated, item } = await applyStep(trx, row, action, steps[action], {}, actor.userId);
    return { ticket: toWireTicket(updated), items: [item] };
  });
}

/** Cancel by staff, who say why (issue 11 item 16); a note stays with the ticket, for staff only. */
export function cancelByStaff(
  ctx: DomainContext,
  actor: Actor,
  ticketId: number,
  reason: CancelReason | undefined,
  note: string | null,
) {
  return run(ctx, async (trx) => {
    const row = await lockTicket(trx, ticketId);
    // Who may act comes first: a clerk of another center learns 403, not what the body lacks.
    assertCenterAccess(actor, row.center_id);
    if (!reason)
      throw new DomainError(
        'validation_failed',
        `body.reason is required from staff: one of ${CANCEL_REASONS.join(', ')}`,
        {
          in: 'body',
          field: 'reason',
        },
      );
    const extra = { cancel_reason: reason, ...(note !== null ? { note } : {}) };
    const { updated, item } = await applyStep(trx, row, 'cancel', steps.cancel, extra, actor.userId);
    return { ticket: toWireTicket(updated), items: [item] };
  });
}

/**
 * Cancels a ticket the caller has locked, inside the caller's transaction: for changes that end
 * many tickets at once (a service deactivated), so they go through the one state machine and
 * the database's clock like every other cancel.
 */
export function cancelLocked(
  trx: Transaction<Database>,
  row: TicketRow,
  why: { cancel_reason: CancelReason; note?: string },
  userId: number | null,
): Promise<{ updated: TicketRow; item: Published }> {
  return applyStep(trx, row, 'cancel', steps.cancel, why, userId);
}

/** Cancel by the citizen who holds the token. */
export function cancelByToken(ctx: DomainContext, token: string) {
  return run(ctx, async (trx) => {
    const found = await trx.selectFrom('tickets').select('id').where('token', '=', token).executeTakeFirst();
    if (!found) throw notFound('ticket', 'token');
    const row = await lockTicket(trx, found.id);
    const extra = { cancel_reason: 'citizen_request' as const };
    const { updated, item } = await applyStep(trx, row, 'cancel', steps.cancel, extra, null);
    return { ticket: toWireTicket(updated), items: [item] };
  });
}

export function completeTicket(
  ctx: DomainContext,
  actor: Actor,
  ticketId: number,
  outcome: Outcome,
  note: string | null,
) {
  return run(ctx, async (trx) => {
    const row = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, row.center_id);
    await assertMayWorkAt(trx, actor, row.counter_id);
    const step: Step = { type: 'ticket.done', changes: () => ({ finished_at: now }) };
    const { updated, item } = await applyStep(trx, row, 'complete', step, { outcome, note }, actor.userId);
    return { ticket: toWireTicket(updated), items: [item] };
  });
}

/** held → called, at the counter it was held at unless another is named; that counter must be free. */
export function resumeTicket(ctx: DomainContext, actor: Actor, ticketId: number, counterId: number | null) {
  return run(ctx, async (trx) => {
    const row = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, row.center_id);
    checkTransition(row, 'resume');
    const target = counterId ?? row.counter_id;
    if (target === null) throw notFound('counter', 'of the held ticket');
    await lockCounterForCall(trx, actor, target, row.center_id);
    const step: Step = { type: 'ticket.resumed', changes: () => ({ called_at: now }) };
    const { updated, item } = await applyStep(
      trx,
      row,
      'resume',
      step,
      { counter_id: target, clerk_id: actor.userId },
      actor.userId,
    );
    return { ticket: toWireTicket(updated), items: [item] };
  });
}

/**
 * serving → done here, and a new waiting ticket in the other service with a new number and
 * the original issue time and priority, so the citizen does not queue again from the back.
 * With `counterId` the new ticket is reserved for that counter (transfer-target.ts).
 */
export function transferTicket(
  ctx: DomainContext,
  actor: Actor,
  ticketId: number,
  serviceId: number,
  counterId: number | null = null,
) {
  return run(ctx, async (trx) => {
    const row = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, row.center_id);
    await assertMayWorkAt(trx, actor, row.counter_id);
    const status = checkTransition(row, 'transfer');
    const target =
      counterId === null
        ? null
        : await checkTransferCounter(trx, counterId, {
            centerId: row.center_id,
            counterId: row.counter_id,
            serviceId,
          });
    const { updated, created } = await replaceTicket(trx, row, status, serviceId, row.issued_at, counterId);
    const event = await appendEvent(trx, {
      centerId: row.center_id,
      type: 'ticket.transferred',
      ticketId: row.id,
      counterId: row.counter_id,
      userId: actor.userId,
      body: {
        ticket: toWireTicket(updated),
        transferredTo: toWireTicket(created),
        ...(target ? { transferredToCounter: target.number } : {}),
        ...(row.counter_id !== null ? { counterId: row.counter_id } : {}),
      },
    });
    return {
      ticket: toWireTicket(created),
      items: [{ event, ticketTokens: [row.token], serviceIds: [row.service_id, serviceId] }],
    };
  });
}
