import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_RELOAD_INTERVAL_MS,
  PROTOCOL_RELOAD_KEY,
  protocolReloadDecision,
  type ReloadSurroundings,
  reloadForProtocol,
} from './protocol-reload.js';

const minute = 60_000;
const now = Date.UTC(2026, 11, 4, 19, 30);

describe('protocolReloadDecision', () => {
  it('reloads when this tab never reloaded for a mismatch, or when the stored time is unreadable', () => {
    expect(protocolReloadDecision(null, now)).toEqual({ reload: true });
    expect(protocolReloadDecision('', now)).toEqual({ reload: true });
    expect(protocolReloadDecision('yesterday', now)).toEqual({ reload: true });
  });

  it('does not reload again within five minutes, and says when to ask again', () => {
    expect(PROTOCOL_RELOAD_INTERVAL_MS).toBe(5 * minute);
    expect(protocolReloadDecision(String(now), now)).toEqual({ reload: false, retryInMs: 5 * minute });
    expect(protocolReloadDecision(String(now - 4 * minute), now)).toEqual({
      reload: false,
      retryInMs: minute,
    });
  });

  it('reloads once the five minutes are over', () => {
    expect(protocolReloadDecision(String(now - 5 * minute), now)).toEqual({ reload: true });
    expect(protocolReloadDecision(String(now - 60 * minute), now)).toEqual({ reload: true });
  });

  it('reloads when the stored time is ahead of the clock (the clock was set back)', () => {
    expect(protocolReloadDecision(String(now + minute), now)).toEqual({ reload: true });
  });
});

describe('reloadForProtocol', () => {
  function page(storage: Map<string, string> | null, at: number) {
    const reloads: number[] = [];
    const surroundings: ReloadSurroundings = {
      storage: storage && {
        getItem: (key) => storage.get(key) ?? null,
        setItem: (key, value) => void storage.set(key, value),
      },
      reload: () => reloads.push(at),
      now: () => at,
    };
    return { surroundings, reloads };
  }

  it('reloads once, remembers when, and reloads again only after the window', () => {
    const storage = new Map<string, string>();
    const first = page(storage, now);
    expect(reloadForProtocol(first.surroundings)).toEqual({ reload: true });
    expect(first.reloads).toEqual([now]);
    expect(storage.get(PROTOCOL_RELOAD_KEY)).toBe(String(now));

    // The reloaded page still meets an old server: offline, no second reload.
    const again = page(storage, now + 10_000);
    expect(reloadForProtocol(again.surroundings)).toEqual({ reload: false, retryInMs: 5 * minute - 10_000 });
    expect(again.reloads).toEqual([]);

    const later = page(storage, now + 5 * minute);
    expect(reloadForProtocol(later.surroundings)).toEqual({ reload: true });
    expect(later.reloads).toHaveLength(1);
  });

  it('never reloads where nothing can remember the last reload', () => {
    const blocked = page(null, now);
    expect(reloadForProtocol(blocked.surroundings)).toEqual({ reload: false, retryInMs: 5 * minute });
    expect(blocked.reloads).toEqual([]);

    const full = page(new Map(), now);
    full.surroundings.storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(reloadForProtocol(full.surroundings)).toEqual({ reload: false, retryInMs: 5 * minute });
    expect(full.reloads).toEqual([]);
  });

  it('does nothing in a page-less runtime (Node tests wrapping the live client)', () => {
    expect(reloadForProtocol()).toEqual({ reload: false, retryInMs: 5 * minute });
  });
});
