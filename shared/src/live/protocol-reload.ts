/**
 * What a screen does when the server refuses its subscribe with `protocol_mismatch`
 * (DESIGN.md §15): it reloads, since the new page brings the code that speaks the server's
 * version. Boards and kiosks run unattended across upgrades, so never in a tight loop: at most
 * one reload in PROTOCOL_RELOAD_INTERVAL_MS (a server rolled back under a newer page would
 * otherwise reload it forever). Inside that window the screen shows itself offline and asks
 * again when the window ends. The last reload time lives in sessionStorage, which outlives the
 * reload but not the tab.
 */

export const PROTOCOL_RELOAD_KEY = 'luot.protocolReloadAt';
export const PROTOCOL_RELOAD_INTERVAL_MS = 5 * 60_000;

export type ProtocolReloadDecision = { reload: true } | { reload: false; retryInMs: number };

/**
 * The decision alone. `lastReloadAt`: what the key holds (ms since the epoch, as text), or null
 * when this tab never reloaded for it. Unreadable text, or a time ahead of `now` (the clock was
 * set back), counts as no reload at all.
 */
export function protocolReloadDecision(
  lastReloadAt: string | null,
  now: number,
  intervalMs = PROTOCOL_RELOAD_INTERVAL_MS,
): ProtocolReloadDecision {
  const last = lastReloadAt === null ? Number.NaN : Number(lastReloadAt);
  if (!Number.isFinite(last) || last > now || now - last >= intervalMs) return { reload: true };
  return { reload: false, retryInMs: last + intervalMs - now };
}

export interface ReloadSurroundings {
  /** Null where the page may not keep any (then it never reloads: it could not tell a loop). */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  reload(): void;
  now(): number;
}

function browser(): ReloadSurroundings {
  let storage: ReloadSurroundings['storage'] = null;
  try {
    storage = globalThis.sessionStorage ?? null; // reading it throws where storage is blocked
  } catch {}
  return {
    storage,
    reload: () => globalThis.location?.reload(),
    now: () => Date.now(),
  };
}

/**
 * On `protocol_mismatch`: reloads the page and returns `{ reload: true }`, or returns when to
 * ask again. Every live client calls this, so every screen follows one policy.
 */
export function reloadForProtocol(surroundings: ReloadSurroundings = browser()): ProtocolReloadDecision {
  const { storage } = surroundings;
  const now = surroundings.now();
  try {
    if (!storage) throw new Error('no storage');
    const decision = protocolReloadDecision(storage.getItem(PROTOCOL_RELOAD_KEY), now);
    if (decision.reload) {
      storage.setItem(PROTOCOL_RELOAD_KEY, String(now));
      surroundings.reload();
    }
    return decision;
  } catch {
    return { reload: false, retryInMs: PROTOCOL_RELOAD_INTERVAL_MS };
  }
}
