/**
 * SMS (or Zalo) through the province's provider: one configurable HTTP call, POST JSON
 * `{ to, text }` to SMS_WEBHOOK_URL, with `Authorization: Bearer SMS_WEBHOOK_TOKEN` when set.
 * The phone number goes to the provider and nowhere else: never into logs or events.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Logger } from '../realtime/publish.js';
import { type NotificationChannel, smsText, type TicketNotice } from './notices.js';
import { contactOf } from './push.repository.js';
import type { SmsAllowance } from './sms-allowance.js';

export interface SmsChannelOptions {
  db: Kysely<Database>;
  webhookUrl: string;
  webhookToken: string | null;
  /** For the link in the text; none when the deployment has no public address. */
  publicUrl: string | null;
  /** Messages a number may receive a day, whatever tickets asked for them. */
  allowance: SmsAllowance;
  log: Logger;
}

export class SmsChannel implements NotificationChannel {
  readonly name = 'sms';
  #options: SmsChannelOptions;

  constructor(options: SmsChannelOptions) {
    this.#options = options;
  }

  async deliver(notice: TicketNotice): Promise<void> {
    const { db, webhookUrl, webhookToken, publicUrl, allowance, log } = this.#options;
    const contact = await contactOf(db, notice.ticketId);
    if (!contact) return;
    if (!(await allowance.claim(db, contact.phone, contact.day))) {
      // The number never reaches the log; the ticket and the kind are enough to see it happen.
      log.warn(
        { ticketId: notice.ticketId, kind: notice.kind, limit: allowance.perNumberPerDay },
        'sms not sent: the number has had its messages for today',
      );
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhookToken) headers.authorization = `Bearer ${webhookToken}`;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: contact.phone, text: smsText(contact.locale, notice, publicUrl) }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) log.warn({ status: response.status, kind: notice.kind }, 'sms provider refused');
    } catch (error) {
      log.warn(
        { reason: error instanceof Error ? error.name : 'unknown', kind: notice.kind },
        'sms provider unreachable',
      );
    }
  }
}
