/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291), by the
 * web-push package. A subscription the push service says is gone (404, 410) is deleted.
 */
import type { Agent } from 'node:https';
import type { Kysely } from 'kysely';
import webpush, { WebPushError } from 'web-push';
import type { Database } from '../db/tables.js';
import type { Logger } from '../realtime/publish.js';
import { type NotificationChannel, pushMessage, type TicketNotice } from './notices.js';
import { deleteSubscriptionById, type StoredSubscription, subscriptionsOf } from './push.repository.js';
import type { VapidKeys } from './vapid-keys.js';

export interface WebPushChannelOptions {
  db: Kysely<Database>;
  keys: () => Promise<VapidKeys>;
  /** VAPID_SUBJECT: how the push service may reach the operator. */
  subject: string;
  log: Logger;
  /** Tests only: an agent that trusts the local stand-in push service's certificate. */
  httpsAgent?: Agent;
}

/** How long a push service keeps an undelivered notice: "called" is stale sooner than "near". */
const TTL_SECONDS = { near: 30 * 60, called: 10 * 60 };

export class WebPushChannel implements NotificationChannel {
  readonly name = 'web-push';
  #options: WebPushChannelOptions;

  constructor(options: WebPushChannelOptions) {
    this.#options = options;
  }

  async deliver(notice: TicketNotice): Promise<void> {
    const subscriptions = await subscriptionsOf(this.#options.db, notice.ticketId);
    await Promise.all(subscriptions.map((s) => this.#send(s, notice)));
  }

  async #send(subscription: StoredSubscription, notice: TicketNotice): Promise<void> {
    const { subject, httpsAgent, db, log } = this.#options;
    const keys = await this.#options.keys();
    const payload = JSON.stringify(pushMessage(subscription.locale, notice));
    try {
      await webpush.sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: TTL_SECONDS[notice.kind],
        urgency: 'high',
        contentEncoding: 'aes128gcm',
        timeout: 10_000,
        ...(httpsAgent ? { agent: httpsAgent } : {}),
      });
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        await deleteSubscriptionById(db, subscription.id);
        return;
      }
      // The endpoint is a capability URL: log its host only.
      log.warn(
        {
          statusCode: error instanceof WebPushError ? error.statusCode : undefined,
          reason: error instanceof Error ? error.message : String(error),
          host: new URL(subscription.endpoint).host,
        },
        'web push not delivered',
      );
    }
  }
}
