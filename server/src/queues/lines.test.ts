import { describe, expect, it } from 'vitest';
import { positionsInLines, reservedLineLoad } from './lines.js';

describe('positionsInLines', () => {
  it('counts each ticket within its own line: the common one, or its reserved counter’s', () => {
    expect(positionsInLines([null, 7, null, 7, 9, null])).toEqual([1, 1, 2, 2, 1, 3]);
  });

  it('without reservations, positions are the plain order', () => {
    expect(positionsInLines([null, null, null])).toEqual([1, 2, 3]);
    expect(positionsInLines([])).toEqual([]);
  });
});

describe('reservedLineLoad', () => {
  it('an open counter serves its line one citizen after another, at the service’s mean time', () => {
    expect(reservedLineLoad(1, { number: 5, open: true }, 300)).toEqual({
      estimatedWaitSeconds: 300,
      servingCounters: [5],
    });
    expect(reservedLineLoad(3, { number: 5, open: true }, 250.4)).toEqual({
      estimatedWaitSeconds: 751,
      servingCounters: [5],
    });
  });

  it('no estimate while the counter is paused (or unknown): nobody knows when it calls', () => {
    expect(reservedLineLoad(1, { number: 5, open: false }, 300)).toEqual({
      estimatedWaitSeconds: null,
      servingCounters: [],
    });
    expect(reservedLineLoad(1, undefined, 300)).toEqual({ estimatedWaitSeconds: null, servingCounters: [] });
  });
});
