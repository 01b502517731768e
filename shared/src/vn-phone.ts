/**
 * A Vietnamese mobile number in one form, `+84` and nine or ten digits, whichever way a person
 * wrote it (0912 345 678, 0912.345.678, +84 912345678, 84912345678). The SMS opt-in stores this
 * form, so a number written either way finds the same ticket. Null when it is no such number.
 */
export function normalizeVnPhone(raw: string): string | null {
  const compact = raw.replace(/[\s.()-]/g, '');
  const match = /^(?:\+84|84|0)([1-9][0-9]{8,9})$/.exec(compact);
  return match ? `+84${match[1]}` : null;
}
