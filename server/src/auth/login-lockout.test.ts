import { describe, expect, it } from 'vitest';
import { type LockoutPolicy, slowDelayMs } from './login-lockout.js';

describe('slowDelayMs', () => {
  const policy = { slowAfter: 10, slowBaseMs: 1000, slowMaxMs: 10_000 } as LockoutPolicy;

  it('waits nothing below the threshold, then doubles from the base up to the cap', () => {
    expect([0, 9].map((n) => slowDelayMs(n, policy))).toEqual([0, 0]);
    expect([10, 11, 12, 13, 14, 15].map((n) => slowDelayMs(n, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('stays at the cap however many failures there were', () => {
    expect(slowDelayMs(1_000_000, policy)).toBe(10_000);
  });
});
