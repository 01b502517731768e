/**
 * A citizen who lost the page finds the ticket again by its number and the phone given for text
 * messages (issue 11): only today's ticket of that center with that phone, written any usual
 * way; everything else one generic 404 that says nothing about the number; bad input a 400
 * naming the field; guesses at phones cut off per address.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { type FakeSms, startFakeSms } from '../helpers/push-service.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('finding a ticket by number and phone', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let sms: FakeSms;
  let center: CenterFixture;
  let other: CenterFixture;
  const citizen = () => new Client(app.url);
  const lookup = (centerId: number, body: unknown, client = citizen()) =>
    client.post(`/api/centers/${centerId}/tickets/lookup`, body);
  /** A web ticket whose citizen gave `phone` for text messages. */
  const issueWithPhone = async (fixture: CenterFixture, phone: string) => {
    const res = await citizen().post(`/api/centers/${fixture.centerId}/tickets`, {
      serviceId: fixture.serviceIds.A,
    });
    expect(res.status).toBe(201);
    const optIn = await citizen().post(`/api/tickets/${res.body.token}/sms`, { phone, consent: true });
    expect(optIn.status).toBe(201);
    return res.body as { id: number; number: string; token: string };
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    sms = await startFakeSms();
    app = await startTestApp(database, { env: { SMS_WEBHOOK_URL: sms.url } });
    center = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    other = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
  });
  afterAll(async () => {
    await app?.close();
    await sms?.close();
    await database?.close();
  });

  it('gives the token for today’s number and its phone, written either way', async () => {
    const mine = await issueWithPhone(center, '0912345678');
    for (const phone of ['0912345678', '+84912345678', '0912 345 678', '84912.345.678']) {
      const found = await lookup(center.centerId, { number: mine.number, phone });
      expect(found.status).toBe(200);
      expect(found.body).toEqual({ number: mine.number, token: mine.token });
    }
    const lower = await lookup(center.centerId, { number: mine.number.toLowerCase(), phone: '0912345678' });
    expect(lower.body.token).toBe(mine.token);
  });

  it('answers one generic 404 for a wrong phone, an unknown number, another center or another day', async () => {
    const mine = await issueWithPhone(center, '0987111222');
    const refused = [
      await lookup(center.centerId, { number: mine.number, phone: '0987111223' }),
      await lookup(center.centerId, { number: 'A999', phone: '0987111222' }),
      await lookup(other.centerId, { number: mine.number, phone: '0987111222' }),
      await lookup(2_000_000_000, { number: mine.number, phone: '0987111222' }),
    ];
    const yesterday = await issueWithPhone(center, '0987333444');
    await sql`UPDATE tickets SET day = day - 1 WHERE id = ${yesterday.id}`.execute(database.db);
    refused.push(await lookup(center.centerId, { number: yesterday.number, phone: '0987333444' }));
    for (const res of refused) {
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: 'not_found', message: refused[0]!.body.error.message });
      expect(JSON.stringify(res.body)).not.toMatch(/token|0987|A\d{3}/);
    }
  });

  it('finds nothing once the ticket has ended (its phone is gone with it)', async () => {
    const mine = await issueWithPhone(center, '0977000111');
    expect((await citizen().post(`/api/tickets/${mine.token}/cancel`)).status).toBe(200);
    await app.publisher.idle();
    await app.notifier.idle();
    expect((await lookup(center.centerId, { number: mine.number, phone: '0977000111' })).status).toBe(404);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ number: 'A001' }, 'phone'],
      [{ phone: '0912345678' }, 'number'],
      [{ number: 'A001; drop', phone: '0912345678' }, 'number'],
      [{ number: 'A001', phone: '12345' }, 'phone'],
      [{ number: 'A001', phone: '0012345678' }, 'phone'],
      [{ number: 'A001', phone: 912345678 }, 'phone'],
      [{ number: 'A001', phone: '0912345678', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await lookup(center.centerId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.error)).toContain(field);
    }
    const badCenter = await citizen().post('/api/centers/abc/tickets/lookup', {
      number: 'A001',
      phone: '0912345678',
    });
    expect(badCenter.status).toBe(400);
    expect(JSON.stringify(badCenter.body.error)).toContain('centerId');
  });

  it('cuts off an address after TICKET_LOOKUPS_PER_ADDRESS_HOUR tries', async () => {
    const tight = await startTestApp(database, {
      env: { SMS_WEBHOOK_URL: sms.url, TICKET_LOOKUPS_PER_ADDRESS_HOUR: '3' },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const guess = { number: 'A001', phone: `091200000${i}` };
        statuses.push(
          (await new Client(tight.url).post(`/api/centers/${center.centerId}/tickets/lookup`, guess)).status,
        );
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      const cut = await new Client(tight.url).post(`/api/centers/${center.centerId}/tickets/lookup`, {
        number: 'A001',
        phone: '0912000009',
      });
      expect(cut.body.error.code).toBe('rate_limited');
    } finally {
      await tight.close();
    }
  });
});
