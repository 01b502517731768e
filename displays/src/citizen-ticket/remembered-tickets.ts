/**
 * The tickets this device took or opened, kept in localStorage so the citizen finds them again
 * (from /ticket/ or /ticket/new). Only the token, number and center: nothing personal. The token
 * is the ticket's secret: it is kept here and put in no link but the ticket page's own. A ticket
 * lives one local day: entries of an earlier day are dropped, and so is a ticket once it ends.
 */
export interface RememberedTicket {
  token: string;
  number: string;
  centerId: number;
  /** When it was first remembered (or issued), ms since the epoch: another day's are dropped. */
  at: number;
}

/** The statuses in which a ticket is over: nothing left to follow, it is forgotten. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set(['done', 'cancelled', 'no_show', 'expired']);

const KEY = 'luot.tickets';
const KEEP = 10;

/** The device's local day of a moment: a ticket of yesterday is of no use this morning. */
const sameLocalDay = (a: number, b: number): boolean =>
  new Date(a).toDateString() === new Date(b).toDateString();

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
  return read(storage).filter((t) => sameLocalDay(t.at, now));
}

/**
 * Remembers (or refreshes the number of) a ticket. `issuedAt`, when known, dates it: a ticket of
 * an earlier day opened again today is not kept as today's. Opening it again keeps its first date.
 */
export function rememberTicket(
  ticket: Omit<RememberedTicket, 'at'>,
  storage: Storage = localStorage,
  issuedAt?: string,
): void {
  const all = rememberedTickets(storage);
  const known = all.find((t) => t.token === ticket.token);
  const issued = issuedAt ? Date.parse(issuedAt) : Number.NaN;
  const at = known?.at ?? (Number.isFinite(issued) ? issued : Date.now());
  if (!sameLocalDay(at, Date.now())) {
    forgetTicket(ticket.token, storage);
    return;
  }
  const others = all.filter((t) => t.token !== ticket.token);
  const list = [{ ...ticket, at }, ...others].slice(0, KEEP);
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
