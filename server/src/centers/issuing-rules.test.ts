import { describe, expect, it } from 'vitest';
import { describeWindows, formatTicketNumber, isWithinIssuingHours } from './issuing-rules.js';

describe('formatTicketNumber', () => {
  it('pads to three digits', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('A', 7)).toBe('A007');
    expect(formatTicketNumber('A', 42)).toBe('A042');
    expect(formatTicketNumber('A', 999)).toBe('A999');
  });

  it('grows past 999 instead of wrapping', () => {
    expect(formatTicketNumber('A', 1000)).toBe('A1000');
    expect(formatTicketNumber('A', 12345)).toBe('A12345');
  });

  it('keeps a code of several letters', () => {
    expect(formatTicketNumber('HT', 3)).toBe('HT003');
  });
});

describe('isWithinIssuingHours', () => {
  const workday = [
    { from: '07:30', to: '11:30' },
    { from: '13:30', to: '16:30' },
  ];

  it('issues around the clock when there are no windows', () => {
    for (const time of ['00:00', '03:17', '12:00', '23:59']) {
      expect(isWithinIssuingHours(null, time)).toBe(true);
      expect(isWithinIssuingHours([], time)).toBe(true);
    }
  });

  it('issues inside a window, not over the lunch break nor outside the day', () => {
    expect(isWithinIssuingHours(workday, '08:15')).toBe(true);
    expect(isWithinIssuingHours(workday, '14:00')).toBe(true);
    expect(isWithinIssuingHours(workday, '12:00')).toBe(false);
    expect(isWithinIssuingHours(workday, '06:59')).toBe(false);
    expect(isWithinIssuingHours(workday, '17:00')).toBe(false);
    expect(isWithinIssuingHours(workday, '00:00')).toBe(false);
  });

  it('opens at `from` (inclusive) and closes at `to` (exclusive)', () => {
    expect(isWithinIssuingHours(workday, '07:29')).toBe(false);
    expect(isWithinIssuingHours(workday, '07:30')).toBe(true);
    expect(isWithinIssuingHours(workday, '11:29')).toBe(true);
    expect(isWithinIssuingHours(workday, '11:30')).toBe(false);
    expect(isWithinIssuingHours(workday, '13:29')).toBe(false);
    expect(isWithinIssuingHours(workday, '13:30')).toBe(true);
    expect(isWithinIssuingHours(workday, '16:29')).toBe(true);
    expect(isWithinIssuingHours(workday, '16:30')).toBe(false);
  });

  it('a window to 24:00 includes the last minute of the day; an empty window is never open', () => {
    expect(isWithinIssuingHours([{ from: '00:00', to: '24:00' }], '23:59')).toBe(true);
    expect(isWithinIssuingHours([{ from: '00:00', to: '24:00' }], '00:00')).toBe(true);
    expect(isWithinIssuingHours([{ from: '00:00', to: '00:00' }], '00:00')).toBe(false);
    expect(isWithinIssuingHours([{ from: '00:00', to: '00:00' }], '12:00')).toBe(false);
  });
});

describe('describeWindows', () => {
  it('says when a service issues', () => {
    expect(describeWindows(null)).toBe('00:00–24:00');
    expect(describeWindows([])).toBe('00:00–24:00');
    expect(
      describeWindows([
        { from: '07:30', to: '11:30' },
        { from: '13:30', to: '16:30' },
      ]),
    ).toBe('07:30–11:30, 13:30–16:30');
  });
});
