/** How the dashboard's chart writes time and scales its axes (issue 11 item 6). */
import type { Locale } from '../../../shared/src/i18n/catalogue.js';

/** Vietnamese (or English) 24-hour clock in the center's zone: never "12am … 8pm" or "12/2/26". */
export function chartTimeFormats(locale: Locale, timeZone: string) {
  const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
  const hour = new Intl.DateTimeFormat(tag, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const full = new Intl.DateTimeFormat(tag, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  return { tick: (s: number) => hour.format(s * 1000), legend: (s: number) => full.format(s * 1000) };
}

/** An axis from 0 to a little above the data, so a day of 3 waiting is not drawn on 0–100. */
export function axisTop(max: number | null): number {
  if (max === null || !Number.isFinite(max) || max <= 0) return 5;
  return Math.max(5, Math.ceil(max * 1.15));
}
