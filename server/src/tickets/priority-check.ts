/**
 * Priority is checked by staff, not self-declared (issue 3): a clerk confirms a claimed
 * priority, or removes it with a reason. Either is logged in the event log with who and when.
 */
import { isFinal } from '../../../shared/src/ticket-state.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import { DomainError } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';
import { toWireTicket } from './ticket.wire.js';
import { lockTicket } from './ticket-transitions.js';

export type PriorityDecision = { decision: 'confirm' } | { decision: 'remove'; reason: string };

export async function decidePriority(
  ctx: DomainContext,
  actor: Actor,
  ticketId: number,
  decision: PriorityDecision,
) {
  const { updated, event } = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTicket(trx, ticketId);
    assertCenterAccess(actor, row.center_id);
    if (isFinal(row.status)) {
      throw new DomainError(
        'illegal_transition',
        `the ticket is ${row.status}; its priority no longer matters`,
        {
          currentStatus: row.status,
        },
      );
    }
    if (row.priority === null) {
      throw new DomainError('illegal_transition', 'the ticket claims no priority', {
        currentStatus: row.status,
      });
    }
    const updated = await trx
      .updateTable('tickets')
      .set(
        decision.decision === 'confirm'
          ? { priority_confirmed: true }
          : { priority: null, priority_confirmed: false },
      )
      .where('id', '=', ticketId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const event = await appendEvent(trx, {
      centerId: row.center_id,
      type: decision.decision === 'confirm' ? 'ticket.priority_confirmed' : 'ticket.priority_removed',
      ticketId,
      counterId: row.counter_id,
      userId: actor.userId,
      body: {
        ticket: toWireTicket(updated),
        ...(row.counter_id !== null ? { counterId: row.counter_id } : {}),
        ...(decision.decision === 'remove' ? { note: `${row.priority}: ${decision.reason}` } : {}),
      },
    });
    return { updated, event };
  });
  ctx.publisher.publish([{ event, ticketTokens: [updated.token], serviceIds: [updated.service_id] }]);
  return toWireTicket(updated);
}
