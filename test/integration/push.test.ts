/**
 * Citizen notifications end to end, without the internet: a local HTTPS stand-in for the push
 * service receives VAPID-signed, aes128gcm-encrypted requests when a ticket is 3 away and when
 * it is called, which the test decrypts with the subscription's own keys; a fake SMS provider
 * receives the same news for a number given with consent. Subscriptions and numbers go when
 * tickets end, and the number is never shown back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { claimNotice } from '../../server/src/push/push.repository.js';
import { loadVapidKeys } from '../../server/src/push/vapid-keys.js';
import type { PushMessage } from '../../shared/src/push-message.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import {
  BrowserSubscription,
  type FakeSms,
  type Received,
  type StandInPushService,
  startFakeSms,
  startPushService,
  verifyVapid,
} from '../helpers/push-service.js';
import { Client, type TestApp } from '../helpers/test-app.js';

/** As startTestApp, with the notifier trusting the stand-in push service and an SMS provider. */
async function startApp(
  database: TestDatabase,
  push: StandInPushService,
  sms: FakeSms,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = loadConfig({
    SESSION_SECRET: 'test-session-secret-that-is-long-enough',
    LOG_LEVEL: 'silent',
    ISSUE_RATE_PER_MINUTE: '1000000',
    WEB_TICKETS_PER_DEVICE: '1000',
    // The stand-in's exact host and port: only 443 is allowed without naming the port.
    PUSH_ALLOWED_HOSTS: new URL(push.origin).host,
    VAPID_SUBJECT: 'mailto:ops@luot.example',
    SMS_WEBHOOK_URL: sms.url,
    SMS_WEBHOOK_TOKEN: 'sms-secret',
    ...env,
  });
  const built = await buildApp(config, database, { notifications: { httpsAgent: push.agent } });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = built.app.server.address() as { port: number };
  return { ...built, url: `http://127.0.0.1:${port}`, close: () => built.app.close() };
}

const decode = (subscription: BrowserSubscription, request: Received): PushMessage =>
  JSON.parse(subscription.decrypt(request.body));

describe('notification configuration', () => {
  const base = { SESSION_SECRET: 'x'.repeat(32), DATA_DIR: '/tmp/luot-unused' };

  it('takes VAPID keys from the environment only as a valid pair', async () => {
    const { publicKey, privateKey } = (await import('web-push')).default.generateVAPIDKeys();
    const config = loadConfig({ ...base, VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey });
    expect(config).toMatchObject({ vapidPublicKey: publicKey, vapidPrivateKey: privateKey, pushAhead: 3 });
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: publicKey })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: privateKey })).toThrow(
      /VAPID_PUBLIC_KEY/,
    );
    expect(() => loadConfig({ ...base, VAPID_SUBJECT: 'ops@example.org' })).toThrow(/VAPID_SUBJECT/);
    expect(() => loadConfig({ ...base, PUSH_AHEAD: '-1' })).toThrow(/PUSH_AHEAD/);
    expect(() => loadConfig({ ...base, SMS_WEBHOOK_URL: 'ftp://sms' })).toThrow(/SMS_WEBHOOK_URL/);
  });
});

eachDatabase('citizen notifications', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let push: StandInPushService;
  let sms: FakeSms;
  let center: CenterFixture;
  let clerk: Client;
  let counterId: number;
  const citizen = () => new Client(app.url);
  const issue = async () => {
    const res = await citizen().post(`/api/centers/${center.centerId}/tickets`, {
      serviceId: center.serviceIds.A,
    });
    expect(res.status).toBe(201);
    return res.body as { id: number; number: string; token: string };
  };
  /** Serves the next ticket to the end: call, start, complete. */
  const serveNext = async () => {
    const { body } = await clerk.post(`/api/counters/${counterId}/call-next`);
    await clerk.post(`/api/tickets/${body.ticket.id}/start`);
    await clerk.post(`/api/tickets/${body.ticket.id}/complete`);
    return body.ticket as { id: number; number: string };
  };
  /** Every position refresh and every notice asked for so far has been handled. */
  const settled = async () => {
    await app.publisher.idle();
    await app.notifier.idle();
  };
  const countRows = async (table: 'push_subscriptions' | 'ticket_contacts', ticketId: number) =>
    (await database.db.selectFrom(table).select('ticket_id').where('ticket_id', '=', ticketId).execute())
      .length;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    push = await startPushService();
    sms = await startFakeSms();
    app = await startApp(database, push, sms);
    center = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    counterId = center.counterIds[0]!;
    clerk = await new Client(app.url).login(center.usernames.clerk[0]!);
    await clerk.post(`/api/counters/${counterId}/open`);
  });
  afterAll(async () => {
    await app?.close();
    await push?.close();
    await sms?.close();
    await database?.close();
  });

  it('makes one VAPID key pair when first needed, the same for instances starting together', async () => {
    const config = await citizen().get('/api/push/config');
    const stored = await database.db.selectFrom('vapid_keys').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(config.body).toEqual({ publicKey: stored[0]!.public_key, ahead: 3, sms: true });

    await database.db.deleteFrom('vapid_keys').execute();
    const none = { vapidPublicKey: null, vapidPrivateKey: null };
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadVapidKeys(database.db, none)));
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    await database.db
      .updateTable('vapid_keys')
      .set({ public_key: stored[0]!.public_key, private_key: stored[0]!.private_key })
      .execute();
  });

  it('refuses subscriptions that are malformed, to unknown push services, or for unknown or ended tickets', async () => {
    const ticket = await issue();
    const good = new BrowserSubscription(`${push.origin}/push/ok`).toJSON();
    const post = (token: string, body: unknown) => citizen().post(`/api/tickets/${token}/push`, body);
    const http = await post(ticket.token, { ...good, endpoint: 'http://127.0.0.1/push' });
    expect(http.status).toBe(400);
    const elsewhere = await post(ticket.token, { ...good, endpoint: 'https://push.example.org/x' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toMatch(/endpoint/);
    const badKey = await post(ticket.token, { ...good, keys: { ...good.keys, p256dh: 'short' } });
    expect(badKey.status).toBe(400);
    const unknown = await post('unknown-token-of-16-chars', good);
    expect(unknown.status).toBe(404);

    await citizen().post(`/api/tickets/${ticket.token}/cancel`);
    const ended = await post(ticket.token, good);
    expect(ended.status).toBe(409);
    expect(ended.body.error.details.currentStatus).toBe('cancelled');
    expect(push.requests).toHaveLength(0);
  });

  it('pushes "3 ahead" once and "go to Quầy 1" when called, signed and encrypted, then forgets the subscription', async () => {
    const before = push.requests.length;
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue());
    const mine = tickets[5]!;
    const subscription = new BrowserSubscription(`${push.origin}/push/mine`);
    const subscribed = await citizen().post(`/api/tickets/${mine.token}/push`, {
      ...subscription.toJSON(),
      locale: 'vi',
    });
    expect(subscribed.status).toBe(201);
    await settled();
    expect(push.requests).toHaveLength(before); // 5 ahead: nothing yet

    await serveNext(); // 4 ahead
    await settled();
    expect(push.requests).toHaveLength(before);
    await serveNext(); // 3 ahead
    const [near] = (await push.received(before + 1)).slice(before);

    const { publicKey } = (await citizen().get('/api/push/config')).body;
    const vapid = verifyVapid(near!.headers.authorization, publicKey);
    expect(vapid.header.alg).toBe('ES256');
    expect(vapid.claims.aud).toBe(push.origin);
    expect(vapid.claims.sub).toBe('mailto:ops@luot.example');
    expect(vapid.claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(near!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(near!.headers.ttl)).toBeGreaterThan(0);
    expect(near!.path).toBe('/push/mine');
    const nearMessage = decode(subscription, near!);
    expect(nearMessage.title).toContain(mine.number);
    expect(nearMessage.body).toContain('Còn 3 người trước bạn');
    expect(nearMessage.url).toBe(`/ticket/?t=${encodeURIComponent(mine.token)}`);

    await serveNext(); // 2 ahead: "near" is not sent again
    await serveNext(); // 1 ahead
    await settled();
    expect(push.requests).toHaveLength(before + 1);

    await serveNext(); // 0 ahead
    const { body } = await clerk.post(`/api/counters/${counterId}/call-next`);
    expect(body.ticket.id).toBe(mine.id);
    const [called] = (await push.received(before + 2)).slice(before + 1);
    verifyVapid(called!.headers.authorization, publicKey);
    const calledMessage = decode(subscription, called!);
    expect(calledMessage.title).toContain(mine.number);
    expect(calledMessage.body).toContain('Quầy 1');

    await clerk.post(`/api/tickets/${mine.id}/start`);
    expect(await countRows('push_subscriptions', mine.id)).toBe(1); // still live while served
    await clerk.post(`/api/tickets/${mine.id}/complete`);
    await settled();
    expect(await countRows('push_subscriptions', mine.id)).toBe(0);
    expect(push.requests).toHaveLength(before + 2);
  });

  it('tells a ticket already near its turn at once, and drops a subscription the push service calls gone', async () => {
    const before = push.requests.length;
    const ticket = await issue(); // first in the queue
    push.status = 410;
    try {
      const subscription = new BrowserSubscription(`${push.origin}/push/gone`);
      await citizen().post(`/api/tickets/${ticket.token}/push`, subscription.toJSON());
      const [gone] = (await push.received(before + 1)).slice(before);
      expect(decode(subscription, gone!).body).toContain('Bạn là người tiếp theo');
      await settled();
      expect(await countRows('push_subscriptions', ticket.id)).toBe(0);
    } finally {
      push.status = 201;
    }
    await serveNext();
  });

  it('says "nearly your turn" only once an open counter serves the queue (issue 11 item 3)', async () => {
    const before = push.requests.length;
    const g = await createCenterFixture(database.db, { services: ['N'], counters: [['N']] });
    const ticket = (await citizen().post(`/api/centers/${g.centerId}/tickets`, { serviceId: g.serviceIds.N }))
      .body as { id: number; token: string };
    const subscription = new BrowserSubscription(`${push.origin}/push/unserved`);
    expect((await citizen().post(`/api/tickets/${ticket.token}/push`, subscription.toJSON())).status).toBe(
      201,
    );
    await settled();
    expect(push.requests).toHaveLength(before); // first in line, but nobody serves it
    const staff = await new Client(app.url).login(g.usernames.clerk[0]!);
    expect((await staff.post(`/api/counters/${g.counterIds[0]}/open`)).status).toBe(200);
    const [near] = (await push.received(before + 1)).slice(before);
    expect(decode(subscription, near!).body).toContain('Bạn là người tiếp theo');
    await citizen().post(`/api/tickets/${ticket.token}/cancel`);
    await settled();
  });

  it('unsubscribes, and deletes subscriptions when the citizen cancels', async () => {
    const ticket = await issue();
    const one = new BrowserSubscription(`${push.origin}/push/one`).toJSON();
    const two = new BrowserSubscription(`${push.origin}/push/two`).toJSON();
    expect((await citizen().post(`/api/tickets/${ticket.token}/push`, one)).status).toBe(201);
    expect((await citizen().post(`/api/tickets/${ticket.token}/push`, two)).status).toBe(201);
    const off = await citizen().post(`/api/tickets/${ticket.token}/push/unsubscribe`, {
      endpoint: one.endpoint,
    });
    expect(off.status).toBe(204);
    expect(await countRows('push_subscriptions', ticket.id)).toBe(1);
    await citizen().post(`/api/tickets/${ticket.token}/cancel`);
    await settled();
    expect(await countRows('push_subscriptions', ticket.id)).toBe(0);
  });

  it('claims "near" for exactly one of several instances', async () => {
    const ticket = await issue();
    const claims = await Promise.all(
      [1, 2, 3, 4].map(() => claimNotice(database.db, ticket.id, 'near', 'waiting')),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    await citizen().post(`/api/tickets/${ticket.token}/cancel`);
  });

  it('texts a number given with consent, never shows it, and deletes it when the ticket ends', async () => {
    const phoneDigits = '912345678';
    const waiting = [await issue(), await issue(), await issue(), await issue(), await issue()];
    const mine = waiting[4]!;
    const ask = (body: unknown) => citizen().post(`/api/tickets/${mine.token}/sms`, body);
    expect((await ask({ phone: `0${phoneDigits}` })).status).toBe(400);
    expect((await ask({ phone: `0${phoneDigits}`, consent: false })).status).toBe(400);
    expect((await ask({ phone: '12345', consent: true })).status).toBe(400);
    const given = await ask({ phone: `0${phoneDigits}`, consent: true });
    expect(given.status).toBe(201);
    expect(JSON.stringify(given.body)).not.toContain(phoneDigits);

    await serveNext(); // 3 ahead
    const [near] = await sms.received(1);
    expect(near!.headers.authorization).toBe('Bearer sms-secret');
    expect(sms.messages()[0]).toEqual({
      to: `+84${phoneDigits}`,
      text: expect.stringContaining(mine.number),
    });
    expect(sms.messages()[0]!.text).toContain('còn 3 người');

    for (let i = 0; i < 3; i++) await serveNext();
    const { body } = await clerk.post(`/api/counters/${counterId}/call-next`);
    expect(body.ticket.id).toBe(mine.id);
    await sms.received(2);
    expect(sms.messages()[1]!.text).toContain(`mời số ${mine.number} đến Quầy 1`);

    const view = await citizen().get(`/api/tickets/${mine.token}`);
    expect(JSON.stringify(view.body)).not.toContain(phoneDigits);
    const events = await database.db.selectFrom('ticket_events').select('payload').execute();
    expect(JSON.stringify(events)).not.toContain(phoneDigits);

    await clerk.post(`/api/tickets/${mine.id}/start`);
    await clerk.post(`/api/tickets/${mine.id}/complete`);
    await settled();
    expect(await countRows('ticket_contacts', mine.id)).toBe(0);
    expect(sms.requests).toHaveLength(2);
  });

  it('takes one number for text messages a ticket, even after it was withdrawn', async () => {
    const mine = await issue();
    const ask = (phone: string) => citizen().post(`/api/tickets/${mine.token}/sms`, { phone, consent: true });
    expect((await ask('0912000111')).status).toBe(201);
    const again = await ask('0912000222');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_exists');
    expect((await citizen().post(`/api/tickets/${mine.token}/sms/unsubscribe`)).status).toBe(204);
    expect((await ask('0912000111')).status).toBe(409);
    expect(await countRows('ticket_contacts', mine.id)).toBe(0);
    await citizen().post(`/api/tickets/${mine.token}/cancel`);
    await settled();
  });

  it('texts one number at most SMS_PER_NUMBER_DAY times a day, and takes so many numbers an hour from one address', async () => {
    // An app of its own with tight limits, and a queue of its own that is empty: each new ticket
    // is next, so giving a number texts it at once (the loop an attacker would run).
    const tight = await startApp(database, push, sms, {
      SMS_PER_NUMBER_DAY: '2',
      SMS_OPT_INS_PER_ADDRESS_HOUR: '3',
    });
    try {
      const own = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
      // Served, so a ticket next in line is near its turn (none is while no counter serves it).
      const staff = await new Client(tight.url).login(own.usernames.clerk[0]!);
      expect((await staff.post(`/api/counters/${own.counterIds[0]}/open`)).status).toBe(200);
      const victim = '0987654321';
      const toVictim = () => sms.messages().filter((m) => m.to === '+84987654321').length;
      const before = toVictim();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const taken = await new Client(tight.url).post(`/api/centers/${own.centerId}/tickets`, {
          serviceId: own.serviceIds.A,
        });
        expect(taken.status).toBe(201);
        const token = taken.body.token as string;
        statuses.push(
          (await new Client(tight.url).post(`/api/tickets/${token}/sms`, { phone: victim, consent: true }))
            .status,
        );
        await tight.publisher.idle();
        await tight.notifier.idle();
        expect((await new Client(tight.url).post(`/api/tickets/${token}/cancel`)).status).toBe(200);
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      // Three numbers given, three tickets next in line: two messages, then the number's day is used up.
      expect(toVictim() - before).toBe(2);
      const counted = await database.db.selectFrom('sms_sends').selectAll().execute();
      expect(JSON.stringify(counted)).not.toContain('987654321');
    } finally {
      await tight.close();
    }
  });
});
