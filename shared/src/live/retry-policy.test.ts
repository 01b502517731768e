import { describe, expect, it } from 'vitest';
import { RETRY_POLICY, RetryTimer, retryDelay } from './retry-policy.js';

const lowest = () => 0;
const highest = () => 0.999_999;
const half = () => 0.5;

describe('retryDelay', () => {
  it('stays between the floor and the cap, whatever the attempt and the random source', () => {
    for (const attempt of [0, 1, 2, 3, 4, 5, 10, 60, 1e9, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      for (const random of [lowest, half, highest, () => -3, () => 7]) {
        const delay = retryDelay(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(RETRY_POLICY.floorMs);
        expect(delay).toBeLessThanOrEqual(RETRY_POLICY.capMs);
      }
    }
  });

  it('waits at least the floor, even with the lowest draw', () => {
    expect(retryDelay(0, lowest)).toBe(1000);
    expect(retryDelay(6, lowest)).toBe(1000);
  });

  it('doubles the ceiling with each attempt: full jitter over [floor, floor · 2^(n+1))', () => {
    const ceilings = [0, 1, 2, 3].map((n) => retryDelay(n, highest));
    expect(ceilings.map((ms) => Math.round(ms))).toEqual([2000, 4000, 8000, 16_000]);
    expect(retryDelay(2, half)).toBe(1000 + 0.5 * 7000);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(Math.round(retryDelay(4, highest))).toBe(30_000);
    expect(Math.round(retryDelay(40, highest))).toBe(30_000);
    expect(retryDelay(40, half)).toBe(1000 + 0.5 * 29_000);
  });

  it('takes another policy', () => {
    expect(retryDelay(10, highest, { floorMs: 50, capMs: 200 })).toBeLessThanOrEqual(200);
    expect(retryDelay(0, lowest, { floorMs: 50, capMs: 200 })).toBe(50);
  });
});

/** A timer whose clock the test moves by hand. */
function manualTimers() {
  const waits: number[] = [];
  let due: (() => void) | null = null;
  return {
    waits,
    fire: () => {
      const fn = due;
      due = null;
      fn?.();
    },
    options: {
      random: highest,
      setTimer: (fn: () => void, ms: number) => {
        waits.push(Math.round(ms));
        due = fn;
        return fn;
      },
      clearTimer: () => {
        due = null;
      },
    },
  };
}

describe('RetryTimer', () => {
  it('backs off with each failure and starts from the floor again after a success', () => {
    const timers = manualTimers();
    const retry = new RetryTimer(timers.options);
    let runs = 0;
    for (let i = 0; i < 6; i++) {
      retry.schedule(() => runs++);
      timers.fire();
    }
    expect(runs).toBe(6);
    expect(timers.waits).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);
    retry.succeeded();
    expect(retry.attempt).toBe(0);
    retry.schedule(() => runs++);
    expect(timers.waits.at(-1)).toBe(2000);
  });

  it('holds one pending retry at a time, and cancels it', () => {
    const timers = manualTimers();
    const retry = new RetryTimer(timers.options);
    let runs = 0;
    retry.schedule(() => runs++);
    retry.schedule(() => runs++);
    expect(retry.pending).toBe(true);
    timers.fire();
    expect(runs).toBe(1);
    expect(retry.pending).toBe(false);
    retry.schedule(() => runs++);
    retry.cancel();
    timers.fire();
    expect(runs).toBe(1);
  });

  it('waits exactly what it is told with after(), without counting an attempt', () => {
    const timers = manualTimers();
    const retry = new RetryTimer(timers.options);
    retry.after(300_000, () => {});
    expect(timers.waits).toEqual([300_000]);
    expect(retry.attempt).toBe(0);
  });
});
