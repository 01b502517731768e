import { describe, expect, it } from 'vitest';
import { servingCountersText } from './i18n/serving.js';
import type { WireCounter } from './protocol.js';
import { counterRanges, servingCounterNumbers } from './serving-counters.js';

const counter = (number: number, serviceIds: number[], state: WireCounter['state']) => ({
  number,
  serviceIds,
  state,
});

describe('servingCounterNumbers', () => {
  it('lists the open counters whose services include it, by number', () => {
    const counters = [
      counter(5, [1, 2], 'open'),
      counter(1, [2, 1], 'open'),
      counter(3, [2], 'open'),
      counter(2, [1], 'paused'),
      counter(4, [1], 'closed'),
    ];
    expect(servingCounterNumbers(counters, 1)).toEqual([1, 5]);
    expect(servingCounterNumbers(counters, 2)).toEqual([1, 3, 5]);
  });

  it('is empty when every counter of the service is closed or paused', () => {
    expect(servingCounterNumbers([counter(1, [1], 'closed'), counter(2, [1], 'paused')], 1)).toEqual([]);
    expect(servingCounterNumbers([], 1)).toEqual([]);
  });
});

describe('counterRanges', () => {
  it('joins numbers, and writes runs of three or more as a range', () => {
    expect(counterRanges([3])).toBe('3');
    expect(counterRanges([3, 1])).toBe('1, 3');
    expect(counterRanges([1, 2])).toBe('1, 2');
    expect(counterRanges([1, 2, 3, 5, 7, 8, 9, 10])).toBe('1–3, 5, 7–10');
    expect(counterRanges(Array.from({ length: 30 }, (_, i) => i + 1))).toBe('1–30');
    expect(counterRanges([2, 2, 3])).toBe('2, 3');
    expect(counterRanges([])).toBe('');
  });
});

describe('servingCountersText', () => {
  it('names the counters in Vietnamese first, English beside', () => {
    expect(servingCountersText('vi', [1, 3])).toBe('Quầy 1, 3');
    expect(servingCountersText('vi', [4])).toBe('Quầy 4');
    expect(servingCountersText('en', [4])).toBe('Counter 4');
    expect(servingCountersText('en', [1, 2, 3])).toBe('Counters 1–3');
  });

  it('says that no counter serves it rather than nothing', () => {
    expect(servingCountersText('vi', [])).toBe('Chưa có quầy phục vụ');
    expect(servingCountersText('en', [])).toBe('No counter serving now');
  });
});
