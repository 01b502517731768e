/**
 * The report page's quick ranges and how it writes a day (issue 11 item 7). Days are the
 * center's local days as `YYYY-MM-DD`, the form the API takes; date-fns does the calendar math
 * on them as plain dates, so the device's own time zone never shifts a day.
 */
import { endOfMonth, format, parseISO, startOfMonth, startOfWeek, subMonths } from 'date-fns';
import type { Locale } from './i18n/catalogue.js';

export const QUICK_RANGES = ['today', 'week', 'month', 'lastMonth'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export interface DayRange {
  from: string;
  to: string;
}

const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** The range a quick choice stands for, as of the center's `today`; weeks start on Monday. */
export function quickRange(range: QuickRange, today: string): DayRange {
  const t = parseISO(today);
  switch (range) {
    case 'today':
      return { from: today, to: today };
    case 'week':
      return { from: day(startOfWeek(t, { weekStartsOn: 1 })), to: today };
    case 'month':
      return { from: day(startOfMonth(t)), to: today };
    case 'lastMonth': {
      const last = subMonths(t, 1);
      return { from: day(startOfMonth(last)), to: day(endOfMonth(last)) };
    }
  }
}

/** The quick choice a range is, if any, so the page can mark it. */
export function quickRangeOf(range: DayRange, today: string): QuickRange | null {
  return (
    QUICK_RANGES.find((q) => {
      const r = quickRange(q, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/** A day as people write it: 04/12/2026 in Vietnamese (and in British English), never ISO. */
export function formatDay(locale: Locale, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(Date.UTC(y, m - 1, d));
}
