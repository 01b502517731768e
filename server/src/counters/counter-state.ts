/**
 * Opening, pausing (with a reason) and closing a counter, each logged as `counter.changed`.
 * A pause's reason is a code the public may see (break, meeting, back_office, other); any other
 * text is the clerk's note, under "other", for staff only. Opening takes the counter's hold and
 * closing gives it up (counter-hold.ts); opening a counter someone else holds is refused unless
 * `takeover` is said, and a takeover goes to the audit log. Closing releases the tickets
 * transferred to this counter by name to their service's common queue, in the same
 * transaction (they keep their queue time): nobody would call them at a closed counter.
 */
import { sql } from 'kysely';
import { type CounterState, isPauseReason, type WireCounter } from '../../../shared/src/protocol.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import { DomainError } from '../errors.js';
import { servicesOfCounters, toWireCounter } from './counter.wire.js';
import { appendCounterChanged } from './counter-events.js';
import { assertMayWork, heldByOther, holderOf } from './counter-hold.js';
import { activeTicketId, lockCounter } from './counter-lock.js';
import { type Released, releaseReservations } from './reservations.repository.js';

export async function setCounterState(
  ctx: DomainContext,
  actor: Actor,
  counterId: number,
  state: CounterState,
  reason: string | null = null,
  takeover = false,
): Promise<WireCounter> {
  const { counter, event, released } = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockCounter(trx, counterId);
    assertCenterAccess(actor, row.center_id);
    const heldByAnother = row.held_by !== null && row.held_by !== actor.userId;
    if (state === 'open' && heldByAnother) {
      if (!takeover) throw await heldByOther(trx, row);
      const previous = await holderOf(trx, row.held_by);
      await writeAudit(trx, actor, {
        centerId: row.center_id,
        action: 'counter.takeover',
        subject: `counter:${counterId}`,
        details: { counterNumber: row.number, fromUserId: row.held_by, fromName: previous?.name ?? null },
      });
    } else if (state !== 'open') await assertMayWork(trx, actor, row);
    if (state !== 'open') {
      // A citizen is at the counter or walking to it: finish with them first.
      const active = await activeTicketId(trx, counterId);
      if (active !== null) {
        throw new DomainError(
          'counter_busy',
          `counter ${row.number} has ticket ${active} in hand; finish it first`,
          {
            counterId,
            ticketId: active,
          },
        );
      }
    }
    const paused = state === 'paused' && reason !== null;
    const pauseReason = paused ? (isPauseReason(reason) ? reason : 'other') : null;
    const pauseNote = paused && !isPauseReason(reason) ? reason : null;
    // Opening takes the hold, closing gives it up; a pause keeps whoever holds it.
    const heldBy = state === 'open' ? actor.userId : state === 'closed' ? null : row.held_by;
    const holder = await holderOf(trx, heldBy);
    // Under the counter's row lock, so no transfer reserves a new one for it meanwhile.
    const released: Released[] = state === 'closed' ? await releaseReservations(trx, counterId) : [];
    const same = row.state === state && row.pause_reason === pauseReason && row.pause_note === pauseNote;
    if (same && row.held_by === heldBy) {
      const services = await servicesOfCounters(trx, [counterId]);
      return {
        counter: { ...toWireCounter(row, services.get(counterId) ?? []), holder },
        event: null,
        released,
      };
    }
    const updated = await trx
      .updateTable('counters')
      .set({
        state,
        pause_reason: pauseReason,
        pause_note: pauseNote,
        held_by: heldBy,
        ...(same ? {} : { state_changed_at: sql`now()` }),
      })
      .where('id', '=', counterId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const services = await servicesOfCounters(trx, [counterId]);
    const counter = { ...toWireCounter(updated, services.get(counterId) ?? []), holder };
    const { event } = await appendCounterChanged(trx, {
      centerId: row.center_id,
      counter,
      userId: actor.userId,
    });
    return { counter, event, released };
  });
  if (event) {
    // The released tickets' citizens learn their new place through their services' positions.
    const serviceIds = [...new Set([...counter.serviceIds, ...released.map((t) => t.serviceId)])];
    ctx.publisher.publish([{ event, ticketTokens: [], serviceIds }]);
  }
  return counter;
}
