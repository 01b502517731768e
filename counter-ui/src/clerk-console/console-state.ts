/**
 * The clerk console's view of the world, kept up to date from the center's live events.
 * Pure functions, so the state handling is tested without a browser.
 */
import type { CenterSnapshot, LiveEvent, WireCounter, WireTicket } from '../../../shared/src/protocol.js';
import { ACTIVE_AT_COUNTER, allowedActions, type TicketAction } from '../../../shared/src/ticket-state.js';

export interface CounterView {
  counter: WireCounter | null;
  /** The called or serving ticket at this counter. */
  ticket: WireTicket | null;
}

export function viewFromSnapshot(snapshot: CenterSnapshot, counterId: number): CounterView {
  const entry = snapshot.counters.find((c) => c.id === counterId);
  if (!entry) return { counter: null, ticket: null };
  const { ticket, ...counter } = entry;
  return { counter, ticket };
}

const isActiveHere = (ticket: WireTicket, counterId: number) =>
  ticket.counterId === counterId && ACTIVE_AT_COUNTER.includes(ticket.status);

/** The view after an event, and whether the counter's queue (preview, held, no-shows) may have changed. */
export function applyEvent(
  view: CounterView,
  event: LiveEvent,
  counterId: number,
): { view: CounterView; queueChanged: boolean } {
  let { counter, ticket } = view;
  let queueChanged = false;
  if (event.type === 'counter.changed' && event.counterId === counterId && event.counter) {
    // An event that does not say who holds the counter (a configuration edit) leaves it as it was.
    const holder = event.counter.holder === undefined ? counter?.holder : event.counter.holder;
    counter = holder === undefined ? event.counter : { ...event.counter, holder };
    queueChanged = true;
  } else if (event.type === 'counter.changed' && event.counter?.state === 'closed') {
    // Closing a counter releases the tickets transferred to it into its services' common queues.
    const services = counter?.serviceIds ?? [];
    queueChanged = event.counter.serviceIds.some((s) => services.includes(s));
  }
  const changed = event.ticket;
  if (changed && event.type !== 'ticket.position') {
    if (isActiveHere(changed, counterId)) ticket = changed;
    else if (ticket && changed.id === ticket.id) ticket = null;
    const services = counter?.serviceIds ?? [];
    queueChanged ||=
      services.includes(changed.serviceId) ||
      (event.transferredTo !== undefined && services.includes(event.transferredTo.serviceId)) ||
      changed.counterId === counterId;
  }
  return { view: { counter, ticket }, queueChanged };
}

/**
 * The one who took this counter over from `userId` (issue 11 item 11), when the event says so:
 * the counter was held by them, and now someone else holds it.
 */
export function takenOverFrom(view: CounterView, event: LiveEvent, counterId: number, userId: number) {
  if (event.type !== 'counter.changed' || event.counterId !== counterId) return null;
  const next = event.counter?.holder;
  if (view.counter?.holder?.userId !== userId || !next || next.userId === userId) return null;
  return next;
}

/** Ticket actions the console offers, in the order of its buttons. */
export const TICKET_BUTTONS = [
  'recall',
  'start',
  'complete',
  'no_show',
  'return',
  'hold',
  'transfer',
] as const;
export type TicketButton = (typeof TICKET_BUTTONS)[number];

/** Only what the shared state machine allows for the ticket in hand. */
export function enabledTicketActions(ticket: WireTicket | null): Set<TicketAction> {
  return new Set(ticket ? allowedActions(ticket.status) : []);
}

export function canCallNext(view: CounterView, online: boolean): boolean {
  return online && view.counter?.state === 'open' && view.ticket === null;
}

/**
 * The counters a ticket may be transferred to by name for `serviceId`: those of the center
 * that serve it and are not closed (a paused one's clerk comes back), other than `here`, by
 * number. The server applies the same rules (server/src/tickets/transfer-target.ts).
 */
export function transferCounterChoices(
  counters: readonly WireCounter[],
  serviceId: number | null,
  here: number | null,
): WireCounter[] {
  if (serviceId === null) return [];
  return counters
    .filter((c) => c.id !== here && c.state !== 'closed' && c.serviceIds.includes(serviceId))
    .sort((a, b) => a.number - b.number);
}

/** The center's counters after a live event: a changed or added counter replaces its old self. */
export function countersAfter(counters: readonly WireCounter[], event: LiveEvent): WireCounter[] | null {
  if (event.type !== 'counter.changed' || !event.counter) return null;
  const changed = event.counter;
  const known = counters.some((c) => c.id === changed.id);
  const next = known
    ? counters.map((c) => (c.id === changed.id ? { ...c, ...changed } : c))
    : [...counters, changed];
  return next.sort((a, b) => a.number - b.number);
}
