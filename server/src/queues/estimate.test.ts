import { describe, expect, it } from 'vitest';
import {
  type CallHistory,
  estimateWaitSeconds,
  meanServiceSeconds,
  PRIOR_CALLS,
  priorSecondsPerCall,
  type RecentCall,
  secondsPerCall,
} from './estimate.js';

const s = 1000;
/** Calls at these seconds, each of a ticket queued at `queued` (default: long before). */
const calls = (at: number[], queued: (t: number) => number | null = () => 0): RecentCall[] =>
  at.map((t) => ({ calledAtMs: t * s, queuedAtMs: queued(t) === null ? null : queued(t)! * s }));
const history = (h: Partial<CallHistory>): CallHistory => ({
  calls: [],
  nowMs: 0,
  waitingSinceMs: null,
  priorSeconds: 300,
  ...h,
});

describe('estimateWaitSeconds', () => {
  it('is position × seconds per call, rounded', () => {
    expect(estimateWaitSeconds(1, 120, 1)).toBe(120);
    expect(estimateWaitSeconds(3, 120, 2)).toBe(360);
    expect(estimateWaitSeconds(3, 33.4, 1)).toBe(100);
  });

  it('is zero for a ticket that is not waiting in line', () => {
    expect(estimateWaitSeconds(0, 120, 1)).toBe(0);
    expect(estimateWaitSeconds(-1, 120, 1)).toBe(0);
  });

  it('is none at all while no open counter serves the service (issue 11 item 3)', () => {
    expect(estimateWaitSeconds(1, 120, 0)).toBeNull();
    expect(estimateWaitSeconds(7, 600, 0)).toBeNull();
  });
});

describe('priorSecondsPerCall', () => {
  it('is mean service time ÷ open counters, one assumed while none is open', () => {
    expect(priorSecondsPerCall(600, 2)).toBe(300);
    expect(priorSecondsPerCall(600, 0)).toBe(600);
    expect(priorSecondsPerCall(600, 1)).toBe(600);
  });
});

describe('secondsPerCall', () => {
  it('is the configured guess with no calls and nobody waiting long', () => {
    expect(secondsPerCall(history({ priorSeconds: 300 }))).toBe(300);
    expect(secondsPerCall(history({ calls: calls([100]), nowMs: 100 * s, priorSeconds: 300 }))).toBe(300);
  });

  it('is the mean gap between calls while the line never emptied', () => {
    const h = history({ calls: calls([0, 60, 120, 180, 240, 300, 360]), nowMs: 370 * s, waitingSinceMs: 0 });
    expect(secondsPerCall(h)).toBe(60);
  });

  it('fills the gaps it has not seen yet with the guess', () => {
    // Two gaps of 60 s and three guessed of 300 s.
    const h = history({ calls: calls([0, 60, 120]), nowMs: 120 * s, priorSeconds: 300 });
    expect(secondsPerCall(h)).toBe((2 * 60 + (PRIOR_CALLS - 2) * 300) / PRIOR_CALLS);
  });

  it('does not count time when nobody of the service waited', () => {
    // Each ticket arrives 10 s before its call, after a quiet spell: 10 s a call, not 600.
    const h = history({ calls: calls([0, 600, 1200, 1800, 2400, 3000], (t) => t - 10), nowMs: 3000 * s });
    expect(secondsPerCall(h)).toBe(10);
  });

  it('counts a gap from the earliest ticket waiting through it, even one called later', () => {
    // The ticket called at 600 came at 590, but the one called at 700 had waited since 100.
    const h = history({
      calls: calls([0, 600, 700], (t) => (t === 600 ? 590 : 100)),
      nowMs: 700 * s,
      priorSeconds: 0,
    });
    expect(secondsPerCall(h)).toBe((500 + 100) / PRIOR_CALLS);
  });

  it('counts the people waiting now, called or not yet', () => {
    const h = history({
      calls: calls([0, 600], () => 590),
      nowMs: 600 * s,
      waitingSinceMs: 100 * s,
      priorSeconds: 0,
    });
    expect(secondsPerCall(h)).toBe(500 / PRIOR_CALLS);
  });

  it('ignores queue times it cannot trust (a transfer keeps its first issue time)', () => {
    const h = history({ calls: calls([0, 600], () => null), nowMs: 600 * s, priorSeconds: 0 });
    expect(secondsPerCall(h)).toBe(0);
  });

  it('counts a stall since the last call once it is longer than usual', () => {
    const steady = calls([0, 60, 120, 180, 240, 300]);
    const at = (now: number) => secondsPerCall(history({ calls: steady, nowMs: now * s, waitingSinceMs: 0 }));
    expect(at(330)).toBe(60); // 30 s since the last call: nothing unusual
    expect(at(900)).toBe((5 * 60 + 600) / 6); // 10 minutes without a call
    expect(at(900)).toBeLessThan(at(1800));
  });

  it('does not count a wait since the last call when nobody waits', () => {
    const h = history({ calls: calls([0, 60, 120, 180, 240, 300]), nowMs: 5000 * s, waitingSinceMs: null });
    expect(secondsPerCall(h)).toBe(60);
  });

  it('counts a stall from the head of the line, not from the last call', () => {
    const h = history({
      calls: calls([0, 60, 120, 180, 240, 300]),
      nowMs: 1000 * s,
      waitingSinceMs: 990 * s,
    });
    expect(secondsPerCall(h)).toBe(60);
  });

  it('grows with the guess when no call comes at all and people wait', () => {
    const h = history({ nowMs: 3000 * s, waitingSinceMs: 0, priorSeconds: 300 });
    expect(secondsPerCall(h)).toBe((PRIOR_CALLS * 300 + 3000) / (PRIOR_CALLS + 1));
  });
});

describe('meanServiceSeconds', () => {
  it('averages recent service times', () => {
    expect(meanServiceSeconds([300, 600, 900], 1000)).toBe(600);
    expect(meanServiceSeconds([120], 1000)).toBe(120);
  });

  it('falls back to the configured default with no history', () => {
    expect(meanServiceSeconds([], 600)).toBe(600);
  });

  it('ignores zero, negative and non-finite samples', () => {
    expect(meanServiceSeconds([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 400], 600)).toBe(400);
    expect(meanServiceSeconds([0, Number.NaN], 600)).toBe(600);
  });
});
