import { describe, expect, it } from 'vitest';
import { axisTop, chartTimeFormats } from './chart-scales.js';

describe('the dashboard chart', () => {
  // 2026-12-03 01:30 UTC is 08:30 in Hà Nội; 13:05 UTC is 20:05.
  const morning = Date.UTC(2026, 11, 3, 1, 30) / 1000;
  const evening = Date.UTC(2026, 11, 3, 13, 5) / 1000;

  it('writes 24-hour time in the center’s zone, in Vietnamese and in English', () => {
    const vi = chartTimeFormats('vi', 'Asia/Ho_Chi_Minh');
    expect(vi.tick(morning)).toBe('08:30');
    expect(vi.tick(evening)).toBe('20:05');
    expect(vi.legend(evening)).toMatch(/20:05/);
    expect(vi.legend(evening)).toMatch(/03\/12\/2026/);
    const en = chartTimeFormats('en', 'Asia/Ho_Chi_Minh');
    expect(en.tick(evening)).toBe('20:05');
    expect(`${en.tick(evening)} ${en.legend(evening)}`).not.toMatch(/am|pm/i);
    // The browser's own zone does not matter.
    expect(chartTimeFormats('vi', 'UTC').tick(morning)).toBe('01:30');
  });

  it('scales the axis to the data, not 0–100', () => {
    expect(axisTop(null)).toBe(5);
    expect(axisTop(0)).toBe(5);
    expect(axisTop(3)).toBe(5);
    expect(axisTop(12)).toBe(14);
    expect(axisTop(200)).toBe(230);
  });
});
