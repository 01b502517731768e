/**
 * What a counter display shows, and how each event of its counter changes it: the ticket
 * called or served there, the counter's state, and the rating offer for the ticket just
 * completed there (until it expires, or the next call replaces it), and the transfer made
 * there (old and new number and the new service, until the next call: issue 11 item 17). Pure,
 * tested without a browser.
 */
import { COUNTER_RATING_WINDOW_SECONDS } from '../../../shared/src/counter-rating.js';
import type { CounterSnapshot, LiveEvent, WireCounter, WireTicket } from '../../../shared/src/protocol.js';

export interface RatingOffer {
  ticketId: number;
  number: string;
  /** Local time at which the offer ends. */
  until: number;
}

/** A ticket transferred at this counter: the citizen is told the number they will be called by. */
export interface TransferNotice {
  from: string;
  to: string;
  serviceId: number;
  /** The counter the citizen was sent to, when the transfer named one. */
  counterNumber?: number;
}

export interface CounterDisplayView {
  counter: WireCounter | null;
  ticket: WireTicket | null;
  offer: RatingOffer | null;
  transfer: TransferNotice | null;
}

export const EMPTY_COUNTER_VIEW: CounterDisplayView = {
  counter: null,
  ticket: null,
  offer: null,
  transfer: null,
};

const TAKES_COUNTER: ReadonlySet<string> = new Set([
  'ticket.called',
  'ticket.recalled',
  'ticket.resumed',
  'ticket.serving',
]);
const LEAVES_COUNTER: ReadonlySet<string> = new Set([
  'ticket.no_show',
  'ticket.returned',
  'ticket.held',
  'ticket.transferred',
  'ticket.expired',
  'ticket.cancelled',
]);

export function viewFromCounterSnapshot(
  snapshot: CounterSnapshot,
  previous: CounterDisplayView,
): CounterDisplayView {
  // A resync while the offer runs keeps it, unless the counter has called someone since.
  return {
    counter: snapshot.counter,
    ticket: snapshot.ticket,
    offer: snapshot.ticket ? null : previous.offer,
    transfer: snapshot.ticket ? null : previous.transfer,
  };
}

/** Until when (local time) a completion that happened `ageMs` ago may still be rated; 0 if no longer. */
export function offerEnd(ageMs: number, localNow: number): number {
  const left = COUNTER_RATING_WINDOW_SECONDS * 1000 - Math.max(0, ageMs);
  // Less than two seconds left is not enough for anyone to choose.
  return left > 2000 ? localNow + left : 0;
}

/**
 * The view after one event of this counter. `offerUntil` is when a rating offer opened by a
 * completion ends (see offerEnd); 0 opens none.
 */
export function applyCounterEvent(
  view: CounterDisplayView,
  event: LiveEvent,
  offerUntil: number,
): CounterDisplayView {
  if (event.type === 'counter.changed' && event.counter) return { ...view, counter: event.counter };
  const ticket = event.ticket;
  if (!ticket) return view;
  if (TAKES_COUNTER.has(event.type)) return { ...view, ticket, offer: null, transfer: null };
  const here = view.ticket?.id === ticket.id ? null : view.ticket;
  if (event.type === 'ticket.transferred' && event.transferredTo) {
    const { number, serviceId } = event.transferredTo;
    const counterNumber = event.transferredToCounter;
    const transfer = {
      from: ticket.number,
      to: number,
      serviceId,
      ...(counterNumber !== undefined ? { counterNumber } : {}),
    };
    return { ...view, ticket: here, offer: null, transfer };
  }
  if (event.type === 'ticket.done') {
    const offer = offerUntil > 0 ? { ticketId: ticket.id, number: ticket.number, until: offerUntil } : null;
    return { ...view, ticket: here, offer, transfer: null };
  }
  if (LEAVES_COUNTER.has(event.type)) return { ...view, ticket: here };
  return view;
}

/** The offer if it is still open at local time `now`. */
export function openOffer(view: CounterDisplayView, now: number): RatingOffer | null {
  return view.offer && view.offer.until > now ? view.offer : null;
}
