/**
 * The wire protocol between the server and every browser surface (DESIGN.md §6–7).
 * Bump PROTOCOL_VERSION on any change a deployed client would misread.
 */
import type { ServiceName } from './api/services.js';
import type { ErrorCode } from './errors.js';
import type { TicketAction, TicketStatus } from './ticket-state.js';

export const PROTOCOL_VERSION = 1;

/** What staff do to a ticket by its id (calling goes through the counter; expiry is the system's). */
export type StaffTicketAction = Exclude<TicketAction, 'call' | 'expire'>;

/** The path segment of each staff action on a ticket: POST /api/tickets/:id/<segment>. */
export const TICKET_ACTION_PATH: Readonly<Record<StaffTicketAction, string>> = {
  recall: 'recall',
  start: 'start',
  complete: 'complete',
  no_show: 'no-show',
  return: 'return',
  hold: 'hold',
  resume: 'resume',
  reactivate: 'reactivate',
  cancel: 'cancel',
  transfer: 'transfer',
};

export const PRIORITIES = ['elderly', 'disabled', 'pregnant', 'child', 'veteran'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['kiosk', 'web', 'appointment', 'staff'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COUNTER_STATES = ['closed', 'open', 'paused'] as const;
export type CounterState = (typeof COUNTER_STATES)[number];

/**
 * Why a counter is paused, as the public sees it: a code whose label screens show. Anything a
 * clerk types (the reason "other" stands for) is a note for staff only (DESIGN.md §14).
 */
export const PAUSE_REASONS = ['break', 'meeting', 'back_office', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const isPauseReason = (value: unknown): value is PauseReason =>
  (PAUSE_REASONS as readonly unknown[]).includes(value);

export const OUTCOMES = ['resolved', 'received', 'needs_more_documents', 'referred', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Why staff cancelled a waiting ticket (asked, never assumed: a cancel ends a citizen's turn).
 * A citizen cancelling their own ticket records `citizen_request`.
 */
export const CANCEL_REASONS = [
  'citizen_left',
  'citizen_request',
  'duplicate',
  'wrong_service',
  'other',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** 1 = không hài lòng … 4 = rất hài lòng. */
export const RATINGS = [1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * Why call-next chose a ticket: recorded with the call and shown to whoever asks. `transfer`:
 * a clerk transferred the citizen to this very counter, which takes such tickets first.
 */
export const CALL_REASONS = ['priority', 'aged', 'service_order', 'oldest', 'specific', 'transfer'] as const;
export type CallReason = (typeof CALL_REASONS)[number];

/** A ticket as every client sees it: camelCase, never a raw row, never the token. */
export interface WireTicket {
  id: number;
  number: string;
  serviceId: number;
  status: TicketStatus;
  priority: Priority | null;
  /** Priority is claimed by the citizen until a clerk confirms it. */
  priorityConfirmed?: boolean;
  channel: Channel;
  issuedAt: string;
  calledAt?: string;
  counterId?: number;
  /**
   * Only while waiting, and only when a clerk transferred the ticket to one named counter:
   * that counter calls it (before its other tickets); no other counter's call-next takes it.
   */
  reservedCounterId?: number;
  /** 1 = next to be called in its service (or, when reserved, at its counter); only while waiting. */
  position?: number;
  /** Only while waiting; null (or absent) while no open counter serves its service (DESIGN.md §15). */
  estimatedWaitSeconds?: number | null;
  /** Only while waiting: numbers of the open counters that serve its service now, ascending; empty when none. */
  servingCounters?: number[];
}

export interface WireCounter {
  id: number;
  number: number;
  name: string;
  serviceIds: number[];
  state: CounterState;
  pauseReason?: PauseReason | null;
  /** What the clerk typed when pausing: staff rooms and staff routes only. */
  pauseNote?: string | null;
  /**
   * The signed-in staff member holding the counter (null: nobody), where the sender knows it:
   * absent means "unchanged". Staff rooms and staff routes only (a person's name).
   */
  holder?: CounterHolder | null;
}

export interface CounterHolder {
  userId: number;
  /** The display name, or the username where none is set. */
  name: string;
}

export const EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.serving',
  'ticket.done',
  'ticket.no_show',
  'ticket.returned',
  'ticket.held',
  'ticket.resumed',
  'ticket.reactivated',
  'ticket.cancelled',
  'ticket.transferred',
  'ticket.expired',
  'ticket.position',
  /** Ticket room only, never logged: the ticket was rated (on the counter display, say). */
  'ticket.rated',
  'ticket.priority_confirmed',
  'ticket.priority_removed',
  'counter.changed',
  /** A service added, renamed, (de)activated or reordered: the center's whole list, in order (DESIGN.md §15). */
  'services.changed',
  /** The center's name or time zone changed: what public screens show of it (DESIGN.md §15). */
  'center.changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A service as public screens show it; `services.changed` carries the center's list of them. */
export interface PublicService extends ServiceName {
  /** An inactive service takes no tickets: kiosks and boards leave it off. */
  active: boolean;
}

/** The center as public screens show it, in `center.changed`. */
export interface PublicCenter {
  id: number;
  name: string;
  timezone: string;
  /** Printed on tickets and shown on the phone page; null when the center has none. */
  hotline: string | null;
  /** The board's notice line (the center's news); null when none. */
  boardNotice: string | null;
  /** When the center takes tickets, `HH:MM`–`HH:MM` in its zone; null when all day. */
  openingHours: { from: string; to: string }[] | null;
}

/** One change, in the center's `seq` order. */
export interface LiveEvent {
  seq: number;
  type: EventType;
  at: string;
  centerId: number;
  ticket?: WireTicket;
  counterId?: number;
  counter?: WireCounter;
  /** ticket.called: why this ticket was chosen. */
  reason?: CallReason;
  /**
   * ticket.called out of order, ticket.priority_removed, a manager's move: what staff typed.
   * Staff rooms only: public rooms and replays get the event without it (staff-text.ts).
   */
  note?: string;
  /** ticket.transferred: the new waiting ticket in the other service. */
  transferredTo?: WireTicket;
  /**
   * ticket.transferred to one named counter: that counter's number ("Quầy 5"), which screens
   * say beside the new number; absent when the citizen may go to any counter of the service.
   */
  transferredToCounter?: number;
  /** services.changed: every service of the center, in the order screens list them. */
  services?: PublicService[];
  /** center.changed: the center as public screens show it. */
  center?: PublicCenter;
  /** ticket.rated: the rating now recorded (ticket room only). */
  feedback?: GivenFeedback;
}

/** A rating already recorded for a ticket, as its citizen sees it (never the comment itself). */
export interface GivenFeedback {
  rating: Rating;
  /** Whether a comment is attached: a rating given on the counter display has none until the phone adds one. */
  hasComment: boolean;
}

export interface RecentCall {
  seq: number;
  ticketId: number;
  number: string;
  serviceId: number;
  counterId: number;
  counterNumber: number;
  at: string;
  recall: boolean;
  /**
   * The row is a transfer (a `ticket.transferred`, issue 11 item 17): the ticket `number` now
   * has this new number in this service, so a citizen holding the old paper ticket is told.
   * `counterNumber` is the counter it was at (0 for a manager's move of a waiting ticket);
   * `transferredTo.counterNumber` the counter it was sent to, when the transfer named one.
   */
  transferredTo?: { number: string; serviceId: number; counterNumber?: number };
}

export interface CenterSnapshot {
  seq: number;
  centerId: number;
  services: { id: number; waiting: number }[];
  counters: (WireCounter & { ticket: WireTicket | null })[];
  recentCalls: RecentCall[];
}

export interface CounterSnapshot {
  seq: number;
  counter: WireCounter;
  ticket: WireTicket | null;
}

export interface TicketSnapshot {
  seq: number;
  ticket: WireTicket;
  counter: WireCounter | null;
  /** The rating given for this ticket, anywhere; null before one is. */
  feedback?: GivenFeedback | null;
}

/**
 * What every subscribe carries besides its room: the client's PROTOCOL_VERSION. A server that
 * speaks another version refuses it with `protocol_mismatch`; absent counts as 1 (screens
 * deployed before the field existed, DESIGN.md §15).
 */
export interface SubscribeCommon {
  sinceSeq?: number;
  protocolVersion?: number;
}

export type SubscribeRequest =
  /** `staff`: the center's staff room (a staff session of the center), events with what staff typed. */
  | ({ centerId: number; staff?: true } & SubscribeCommon)
  | ({ counterId: number } & SubscribeCommon)
  | ({ ticketToken: string } & SubscribeCommon);

export type SubscribeAck =
  | { snapshot: CenterSnapshot | CounterSnapshot | TicketSnapshot }
  | { events: LiveEvent[] }
  | { error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
  event: (event: LiveEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (reply: SubscribeAck) => void) => void;
  unsubscribe: (request: SubscribeRequest) => void;
}
