/**
 * The ticket lifecycle (DESIGN.md §4), the one place it is defined. The server validates every
 * transition with it and the browsers use it to offer only the actions that are allowed.
 *
 *   waiting ──call──► called ──start──► serving ──complete──► done
 *   called ──recall──► called        called ──no_show──► no_show ──reactivate──► waiting
 *   called ──return──► waiting       called|serving ──hold──► held ──resume──► called
 *   called|serving ──transfer──► done (+ a new waiting ticket in the other service)
 *
 * Hold and transfer are allowed from `called` too (DESIGN.md §15): a citizen at the wrong desk
 * is sent on without the clerk starting a service that never happened. Such a ticket is done
 * but was never started, so it is not served (served.ts).
 *   waiting ──cancel──► cancelled    waiting|called|held ──expire──► expired (the day closed)
 */
export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'held',
  'done',
  'no_show',
  'cancelled',
  'expired',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = [
  'call',
  'recall',
  'start',
  'complete',
  'no_show',
  'return',
  'hold',
  'resume',
  'reactivate',
  'cancel',
  'transfer',
  'expire',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** For each state, the actions it allows and the state each leads to. */
export const TRANSITIONS: Readonly<
  Record<TicketStatus, Partial<Readonly<Record<TicketAction, TicketStatus>>>>
> = {
  waiting: { call: 'called', cancel: 'cancelled', expire: 'expired' },
  called: {
    recall: 'called',
    start: 'serving',
    no_show: 'no_show',
    return: 'waiting',
    hold: 'held',
    transfer: 'done',
    expire: 'expired',
  },
  serving: { complete: 'done', hold: 'held', transfer: 'done' },
  held: { resume: 'called', expire: 'expired' },
  no_show: { reactivate: 'waiting' },
  done: {},
  cancelled: {},
  expired: {},
};

/** The state `action` leads to from `status`, or undefined when the lifecycle refuses it. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus | undefined {
  return TRANSITIONS[status][action];
}

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return nextStatus(status, action) !== undefined;
}

/** The actions a person could take on a ticket in this state (expiry is the system's, not theirs). */
export function allowedActions(status: TicketStatus): TicketAction[] {
  return (Object.keys(TRANSITIONS[status]) as TicketAction[]).filter((a) => a !== 'expire');
}

/** A counter holds at most one ticket in these states. */
export const ACTIVE_AT_COUNTER: readonly TicketStatus[] = ['called', 'serving'];

/** Tickets in these states are finished; nothing happens to them any more. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'cancelled', 'expired'];

export function isFinal(status: TicketStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
