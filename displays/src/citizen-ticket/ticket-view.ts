/**
 * The citizen's view of their ticket, kept from a snapshot and the events of their ticket room.
 * Events are applied in seq order: one older than what was applied (a position computed before
 * a call, crossing it on the way) is dropped, so the page never steps back.
 */
import type { LiveEvent, TicketSnapshot, WireCounter, WireTicket } from '../../../shared/src/protocol.js';

export interface TicketView {
  ticket: WireTicket;
  /** The counter the ticket is called to, once known. */
  counter: WireCounter | null;
  /** The newest seq applied. */
  seq: number;
  /** A clerk moved this citizen to another service: `ticket` is the new one. */
  transferred: boolean;
  /** The counter the transfer sent them to, when it named one ("Quầy 5"). */
  transferredToCounter?: number;
}

export function viewFromSnapshot(current: TicketView | null, snapshot: TicketSnapshot): TicketView {
  if (current && snapshot.seq < current.seq) {
    // Read before an event already applied: keep the newer state, but learn its counter.
    const counter =
      snapshot.counter && snapshot.counter.id === current.ticket.counterId
        ? snapshot.counter
        : current.counter;
    return { ...current, counter };
  }
  return {
    ticket: snapshot.ticket,
    counter: snapshot.counter,
    seq: snapshot.seq,
    transferred: current?.transferred ?? false,
    ...(current?.transferredToCounter !== undefined
      ? { transferredToCounter: current.transferredToCounter }
      : {}),
  };
}

export function applyEvent(view: TicketView, event: LiveEvent): TicketView {
  if (event.seq < view.seq || !event.ticket || event.ticket.id !== view.ticket.id) return view;
  if (event.type === 'ticket.transferred') {
    if (!event.transferredTo) return view;
    const at = event.transferredToCounter;
    return {
      ticket: event.transferredTo,
      counter: null,
      seq: event.seq,
      transferred: true,
      ...(at !== undefined ? { transferredToCounter: at } : {}),
    };
  }
  const ticket = event.ticket;
  const counter =
    ticket.counterId !== undefined && view.counter?.id === ticket.counterId ? view.counter : null;
  return { ...view, ticket, counter, seq: event.seq };
}

/** The ticket is at a counter whose number the view does not know yet: ask for a snapshot. */
export function needsCounter(view: TicketView): boolean {
  return view.ticket.counterId !== undefined && view.counter === null;
}
