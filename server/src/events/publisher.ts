/**
 * What a committed change hands to the realtime layer. Services return these from their
 * transaction and publish them only after commit, so nobody sees a change that rolled back.
 */
import type { LiveEvent } from '../../../shared/src/protocol.js';

export interface Published {
  event: LiveEvent;
  /** The citizen whose ticket this is also hears of it, in their own room. */
  ticketTokens: string[];
  /** Services whose queue changed: their waiting tickets get fresh positions. */
  serviceIds: number[];
}

export interface Publisher {
  publish(items: Published[]): void;
  /** An event for one citizen's room only, not in the center's log (ticket.rated). */
  tellTicket(token: string, event: LiveEvent): void;
}

/** For tools and tests that change data with nobody watching. */
export const silentPublisher: Publisher = { publish: () => {}, tellTicket: () => {} };
