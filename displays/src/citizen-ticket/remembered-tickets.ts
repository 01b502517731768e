/**
 * The tickets this device took or opened, kept in localStorage so the citizen finds them again
 * (from /ticket/ or /ticket/new). Only the token, number and center: nothing personal.
 */
export interface RememberedTicket {
  token: string;
  number: string;
  centerId: number;
  /** When it was remembered, ms since the epoch: old ones are dropped. */
  at: number;
}

const KEY = 'luot.tickets';
const KEEP = 10;
/** A ticket lives one day at most: older entries only clutter the list. */
const MAX_AGE_MS = 24 * 3600 * 1000;

function read(storage: Storage): RememberedTicket[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (t): t is RememberedTicket =>
        typeof t?.token === 'string' &&
        typeof t?.number === 'string' &&
        typeof t?.centerId === 'number' &&
        typeof t?.at === 'number',
    );
  } catch {
    return [];
  }
}

export function rememberedTickets(storage: Storage = localStorage, now = Date.now()): RememberedTicket[] {
  return read(storage).filter((t) => now - t.at < MAX_AGE_MS);
}

export function rememberTicket(ticket: Omit<RememberedTicket, 'at'>, storage: Storage = localStorage): void {
  const others = rememberedTickets(storage).filter((t) => t.token !== ticket.token);
  const list = [{ ...ticket, at: Date.now() }, ...others].slice(0, KEEP);
  try {
    storage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Private browsing may refuse storage: the ticket's link still works.
  }
}

export function forgetTicket(token: string, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(rememberedTickets(storage).filter((t) => t.token !== token)));
  } catch {
    // as above
  }
}
