/**
 * What the waiting-room board shows, and how each event of the center changes it: the last
 * calls (newest first, bounded), what each counter holds, and the waiting count per service.
 * Pure functions over plain data, so the rules are tested without a browser; every list is
 * bounded by the center's size or a constant, so a board can run for months.
 */
import type {
  CenterSnapshot,
  LiveEvent,
  RecentCall,
  WireCounter,
  WireTicket,
} from '../../../shared/src/protocol.js';

/** Calls kept on screen. */
export const MAX_CALLS = 7;
/** How long a call received live stays highlighted. */
export const FRESH_MS = 10_000;
/** A call older than this (by the server's clock) is news no more: never announced. */
export const ANNOUNCE_WITHIN_MS = 60_000;

export interface BoardCall extends RecentCall {
  /** Local time until which it is highlighted; 0 for a call read from a snapshot or a replay. */
  freshUntil: number;
}

export type BoardCounter = WireCounter & { ticket: WireTicket | null };

export interface BoardView {
  seq: number;
  calls: BoardCall[];
  counters: BoardCounter[];
  /** service id → tickets waiting */
  waiting: Record<number, number>;
}

export const EMPTY_VIEW: BoardView = { seq: -1, calls: [], counters: [], waiting: {} };

const CALL_TYPES: ReadonlySet<string> = new Set(['ticket.called', 'ticket.recalled', 'ticket.resumed']);
/** Events after which a ticket is no longer at its counter. */
const LEAVES_COUNTER: ReadonlySet<string> = new Set([
  'ticket.done',
  'ticket.no_show',
  'ticket.returned',
  'ticket.held',
  'ticket.transferred',
  'ticket.expired',
  'ticket.cancelled',
]);

/**
 * Where a row goes in the list of calls, newest first; one rule for live events and for a
 * snapshot replayed oldest first, so a reloaded board shows what the live one did. A call or
 * recall goes to the top, once per ticket (issue 11 item 8). A transfer rewrites its ticket's
 * row where it stands ("A010 → E003"), so the latest call keeps the big top slot; a ticket no
 * longer listed gets its row just below the current call.
 */
function placeCall(calls: readonly BoardCall[], row: BoardCall): BoardCall[] {
  if (row.transferredTo) {
    const at = calls.findIndex((c) => c.ticketId === row.ticketId);
    if (at >= 0) return calls.map((c, i) => (i === at ? row : c));
    const below = Math.min(1, calls.length);
    return [...calls.slice(0, below), row, ...calls.slice(below)].slice(0, MAX_CALLS);
  }
  return [row, ...calls.filter((c) => c.ticketId !== row.ticketId)].slice(0, MAX_CALLS);
}

export function viewFromSnapshot(snapshot: CenterSnapshot): BoardView {
  const waiting: Record<number, number> = {};
  for (const s of snapshot.services) waiting[s.id] = s.waiting;
  return {
    seq: snapshot.seq,
    calls: [...snapshot.recentCalls]
      .reverse()
      .reduce<BoardCall[]>((calls, c) => placeCall(calls, { ...c, freshUntil: 0 }), []),
    counters: [...snapshot.counters].sort((a, b) => a.number - b.number),
    waiting,
  };
}

/** An event that the board announces aloud: a call, a recall, or a held ticket called back. */
export function isCall(event: LiveEvent): event is LiveEvent & { ticket: WireTicket; counterId: number } {
  return CALL_TYPES.has(event.type) && event.ticket !== undefined && event.counterId !== undefined;
}

/** How an event changes the waiting counts: service id → delta. */
function waitingDeltas(event: LiveEvent): [number, number][] {
  const t = event.ticket;
  if (!t) return [];
  switch (event.type) {
    case 'ticket.issued':
    case 'ticket.returned':
    case 'ticket.reactivated':
      return [[t.serviceId, 1]];
    case 'ticket.called':
    case 'ticket.cancelled':
      // Both only ever happen to a waiting ticket.
      return [[t.serviceId, -1]];
    case 'ticket.expired':
      // A ticket that was waiting has no call time; one called or held has.
      return t.calledAt ? [] : [[t.serviceId, -1]];
    case 'ticket.transferred':
      return event.transferredTo ? [[event.transferredTo.serviceId, 1]] : [];
    default:
      return [];
  }
}

function applyWaiting(waiting: Record<number, number>, event: LiveEvent): Record<number, number> {
  const deltas = waitingDeltas(event);
  if (deltas.length === 0) return waiting;
  const next = { ...waiting };
  for (const [serviceId, delta] of deltas) next[serviceId] = Math.max(0, (next[serviceId] ?? 0) + delta);
  return next;
}

function applyCounters(counters: BoardCounter[], event: LiveEvent): BoardCounter[] {
  if (event.type === 'counter.changed' && event.counter) {
    const changed = event.counter;
    const known = counters.some((c) => c.id === changed.id);
    if (!known) return [...counters, { ...changed, ticket: null }].sort((a, b) => a.number - b.number);
    return counters.map((c) => (c.id === changed.id ? { ...changed, ticket: c.ticket } : c));
  }
  const ticket = event.ticket;
  if (!ticket) return counters;
  if (CALL_TYPES.has(event.type) || event.type === 'ticket.serving') {
    return counters.map((c) => {
      if (c.id === event.counterId) return { ...c, ticket };
      return c.ticket?.id === ticket.id ? { ...c, ticket: null } : c;
    });
  }
  if (LEAVES_COUNTER.has(event.type)) {
    return counters.map((c) => (c.ticket?.id === ticket.id ? { ...c, ticket: null } : c));
  }
  return counters;
}

/**
 * A transfer's row says the old number, the new one and its service (and counter, when sent to
 * one): the citizen holding the paper ticket learns it (issue 11 item 17).
 */
function transferRow(view: BoardView, event: LiveEvent): BoardCall | null {
  if (event.type !== 'ticket.transferred' || !event.ticket || !event.transferredTo) return null;
  const counterId = event.counterId ?? 0;
  return {
    seq: event.seq,
    ticketId: event.ticket.id,
    number: event.ticket.number,
    serviceId: event.ticket.serviceId,
    counterId,
    counterNumber: view.counters.find((c) => c.id === counterId)?.number ?? 0,
    at: event.at,
    recall: false,
    transferredTo: {
      number: event.transferredTo.number,
      serviceId: event.transferredTo.serviceId,
      // As a snapshot's recentCalls say it (center-snapshot.ts), so a reload shows the same row.
      ...(event.transferredToCounter !== undefined ? { counterNumber: event.transferredToCounter } : {}),
    },
    freshUntil: 0,
  };
}

function applyCalls(view: BoardView, event: LiveEvent, freshUntil: number): BoardCall[] {
  const transfer = transferRow(view, event);
  if (transfer) return placeCall(view.calls, transfer);
  if (!isCall(event)) return view.calls;
  const call: BoardCall = {
    seq: event.seq,
    ticketId: event.ticket.id,
    number: event.ticket.number,
    serviceId: event.ticket.serviceId,
    counterId: event.counterId,
    counterNumber: view.counters.find((c) => c.id === event.counterId)?.number ?? 0,
    at: event.at,
    recall: event.type === 'ticket.recalled',
    freshUntil,
  };
  return placeCall(view.calls, call);
}

/**
 * The view after one event. `freshUntil` is when a call it adds stops being highlighted: pass
 * 0 for a replayed event, so a call missed while offline never shows as new.
 */
export function applyEvent(view: BoardView, event: LiveEvent, freshUntil: number): BoardView {
  const counters = applyCounters(view.counters, event);
  return {
    seq: event.seq,
    calls: applyCalls({ ...view, counters }, event, freshUntil),
    counters,
    waiting: applyWaiting(view.waiting, event),
  };
}

/** Whether a call event is news to announce: live (not replayed) and recent by the server's clock. */
export function shouldAnnounce(event: LiveEvent, replayed: boolean, ageMs: number): boolean {
  return isCall(event) && !replayed && ageMs < ANNOUNCE_WITHIN_MS;
}
