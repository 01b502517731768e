/**
 * Why a remote ticket was refused, in the citizen's words: the device limits and the per-address
 * rate (429), issuing hours, the daily quota and a paused service (409), no connection.
 */

import type { IssuingWindow } from '../../../shared/src/api/services.js';
import type { ApiError } from '../../../shared/src/http/api-client.js';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { citizenText } from '../../../shared/src/i18n/citizen.js';

export function describeHours(locale: Locale, windows: unknown): string {
  if (!Array.isArray(windows)) return '';
  return (windows as IssuingWindow[])
    .filter((w) => typeof w?.from === 'string' && typeof w?.to === 'string')
    .map((w) => citizenText(locale, 'hours.range', { from: w.from, to: w.to }))
    .join(citizenText(locale, 'hours.joiner'));
}

export function issueErrorText(locale: Locale, error: ApiError): string {
  const details = error.details ?? {};
  switch (error.code) {
    case 'rate_limited':
      if (details.perServicePerDay === true && typeof details.limit === 'number') {
        return citizenText(locale, 'error.serviceDayLimit', { limit: details.limit });
      }
      return typeof details.limit === 'number'
        ? citizenText(locale, 'error.deviceLimit', { limit: details.limit })
        : citizenText(locale, 'error.tooFast');
    case 'outside_issuing_hours':
      return citizenText(locale, 'error.hours', { hours: describeHours(locale, details.issuingHours) });
    case 'daily_quota_reached':
      return citizenText(locale, details.channel === 'web' ? 'error.webQuota' : 'error.quota');
    case 'service_inactive':
      return citizenText(locale, 'error.inactive');
    case 'offline':
      return citizenText(locale, 'error.offline');
    default:
      return citizenText(locale, 'error.generic', { message: error.message });
  }
}
