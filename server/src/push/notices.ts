/**
 * What a citizen is told, and in which words: "nearly your turn" once, and "your turn, go to
 * Quầy 3" when called. Push and SMS say the same thing in their own form.
 */

import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import { citizenText } from '../../../shared/src/i18n/citizen.js';
import type { PushMessage } from '../../../shared/src/push-message.js';

export type TicketNotice =
  | { kind: 'near'; ticketId: number; number: string; token: string; ahead: number }
  | { kind: 'called'; ticketId: number; number: string; token: string; counterNumber: number };

/** One way of reaching a citizen (Web Push, SMS …): the notifier hands every notice to each. */
export interface NotificationChannel {
  readonly name: string;
  /** Sends to every address this channel holds for the ticket. Never rejects: failures are logged. */
  deliver(notice: TicketNotice): Promise<void>;
}

export const ticketPath = (token: string): string => `/ticket/?t=${encodeURIComponent(token)}`;

export function pushMessage(locale: Locale, notice: TicketNotice): PushMessage {
  const { number } = notice;
  const common = {
    url: ticketPath(notice.token),
    tag: `luot-${notice.ticketId}-${notice.kind}`,
    lang: locale,
  };
  if (notice.kind === 'called') {
    return {
      ...common,
      title: citizenText(locale, 'notice.called.title', { number }),
      body: citizenText(locale, 'notice.called.body', { counter: notice.counterNumber }),
    };
  }
  return {
    ...common,
    title: citizenText(locale, 'notice.near.title', { number }),
    body:
      notice.ahead === 0
        ? citizenText(locale, 'notice.next.body')
        : citizenText(locale, 'notice.near.body', { ahead: notice.ahead }),
  };
}

/** A short text message; with the page's address when the deployment has a public one. */
export function smsText(locale: Locale, notice: TicketNotice, publicUrl: string | null): string {
  const text =
    notice.kind === 'called'
      ? citizenText(locale, 'notice.sms.called', { number: notice.number, counter: notice.counterNumber })
      : citizenText(locale, 'notice.sms.near', { number: notice.number, ahead: notice.ahead });
  return publicUrl ? `${text} ${new URL(ticketPath(notice.token), publicUrl).href}` : text;
}
