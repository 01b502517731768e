/** Whether a service issues tickets at a local time of day ("HH:MM"), and why not. */
import type { IssuingWindow } from '../db/tables.js';

/** Null windows: the service issues around the clock. */
export function isWithinIssuingHours(windows: IssuingWindow[] | null, localTime: string): boolean {
  if (!windows || windows.length === 0) return true;
  return windows.some((w) => w.from <= localTime && localTime < w.to);
}

export function describeWindows(windows: IssuingWindow[] | null): string {
  if (!windows || windows.length === 0) return '00:00–24:00';
  return windows.map((w) => `${w.from}–${w.to}`).join(', ');
}

/** "A" + 7 → "A007": three digits at least, more when a day passes 999. */
export function formatTicketNumber(code: string, n: number): string {
  return `${code}${String(n).padStart(3, '0')}`;
}

/** How many of the day's tickets the web channel may take; null without a quota. */
export function webQuotaOf(dailyQuota: number | null, webQuotaPercent: number): number | null {
  return dailyQuota === null ? null : Math.floor((dailyQuota * webQuotaPercent) / 100);
}
