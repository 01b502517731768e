import { describe, expect, it } from 'vitest';
import { boardNoticeText, centerInfoLines, hoursText } from './center-info.js';

describe('a center in words', () => {
  const hours = [
    { from: '07:30', to: '11:30' },
    { from: '13:30', to: '17:00' },
  ];

  it('writes hours and hotline, each only when the center has it', () => {
    expect(hoursText(hours)).toBe('07:30–11:30, 13:30–17:00');
    expect(hoursText(null)).toBeNull();
    expect(centerInfoLines('vi', { openingHours: hours, hotline: '0203 3 123 456' })).toEqual([
      'Giờ làm việc: 07:30–11:30, 13:30–17:00',
      'Đường dây nóng: 0203 3 123 456',
    ]);
    expect(centerInfoLines('en', { openingHours: null, hotline: '1022' })).toEqual(['Hotline: 1022']);
    expect(centerInfoLines('vi', { openingHours: null, hotline: null })).toEqual([]);
    expect(centerInfoLines('vi', null)).toEqual([]);
  });

  it("writes the board's notice line from the notice and the hotline, or none", () => {
    expect(boardNoticeText('vi', { boardNotice: 'Chiều thứ Sáu nghỉ', hotline: '1022' })).toBe(
      'Chiều thứ Sáu nghỉ · Đường dây nóng: 1022',
    );
    expect(boardNoticeText('vi', { boardNotice: null, hotline: '1022' })).toBe('Đường dây nóng: 1022');
    expect(boardNoticeText('vi', { boardNotice: null, hotline: null })).toBeNull();
  });
});
