import { describe, expect, it } from 'vitest';
import { CANCEL_REASONS, COUNTER_STATES, OUTCOMES, PAUSE_REASONS, PRIORITIES, RATINGS } from '../protocol.js';
import { TICKET_STATUSES } from '../ticket-state.js';
import { LOCALES, type Locale } from './catalogue.js';
import { CITIZEN_MESSAGES } from './citizen.js';
import { CONFIG_MESSAGES } from './config.js';
import { DISPLAY_MESSAGES } from './displays.js';
import { KIOSK_MESSAGES } from './kiosk.js';
import { MANAGER_MESSAGES } from './manager.js';
import { MANAGER_ACTIONS_MESSAGES } from './manager-actions.js';
import { MESSAGES } from './messages.js';
import { PAIRING_MESSAGES } from './pairing.js';
import { PROVINCE_MESSAGES } from './province.js';
import { REPORTS_MESSAGES } from './reports.js';
import { SERVING_MESSAGES } from './serving.js';
import { STAFF_NAV_MESSAGES } from './staff-nav.js';
import {
  CANCEL_REASON_WORDS,
  COUNTER_STATE_WORDS,
  ISSUE_REFUSAL_WORDS,
  ISSUE_REFUSALS,
  OUTCOME_WORDS,
  PAUSE_REASON_WORDS,
  PRIORITY_WORDS,
  RATING_WORDS,
  TICKET_STATUS_WORDS,
  type Vocabulary,
  type Words,
  wordsAt,
} from './vocabulary.js';

/** Each vocabulary, the union it names, and the key prefixes under which catalogues say it. */
const TABLES: {
  name: string;
  words: Vocabulary<string | number>;
  values: readonly (string | number)[];
  prefixes: string[];
}[] = [
  { name: 'rating', words: RATING_WORDS, values: RATINGS, prefixes: ['rating.', 'feedback.'] },
  { name: 'priority', words: PRIORITY_WORDS, values: PRIORITIES, prefixes: ['priority.'] },
  {
    name: 'ticket status',
    words: TICKET_STATUS_WORDS,
    values: TICKET_STATUSES,
    prefixes: ['ticket.status.'],
  },
  {
    name: 'counter state',
    words: COUNTER_STATE_WORDS,
    values: COUNTER_STATES,
    prefixes: ['counter.state.', 'state.'],
  },
  { name: 'pause reason', words: PAUSE_REASON_WORDS, values: PAUSE_REASONS, prefixes: ['pause.'] },
  { name: 'outcome', words: OUTCOME_WORDS, values: OUTCOMES, prefixes: ['outcome.'] },
  { name: 'cancel reason', words: CANCEL_REASON_WORDS, values: CANCEL_REASONS, prefixes: ['reason.'] },
  { name: 'issuing refusal', words: ISSUE_REFUSAL_WORDS, values: ISSUE_REFUSALS, prefixes: [] },
];

const CATALOGUES: Record<string, Record<Locale, Record<string, string>>> = {
  messages: MESSAGES,
  citizen: CITIZEN_MESSAGES,
  config: CONFIG_MESSAGES,
  displays: DISPLAY_MESSAGES,
  kiosk: KIOSK_MESSAGES,
  manager: MANAGER_MESSAGES,
  'manager-actions': MANAGER_ACTIONS_MESSAGES,
  pairing: PAIRING_MESSAGES,
  province: PROVINCE_MESSAGES,
  reports: REPORTS_MESSAGES,
  serving: SERVING_MESSAGES,
  'staff-nav': STAFF_NAV_MESSAGES,
};

/** Catalogue entries that say a word with more after it ("Tạm dừng: {reason}"). */
const COMPOSED = new Set(['counter.state.paused', 'state.paused']);

/** The issuing refusals' labels on a service's button, under the keys each surface gives them. */
const REFUSAL_KEYS: Record<string, Record<string, (typeof ISSUE_REFUSALS)[number]>> = {
  citizen: {
    'service.inactive': 'service_inactive',
    'service.closed': 'outside_issuing_hours',
    'service.quota': 'daily_quota_reached',
  },
  kiosk: {
    'service.inactive': 'service_inactive',
    'service.quota': 'daily_quota_reached',
    'service.hours': 'outside_issuing_hours',
  },
};

describe('the domain vocabulary', () => {
  it.each(TABLES)('names every $name, and nothing else, in Vietnamese and English', ({ words, values }) => {
    expect(Object.keys(words).sort()).toEqual(values.map(String).sort());
    for (const value of values) {
      const w = (words as Record<string, Words>)[String(value)];
      for (const locale of LOCALES) expect(w?.[locale]?.trim(), `${value} in ${locale}`).toBeTruthy();
    }
  });

  it('says the official 4-level scale of Vietnamese centres', () => {
    expect(RATINGS.map((r) => RATING_WORDS[r].vi)).toEqual([
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ]);
    expect(RATINGS.map((r) => RATING_WORDS[r].en)).toEqual([
      'Not satisfied',
      'Neutral',
      'Satisfied',
      'Very satisfied',
    ]);
  });

  it('gives catalogue entries under a prefix', () => {
    expect(wordsAt('rating.', RATING_WORDS, 'vi')).toEqual({
      'rating.1': 'Không hài lòng',
      'rating.2': 'Bình thường',
      'rating.3': 'Hài lòng',
      'rating.4': 'Rất hài lòng',
    });
  });
});

describe('no catalogue spells a domain word of its own', () => {
  const cases = Object.entries(CATALOGUES).flatMap(([catalogue, messages]) =>
    LOCALES.map((locale) => ({ catalogue, locale, messages: messages[locale] })),
  );

  it.each(cases)(
    '$catalogue ($locale) says the vocabulary word under every domain key',
    ({ catalogue, locale, messages }) => {
      let checked = 0;
      for (const [key, text] of Object.entries(messages)) {
        for (const { words, prefixes } of TABLES) {
          const prefix = prefixes.find((p) => key.startsWith(p));
          const word = prefix && (words as Record<string, Words>)[key.slice(prefix.length)];
          if (!word) continue;
          checked++;
          if (COMPOSED.has(key)) expect(text.startsWith(`${word[locale]}: `), key).toBe(true);
          else expect(text, key).toBe(word[locale]);
        }
      }
      for (const [key, refusal] of Object.entries(REFUSAL_KEYS[catalogue] ?? {})) {
        checked++;
        expect(messages[key]?.startsWith(ISSUE_REFUSAL_WORDS[refusal][locale]), key).toBe(true);
      }
      // Only the catalogues that say domain words check any: those are known.
      const saysWords = ['messages', 'citizen', 'displays', 'kiosk', 'manager', 'manager-actions'];
      expect(checked > 0).toBe(saysWords.includes(catalogue));
    },
  );

  it('takes every value of a union where a catalogue lists it', () => {
    const has = (messages: Record<string, string>, prefix: string, values: readonly (string | number)[]) =>
      values.every((v) => `${prefix}${v}` in messages);
    expect(has(MESSAGES.vi, 'priority.', PRIORITIES)).toBe(true);
    expect(has(KIOSK_MESSAGES.vi, 'priority.', PRIORITIES)).toBe(true);
    expect(has(MESSAGES.vi, 'ticket.status.', TICKET_STATUSES)).toBe(true);
    expect(has(MESSAGES.vi, 'pause.', PAUSE_REASONS)).toBe(true);
    expect(has(MESSAGES.vi, 'outcome.', OUTCOMES)).toBe(true);
    expect(has(MESSAGES.vi, 'counter.state.', COUNTER_STATES)).toBe(true);
    expect(has(MANAGER_MESSAGES.vi, 'state.', COUNTER_STATES)).toBe(true);
    expect(has(MANAGER_ACTIONS_MESSAGES.vi, 'reason.', CANCEL_REASONS)).toBe(true);
    for (const messages of [CITIZEN_MESSAGES.vi]) expect(has(messages, 'feedback.', RATINGS)).toBe(true);
    for (const messages of [DISPLAY_MESSAGES.vi, MANAGER_MESSAGES.vi])
      expect(has(messages, 'rating.', RATINGS)).toBe(true);
  });

  it('lists the ratings in the reports hint as the vocabulary says them, best first', () => {
    for (const locale of LOCALES) {
      expect(REPORTS_MESSAGES[locale]['col.ratingsHint']).toBe(
        ([4, 3, 2, 1] as const).map((r) => RATING_WORDS[r][locale]).join(' · '),
      );
    }
  });
});
