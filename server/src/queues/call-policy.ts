/**
 * The call policy of DESIGN.md §5, stated once in words and applied by the claim SQL in
 * call-next.ts. A ticket a clerk transferred to this very counter (reserved for it) comes
 * before all of them: it was sent here on purpose and its citizen has already waited, and no
 * other counter takes it. Then, among the waiting tickets of the services a counter serves
 * that are reserved for no counter, take:
 *   1. a priority ticket, if the counter has called at least `priorityEvery` normal tickets
 *      since its last priority call (so priority goes first, but at most 1 : priorityEvery);
 *      until then a normal ticket, even one younger than the waiting priority tickets, and a
 *      priority ticket only when no normal ticket waits;
 *   2. else a ticket that has waited `ageingMinutes` or more, oldest first, whatever its
 *      service (so a long wait rises above the counter's preferences);
 *   3. else by the counter's service order (first service = preferred);
 *   4. then by queue time, oldest first, always.
 */
import type { CallReason } from '../../../shared/src/protocol.js';

export interface PolicySettings {
  /** Normal calls a counter makes between two priority calls (0: priority always first). */
  priorityEvery: number;
  ageingMinutes: number;
}

export function priorityAllowed(callsSincePriority: number, settings: PolicySettings): boolean {
  return callsSincePriority >= settings.priorityEvery;
}

/** The counter's count of normal calls since its last priority call, after this call. */
export function nextCallsSincePriority(callsSincePriority: number, calledPriority: boolean): number {
  return calledPriority ? 0 : Math.min(callsSincePriority + 1, 1_000_000);
}

export interface ChosenTicket {
  priority: string | null;
  aged: boolean;
  /** Index of the ticket's service in the counter's order. */
  servicePosition: number;
  /** Transferred to this counter by name (reserved for it). */
  reserved?: boolean;
}

/** Why the policy chose this ticket, in the order the rules apply. */
export function callReason(chosen: ChosenTicket, mayCallPriority: boolean): CallReason {
  if (chosen.reserved) return 'transfer';
  if (chosen.priority !== null && mayCallPriority) return 'priority';
  if (chosen.aged) return 'aged';
  if (chosen.servicePosition > 0) return 'service_order';
  return 'oldest';
}
