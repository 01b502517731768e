/** Rules a schema cannot say: time windows in order without overlap, a real time zone. */
import type { IssuingWindow } from '../db/tables.js';
import { DomainError } from '../errors.js';

/** A 400 that names the field, in the same shape as a schema refusal, so forms show it beside the field. */
export function invalidField(field: string, reason: string): DomainError {
  return new DomainError('validation_failed', `body.${field} ${reason}`, { in: 'body', field, reason });
}

/** Each window from < to; windows sorted by start may not overlap. */
export function checkWindows(field: string, windows: IssuingWindow[] | null | undefined): void {
  if (!windows) return;
  windows.forEach((w, i) => {
    if (w.from >= w.to) throw invalidField(`${field}.${i}.to`, `must be later than ${w.from}`);
  });
  const sorted = windows.map((w, i) => ({ ...w, i })).sort((a, b) => a.from.localeCompare(b.from));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.from < prev.to) {
      throw invalidField(`${field}.${cur.i}.from`, `overlaps ${prev.from}–${prev.to}`);
    }
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkTimeZone(zone: string | undefined): void {
  if (zone !== undefined && !isTimeZone(zone))
    throw invalidField('timezone', 'is not a known IANA time zone');
}

/** Postgres unique violations become 409s that name the field taken. */
export function alreadyExists(field: string, value: unknown): DomainError {
  return new DomainError('already_exists', `${field} ${String(value)} is already taken`, { field, value });
}
