import { describe, expect, it } from 'vitest';
import { formatDay, quickRange, quickRangeOf } from './report-ranges.js';

describe('report quick ranges', () => {
  it('gives today, this week from Monday, this month, and the whole of last month', () => {
    // 2026-12-04 is a Friday.
    expect(quickRange('today', '2026-12-04')).toEqual({ from: '2026-12-04', to: '2026-12-04' });
    expect(quickRange('week', '2026-12-04')).toEqual({ from: '2026-11-30', to: '2026-12-04' });
    expect(quickRange('week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(quickRange('week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(quickRange('month', '2026-12-04')).toEqual({ from: '2026-12-01', to: '2026-12-04' });
    expect(quickRange('lastMonth', '2026-12-04')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(quickRange('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quickRange('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('names the quick range a range is, or none', () => {
    expect(quickRangeOf({ from: '2026-12-04', to: '2026-12-04' }, '2026-12-04')).toBe('today');
    expect(quickRangeOf({ from: '2026-11-01', to: '2026-11-30' }, '2026-12-04')).toBe('lastMonth');
    expect(quickRangeOf({ from: '2026-11-02', to: '2026-11-30' }, '2026-12-04')).toBeNull();
  });

  it('writes a day as dd/mm/yyyy, not ISO', () => {
    expect(formatDay('vi', '2026-12-04')).toBe('04/12/2026');
    expect(formatDay('en', '2026-01-31')).toBe('31/01/2026');
  });
});
