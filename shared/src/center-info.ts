/**
 * What a center tells everyone about itself, in words: its hours and its hotline (issue 11).
 * The printed ticket, the phone page and the board's notice line write them the same way.
 */
import type { Locale } from './i18n/catalogue.js';
import type { PublicCenter } from './protocol.js';

const TEXT = {
  vi: { hours: 'Giờ làm việc: {hours}', hotline: 'Đường dây nóng: {hotline}' },
  en: { hours: 'Opening hours: {hours}', hotline: 'Hotline: {hotline}' },
} as const;

type CenterInfo = Pick<PublicCenter, 'hotline' | 'openingHours'>;

/** "07:30–11:30, 13:30–17:00", or null when the center takes tickets all day. */
export function hoursText(hours: CenterInfo['openingHours']): string | null {
  if (!hours || hours.length === 0) return null;
  return hours.map((w) => `${w.from}–${w.to}`).join(', ');
}

/** The lines to show: hours, then hotline, each only when the center has it. */
export function centerInfoLines(locale: Locale, center: CenterInfo | null): string[] {
  if (!center) return [];
  const t = TEXT[locale];
  const hours = hoursText(center.openingHours);
  const lines: string[] = [];
  if (hours) lines.push(t.hours.replace('{hours}', hours));
  if (center.hotline) lines.push(t.hotline.replace('{hotline}', center.hotline));
  return lines;
}

/** The board's notice line: the center's notice, then its hotline; null when it has neither. */
export function boardNoticeText(
  locale: Locale,
  center: Pick<PublicCenter, 'hotline' | 'boardNotice'> | null,
): string | null {
  if (!center) return null;
  const parts = [
    center.boardNotice,
    center.hotline ? TEXT[locale].hotline.replace('{hotline}', center.hotline) : null,
  ];
  const text = parts.filter((p): p is string => Boolean(p)).join(' · ');
  return text || null;
}
