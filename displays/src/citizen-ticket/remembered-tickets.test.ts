import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetTicket, rememberedTickets, rememberTicket } from './remembered-tickets.js';

/** localStorage as the browser has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('remembered tickets', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps today’s tickets and drops them when the local day is over', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 11, 4, 8, 0));
    const storage = memoryStorage();
    rememberTicket({ token: 'token-a-0123456789', number: 'A012', centerId: 1 }, storage);
    vi.setSystemTime(new Date(2026, 11, 4, 23, 59));
    expect(rememberedTickets(storage).map((t) => t.number)).toEqual(['A012']);
    vi.setSystemTime(new Date(2026, 11, 5, 0, 1));
    expect(rememberedTickets(storage)).toEqual([]);
  });

  it('keeps a ticket’s first date when opened again, and will not keep an earlier day’s as today’s', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 11, 4, 9, 0));
    const storage = memoryStorage();
    rememberTicket(
      { token: 'old-token-0123456789', number: 'B003', centerId: 1 },
      storage,
      new Date(2026, 11, 3, 15, 0).toISOString(),
    );
    expect(rememberedTickets(storage)).toEqual([]);
    rememberTicket(
      { token: 'new-token-0123456789', number: 'B004', centerId: 1 },
      storage,
      new Date(2026, 11, 4, 8, 30).toISOString(),
    );
    rememberTicket({ token: 'new-token-0123456789', number: 'E001', centerId: 1 }, storage);
    expect(rememberedTickets(storage)).toEqual([
      {
        token: 'new-token-0123456789',
        number: 'E001',
        centerId: 1,
        at: new Date(2026, 11, 4, 8, 30).getTime(),
      },
    ]);
    forgetTicket('new-token-0123456789', storage);
    expect(rememberedTickets(storage)).toEqual([]);
  });
});
