/**
 * The kiosk's decisions, free of the DOM so they are unit-tested: which services can be
 * taken now and why not, what the ticket says, which message an error gets, and the page's
 * options from its URL.
 */
import type { WireService } from '../../../shared/src/api/services.js';
import { hoursText } from '../../../shared/src/center-info.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { type KioskMessageKey, kioskText } from '../../../shared/src/i18n/kiosk.js';
import type { Priority, WireTicket } from '../../../shared/src/protocol.js';

/**
 * A service as GET /api/centers/:id/services lists it (the fields the kiosk reads);
 * `servingCounters` may be absent from an older server.
 */
export type KioskService = Pick<
  WireService,
  'id' | 'code' | 'name' | 'nameEn' | 'active' | 'issuingHours' | 'dailyQuota' | 'issuedToday' | 'issuingNow'
> &
  Partial<Pick<WireService, 'servingCounters'>>;

/** The 201 of issuance: the ticket, and the token only its taker gets. */

export interface KioskOptions {
  centerId: number | null;
  /** `print=0` turns printing off (screens without a printer, tests). */
  printing: boolean;
  /** Seconds a ticket or an error stays on screen before the start screen returns. */
  resetSeconds: number;
}

export const DEFAULT_RESET_SECONDS = 20;

export function kioskOptions(search: string): KioskOptions {
  const params = new URLSearchParams(search);
  const center = Number(params.get('center'));
  const reset = Number(params.get('reset'));
  return {
    centerId: Number.isInteger(center) && center > 0 ? center : null,
    printing: params.get('print') !== '0',
    resetSeconds: Number.isFinite(reset) && reset >= 1 && reset <= 600 ? reset : DEFAULT_RESET_SECONDS,
  };
}

/** Why a service cannot be taken now, in words; null when it can. */
export function unavailableReason(service: KioskService, locale: Locale): string | null {
  if (service.issuingNow) return null;
  if (!service.active) return kioskText(locale, 'service.inactive');
  if (service.dailyQuota !== null && service.issuedToday >= service.dailyQuota) {
    return kioskText(locale, 'service.quota');
  }
  const hours = hoursText(service.issuingHours) ?? '';
  return kioskText(locale, 'service.hours', { hours });
}

export const serviceName = (service: Pick<KioskService, 'name' | 'nameEn'>, locale: Locale): string =>
  locale === 'en' && service.nameEn ? service.nameEn : service.name;

/** Position 1 is next in line: nobody ahead. */
export function peopleAhead(ticket: Pick<WireTicket, 'position'>): number | null {
  return ticket.position === undefined ? null : Math.max(0, ticket.position - 1);
}

/**
 * Rounded up to whole minutes: a kiosk promises no seconds. With no open counter serving the
 * service (`servingCounters` empty) it promises no time at all, and says why (issue 11 item 3).
 */
export function waitText(
  seconds: number | null | undefined,
  locale: Locale,
  servingCounters?: readonly number[],
): string {
  if (servingCounters?.length === 0) return kioskText(locale, 'ticket.waitNoCounter');
  if (seconds === null || seconds === undefined) return kioskText(locale, 'ticket.waitUnknown');
  if (seconds < 60) return kioskText(locale, 'ticket.waitSoon');
  return kioskText(locale, 'ticket.waitMinutes', { minutes: Math.ceil(seconds / 60) });
}

export function issuedAtText(issuedAt: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(issuedAt));
}

export const PRIORITY_KEYS: Record<Priority, KioskMessageKey> = {
  elderly: 'priority.elderly',
  disabled: 'priority.disabled',
  pregnant: 'priority.pregnant',
  child: 'priority.child',
  veteran: 'priority.veteran',
};

const ERROR_KEYS = new Map<string, KioskMessageKey>([
  ['outside_issuing_hours', 'error.outside_issuing_hours'],
  ['daily_quota_reached', 'error.daily_quota_reached'],
  ['service_inactive', 'error.service_inactive'],
  ['rate_limited', 'error.rate_limited'],
  ['offline', 'error.offline'],
  ['database_unavailable', 'error.offline'],
  ['not_ready', 'error.offline'],
  ['not_found', 'error.not_found'],
]);

/** The message a citizen reads for a refused issuance, by the contract's error code. */
export function errorKey(code: string): KioskMessageKey {
  return ERROR_KEYS.get(code) ?? 'error.generic';
}

/** The citizen page of a ticket: what its QR code opens. */
export function ticketPageUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/ticket/?t=${encodeURIComponent(token)}`;
}
