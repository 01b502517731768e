/**
 * Public issuance limits: waiting tickets per device on the web channel (a cookie, not the
 * IP, since citizens share addresses), requests a minute per IP; staff are exempt. A refused
 * request is a 429 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('issuance limits', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { WEB_TICKETS_PER_DEVICE: '3', ISSUE_RATE_PER_MINUTE: '12' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const count = async () => (await database.db.selectFrom('tickets').select('id').execute()).length;

  it('lets one device hold three live web tickets, and a new one after it cancels one', async () => {
    const phone = new Client(app.url);
    const first = await phone.post('/api/centers/1/tickets', { serviceId: 1 });
    expect(first.status).toBe(201);
    expect(first.headers.get('set-cookie')).toMatch(
      /luot_device=[A-Za-z0-9_-]{22}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/,
    );
    expect((await phone.post('/api/centers/1/tickets', { serviceId: 2 })).status).toBe(201);
    expect((await phone.post('/api/centers/1/tickets', { serviceId: 3 })).status).toBe(201);
    const before = await count();
    const fourth = await phone.post('/api/centers/1/tickets', { serviceId: 4 });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toMatchObject({ code: 'rate_limited', details: { limit: 3 } });
    expect(await count()).toBe(before);

    // Another phone behind the same address is another device.
    expect((await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 4 })).status).toBe(201);
    // A kiosk ticket is not a web ticket of this device.
    expect((await phone.post('/api/centers/1/tickets', { serviceId: 4, channel: 'kiosk' })).status).toBe(201);

    expect((await phone.post(`/api/tickets/${first.body.token}/cancel`)).status).toBe(200);
    expect((await phone.post('/api/centers/1/tickets', { serviceId: 4 })).status).toBe(201);
  });

  it('limits requests a minute per address, but never staff', async () => {
    // 7 requests so far in this file; the limit is 12 a minute.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 5, channel: 'kiosk' })).status,
      );
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const refused = await new Client(app.url).post('/api/centers/1/tickets', {
      serviceId: 5,
      channel: 'kiosk',
    });
    expect(refused.body.error.code).toBe('rate_limited');

    const clerk = await new Client(app.url).login('clerk1');
    const staff = await clerk.post('/api/centers/1/tickets', { serviceId: 5, channel: 'staff' });
    expect(staff.status).toBe(201);
  });

  it('limits the tickets one device takes for one service in a day, cancelled ones included', async () => {
    // An app of its own on the same database: the address limit above is spent.
    const strict = await startTestApp(database, { env: { WEB_TICKETS_PER_SERVICE_DAY: '2' } });
    try {
      const phone = new Client(strict.url);
      for (let i = 0; i < 2; i++) {
        const taken = await phone.post('/api/centers/1/tickets', { serviceId: 6 });
        expect(taken.status).toBe(201);
        expect((await phone.post(`/api/tickets/${taken.body.token}/cancel`)).status).toBe(200);
      }
      const before = await count();
      const third = await phone.post('/api/centers/1/tickets', { serviceId: 6 });
      expect(third.status).toBe(429);
      expect(third.body.error).toMatchObject({
        code: 'rate_limited',
        details: { limit: 2, serviceId: 6, perServicePerDay: true },
      });
      expect(third.body.error.message).toMatch(/2 tickets for this service today/);
      expect(await count()).toBe(before);
      // Another service, and another phone for the same service, are still served.
      expect((await phone.post('/api/centers/1/tickets', { serviceId: 1 })).status).toBe(201);
      expect((await new Client(strict.url).post('/api/centers/1/tickets', { serviceId: 6 })).status).toBe(
        201,
      );
    } finally {
      await strict.close();
    }
  });
});
