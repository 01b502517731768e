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
    counter = event.counter;
    queueChanged = true;
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
