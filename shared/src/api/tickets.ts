/**
 * A ticket's replies beyond the WireTicket itself (shared/src/protocol.ts): what the citizen
 * gets on issuing, on opening their ticket page and on finding it again, and what staff and
 * the phone page read beside it.
 */
import type { GivenFeedback, Rating, WireCounter, WireTicket } from '../protocol.js';

/** POST /api/centers/:id/tickets: the ticket, its place in line, and its token (the citizen's right to it). */
export type IssuedTicket = WireTicket & { token: string };

/** GET /api/tickets/:token: the citizen's view, with the counter calling it, its center and the rating given. */
export type CitizenTicketReply = WireTicket & {
  counter: WireCounter | null;
  centerId: number;
  feedback: GivenFeedback | null;
};

/** POST /api/centers/:id/tickets/lookup: today's ticket found again by its number and phone. */
export interface FoundTicket {
  number: string;
  token: string;
}

/** GET /api/centers/:id/waiting: the waiting tickets, in call order per service. */
export interface WaitingTickets {
  tickets: WireTicket[];
}

/** GET /api/push/config: the Web Push key, how many tickets ahead a notice goes, whether SMS is offered. */
export interface PushConfig {
  publicKey: string;
  ahead: number;
  sms: boolean;
}

/** POST /api/tickets/:token/feedback (and the counter display's rating): the rating recorded. */
export interface FeedbackReceipt {
  ticketId: number;
  rating: Rating;
  comment: string | null;
  createdAt: string;
  /** The citizen's comment was attached to a rating given before (on the counter display): 200, not 201. */
  attached?: boolean;
}
