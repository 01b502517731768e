import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds, meanServiceSeconds } from './estimate.js';

describe('estimateWaitSeconds', () => {
  it('is position × mean service time ÷ open counters', () => {
    expect(estimateWaitSeconds(1, 600, 1)).toBe(600);
    expect(estimateWaitSeconds(3, 600, 1)).toBe(1800);
    expect(estimateWaitSeconds(3, 600, 2)).toBe(900);
    expect(estimateWaitSeconds(10, 300, 4)).toBe(750);
  });

  it('rounds to whole seconds', () => {
    expect(estimateWaitSeconds(1, 100, 3)).toBe(33);
    expect(estimateWaitSeconds(2, 100, 3)).toBe(67);
    expect(estimateWaitSeconds(1, 250.4, 1)).toBe(250);
  });

  it('assumes one counter while none is open', () => {
    expect(estimateWaitSeconds(2, 600, 0)).toBe(1200);
    expect(estimateWaitSeconds(2, 600, 0)).toBe(estimateWaitSeconds(2, 600, 1));
  });

  it('is zero for a ticket that is not waiting in line', () => {
    expect(estimateWaitSeconds(0, 600, 2)).toBe(0);
    expect(estimateWaitSeconds(-1, 600, 2)).toBe(0);
  });

  it('grows with position and shrinks with counters', () => {
    expect(estimateWaitSeconds(5, 400, 2)).toBeGreaterThan(estimateWaitSeconds(4, 400, 2));
    expect(estimateWaitSeconds(5, 400, 3)).toBeLessThan(estimateWaitSeconds(5, 400, 2));
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
