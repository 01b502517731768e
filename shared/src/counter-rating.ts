/**
 * The rating tablet at a counter (issue 4): the counter display offers the four ratings for
 * the ticket just completed there, for this long, and the server accepts a rating only then,
 * and only from that counter's paired display (issue 10: the public feed names every ticket).
 */
import type { Rating, WireCounter } from './protocol.js';

export const COUNTER_RATING_WINDOW_SECONDS = 30;

/** POST /api/counters/:counterId/rating */
export interface CounterRatingRequest {
  ticketId: number;
  rating: Rating;
}

/** GET /api/counters/:counterId/display: what a counter display needs besides its live room. */
export interface CounterDisplayInfo {
  centerId: number;
  centerName: string;
  counter: WireCounter;
  /** Whether this display may take ratings: it is paired as this counter's display. */
  ratings: boolean;
}
