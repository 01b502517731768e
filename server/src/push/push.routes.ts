/**
 * Citizen notifications (issue 4): the Web Push key, push subscriptions and SMS numbers per
 * ticket (the token is the right to them), and the notifier hooked to the publisher.
 *
 *   GET  /api/push/config                      { publicKey, ahead, sms }
 *   POST /api/tickets/:token/push              { endpoint, keys: { p256dh, auth }, locale? } → 201
 *   POST /api/tickets/:token/push/unsubscribe  { endpoint } → 204
 *   POST /api/tickets/:token/sms               { phone, consent: true, locale? } → 201 (SMS_WEBHOOK_URL set)
 *   POST /api/tickets/:token/sms/unsubscribe   → 204
 */
import type { Agent } from 'node:https';
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { PushConfig } from '../../../shared/src/api/tickets.js';
import { LOCALES } from '../../../shared/src/i18n/catalogue.js';
import type { Config } from '../config.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { failures, NoContent, Open } from '../http/responses.js';
import { NoBody, TokenParams } from '../http/schemas.js';
import type { SocketPublisher } from '../realtime/publish.js';
import type { NotificationChannel } from './notices.js';
import {
  deleteContact,
  deleteSubscription,
  forgetEndedTickets,
  saveContact,
  saveSubscription,
  ticketIdOf,
} from './push.repository.js';
import { SmsAllowance } from './sms-allowance.js';
import { SmsChannel } from './sms-channel.js';
import { TicketNotifier } from './ticket-notifier.js';
import { lazyVapidKeys } from './vapid-keys.js';
import { WebPushChannel } from './web-push-channel.js';

export interface NotificationOptions {
  /** Tests only: trusts a local stand-in push service's certificate. TLS is never switched off. */
  httpsAgent?: Agent;
}

const Locale = Type.Optional(Type.Enum(LOCALES));
const Endpoint = Type.String({ minLength: 12, maxLength: 2048, pattern: '^https://[^\\s]+$' });
const SubscribeBody = Type.Object(
  {
    endpoint: Endpoint,
    keys: Type.Object(
      {
        // An uncompressed P-256 point (65 bytes) and a 16-byte secret, in base64url.
        p256dh: Type.String({ pattern: '^[A-Za-z0-9_-]{87}=?$' }),
        auth: Type.String({ pattern: '^[A-Za-z0-9_-]{22}(==)?$' }),
      },
      { additionalProperties: false },
    ),
    expirationTime: Type.Optional(Type.Union([Type.Null(), Type.Number()])),
    locale: Locale,
  },
  { additionalProperties: false },
);
const UnsubscribeBody = Type.Object({ endpoint: Endpoint }, { additionalProperties: false });
/** SMS opt-ins an hour from one address: each costs the center money and texts a stranger's phone. */
const smsOptInRateLimit = (max: number) => ({
  max,
  timeWindow: 3_600_000,
  errorResponseBuilder: (_request: unknown, context: { after: string; max: number }) =>
    new DomainError(
      'rate_limited',
      `more than ${context.max} numbers for text messages an hour from this address; try again in ${context.after}`,
      { retryAfter: context.after },
    ),
});

/** A Vietnamese phone number, spaces and dots already removed by the page. */
const SmsBody = Type.Object(
  {
    phone: Type.String({ pattern: '^(\\+84|0)[1-9][0-9]{8,9}$' }),
    consent: Type.Literal(true),
    locale: Locale,
  },
  { additionalProperties: false },
);

/**
 * Why an endpoint is refused, or null when it is a known push service: the server must not be
 * made to post anywhere. Entries of the allow-list are exact host names on port 443
 * (`*.example.com` for its subdomains); an entry `host:port` names one other port, for a
 * local stand-in. A wildcard never matches an IP literal; userinfo is never allowed (whoever
 * reads the endpoint in a log could mistake `https://fcm.googleapis.com@evil.example` for
 * Google's). Never throws: a string that is no URL is an answer, not a 500.
 */
export function pushEndpointFault(endpoint: string, allowed: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.toLowerCase();
  // Port 443 is the URL's default: `new URL` leaves port empty for it.
  const hostAndPort = url.port ? `${host}:${url.port}` : host;
  const literal = isIP(host.replace(/^\[|\]$/g, '')) !== 0;
  const known = allowed.some((a) =>
    a.startsWith('*.') ? !literal && !url.port && host.endsWith(a.slice(1)) : hostAndPort === a,
  );
  if (known) return null;
  if (literal) return 'must name a push service by its host name, not an IP address';
  if (url.port) return 'must use port 443';
  return 'is not a known push service';
}

export async function registerNotifications(
  app: App,
  db: Kysely<Database>,
  publisher: SocketPublisher,
  config: Readonly<Config>,
  options: NotificationOptions = {},
): Promise<TicketNotifier> {
  const keys = lazyVapidKeys(db, config);
  const channels: NotificationChannel[] = [
    new WebPushChannel({
      db,
      keys,
      subject: config.vapidSubject,
      log: app.log,
      ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
    }),
  ];
  const { smsWebhookUrl } = config;
  if (smsWebhookUrl) {
    channels.push(
      new SmsChannel({
        db,
        webhookUrl: smsWebhookUrl,
        webhookToken: config.smsWebhookToken,
        publicUrl: config.publicUrl,
        allowance: new SmsAllowance(config.sessionSecret, config.smsPerNumberDay),
        log: app.log,
      }),
    );
  }
  const notifier = new TicketNotifier({ db, channels, ahead: config.pushAhead, log: app.log });
  publisher.observe(notifier);
  // What an instance that stopped mid-way left behind; not a reason to refuse to start.
  await forgetEndedTickets(db).catch((err: unknown) =>
    app.log.warn({ err }, 'could not clear ended subscriptions'),
  );

  const tags = ['tickets'];
  const Subscribed = Open('subscribed', { subscribed: Type.Boolean() });
  app.get(
    '/api/push/config',
    {
      schema: {
        tags,
        summary: 'The Web Push public key, how many tickets ahead a notice goes, and whether SMS is offered',
        response: {
          200: Open('push configuration', {
            publicKey: Type.String(),
            ahead: Type.Integer(),
            sms: Type.Boolean(),
          }),
          ...failures(503),
        },
      },
    },
    async (): Promise<PushConfig> => ({
      publicKey: (await keys()).publicKey,
      ahead: config.pushAhead,
      sms: smsWebhookUrl !== null,
    }),
  );

  app.post(
    '/api/tickets/:token/push',
    {
      schema: {
        tags,
        params: TokenParams,
        body: SubscribeBody,
        summary: 'Subscribe a browser to Web Push notices for this ticket',
        response: { 201: Subscribed, ...failures(400, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const { endpoint, keys: subscriptionKeys, locale = 'vi' } = request.body;
      const fault = pushEndpointFault(endpoint, config.pushAllowedHosts);
      if (fault) {
        throw new DomainError('validation_failed', `body.endpoint ${fault}`, {
          in: 'body',
          field: 'endpoint',
          reason: fault,
        });
      }
      const { token } = request.params;
      const ticketId = await saveSubscription(db, token, { endpoint, keys: subscriptionKeys }, locale);
      await notifyIfNear(db, notifier, ticketId, token);
      return reply.status(201).send({ subscribed: true });
    },
  );

  app.post(
    '/api/tickets/:token/push/unsubscribe',
    {
      schema: {
        tags,
        params: TokenParams,
        body: UnsubscribeBody,
        summary: 'Stop Web Push notices to this browser for this ticket',
        response: { 204: NoContent, ...failures(400, 404, 503) },
      },
    },
    async (request, reply) => {
      await deleteSubscription(db, await ticketIdOf(db, request.params.token), request.body.endpoint);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/tickets/:token/sms',
    {
      schema: {
        tags,
        params: TokenParams,
        body: SmsBody,
        summary: 'Send text messages about this ticket to a phone number (with consent)',
        description: '404 when SMS is not offered here (no SMS_WEBHOOK_URL).',
        response: { 201: Subscribed, ...failures(400, 404, 409, 429, 503) },
      },
      config: { rateLimit: smsOptInRateLimit(config.smsOptInsPerAddressHour) },
    },
    async (request, reply) => {
      if (!smsWebhookUrl) throw new DomainError('not_found', 'text messages are not offered here');
      const { token } = request.params;
      const phone = request.body.phone.replace(/^0/, '+84');
      const ticketId = await saveContact(db, token, phone, request.body.locale ?? 'vi');
      await notifyIfNear(db, notifier, ticketId, token);
      // The number is never sent back, not even to whoever gave it.
      return reply.status(201).send({ subscribed: true });
    },
  );

  app.post(
    '/api/tickets/:token/sms/unsubscribe',
    {
      schema: {
        tags,
        params: TokenParams,
        body: NoBody,
        summary: 'Stop text messages about this ticket',
        response: { 204: NoContent, ...failures(400, 404, 503) },
      },
    },
    async (request, reply) => {
      await deleteContact(db, await ticketIdOf(db, request.params.token));
      return reply.status(204).send();
    },
  );

  return notifier;
}

async function notifyIfNear(db: Kysely<Database>, notifier: TicketNotifier, ticketId: number, token: string) {
  const row = await db
    .selectFrom('tickets')
    .select('service_id')
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (row) notifier.subscribed(ticketId, row.service_id, token);
}
