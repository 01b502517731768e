/**
 * The rating tablet at a counter (issue 4): the counter display offers the four ratings for
 * the ticket just completed there, for this long, and the server accepts a rating only then.
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
}
