/**
 * How every public screen names the counters that serve a service (the board, the kiosk and
 * its printed ticket, the phone page, taking a ticket): "Quầy 1, 3", or "Chưa có quầy phục vụ"
 * while no open counter serves it (DESIGN.md §15). Vietnamese first, English beside.
 */
import { counterRanges } from '../serving-counters.js';
import { createCatalogue, type Locale } from './catalogue.js';

const vi = {
  'serving.label': 'Quầy phục vụ',
  'serving.one': 'Quầy {list}',
  'serving.many': 'Quầy {list}',
  'serving.none': 'Chưa có quầy phục vụ',
} as const;

export type ServingKey = keyof typeof vi;

const en: Record<ServingKey, string> = {
  'serving.label': 'Served at',
  'serving.one': 'Counter {list}',
  'serving.many': 'Counters {list}',
  'serving.none': 'No counter serving now',
};

export const SERVING_MESSAGES: Record<Locale, Record<ServingKey, string>> = { vi, en };

export const servingText = createCatalogue(SERVING_MESSAGES);

/** "Quầy 1, 3" / "Counters 1, 3" / "Chưa có quầy phục vụ" (none open serves it). */
export function servingCountersText(locale: Locale, numbers: readonly number[]): string {
  if (numbers.length === 0) return servingText(locale, 'serving.none');
  const list = counterRanges(numbers);
  return servingText(locale, numbers.length === 1 ? 'serving.one' : 'serving.many', { list });
}
