/**
 * Public issuance limits: waiting tickets per device on the web channel (a cookie the server
 * signs, not the IP, since citizens share addresses), requests a minute per IP, the web
 * channel's share of a daily quota; staff are exempt, and only staff and paired kiosks may say
 * another channel. A refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCenter } from '../../server/src/centers/centers.repository.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { createCenterFixture } from '../helpers/fixtures.js';
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
      /luot_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/,
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
    // Saying it is a kiosk does not make it one.
    const claimed = await phone.post('/api/centers/1/tickets', { serviceId: 4, channel: 'kiosk' });
    expect(claimed.status).toBe(403);
    expect(claimed.body.error.code).toBe('device_not_paired');
    expect(await count()).toBe(before + 1);

    expect((await phone.post(`/api/tickets/${first.body.token}/cancel`)).status).toBe(200);
    expect((await phone.post('/api/centers/1/tickets', { serviceId: 4 })).status).toBe(201);
  });

  it('limits requests a minute per address, but never staff', async () => {
    // 7 requests so far in this file; the limit is 12 a minute.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 5 })).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const refused = await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 5 });
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

  it('lets only staff and paired kiosks say another channel than web', async () => {
    const fresh = await startTestApp(database);
    try {
      const before = await count();
      const anonymous = new Client(fresh.url);
      const kiosk = await anonymous.post('/api/centers/1/tickets', { serviceId: 1, channel: 'kiosk' });
      expect(kiosk.status).toBe(403);
      expect(kiosk.body.error.code).toBe('device_not_paired');
      const staff = await anonymous.post('/api/centers/1/tickets', { serviceId: 1, channel: 'staff' });
      expect(staff.status).toBe(401);
      expect(staff.body.error.code).toBe('unauthenticated');
      const appointment = await anonymous.post('/api/centers/1/tickets', {
        serviceId: 1,
        channel: 'appointment',
      });
      expect(appointment.status).toBe(400);
      expect(appointment.body.error).toMatchObject({
        code: 'validation_failed',
        details: { field: 'channel' },
      });
      // A kiosk paired with another center is not this center's kiosk.
      const elsewhere = await database.db
        .transaction()
        .execute((trx) => createCenter(trx, { name: 'Trung tâm khác' }));
      const foreign = await kioskClient(database.db, fresh.url, elsewhere);
      expect((await foreign.post('/api/centers/1/tickets', { serviceId: 1, channel: 'kiosk' })).status).toBe(
        403,
      );
      // Staff of the center may issue as staff (even on the appointment channel: never).
      const clerk = await new Client(fresh.url).login('clerk1');
      const byStaff = await clerk.post('/api/centers/1/tickets', { serviceId: 1, channel: 'appointment' });
      expect(byStaff.status).toBe(400);
      expect(await count()).toBe(before);
      // The paired kiosk of this center issues kiosk tickets, and none counts against a device.
      const own = await kioskClient(database.db, fresh.url, 1);
      const printed = await own.post('/api/centers/1/tickets', { serviceId: 1, channel: 'kiosk' });
      expect(printed.status).toBe(201);
      expect(printed.body.channel).toBe('kiosk');
      expect(printed.headers.get('set-cookie')).toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('counts a device cookie the server did not sign as no device', async () => {
    const fresh = await startTestApp(database, { env: { WEB_TICKETS_PER_DEVICE: '1' } });
    try {
      const phone = new Client(fresh.url);
      const first = await phone.post('/api/centers/1/tickets', { serviceId: 2 });
      expect(first.status).toBe(201);
      const signed = phone.cookie!;
      // Its limit is reached; a made-up id (the old unsigned form) or an edited one is not a way out
      // to a device of its choosing: the server mints a new device instead of keeping the forgery.
      for (const forged of ['luot_device=AAAAAAAAAAAAAAAAAAAAAA', `${signed.slice(0, -1)}x`]) {
        const liar = new Client(fresh.url);
        liar.cookie = forged;
        const taken = await liar.post('/api/centers/1/tickets', { serviceId: 2 });
        expect(taken.status).toBe(201);
        expect(liar.cookie).not.toBe(forged);
        const row = await database.db
          .selectFrom('tickets')
          .select('device_id')
          .where('id', '=', taken.body.id)
          .executeTakeFirstOrThrow();
        expect(row.device_id).not.toBe(forged.split('=')[1]!.slice(0, 22));
      }
      // The signed cookie is still the device it was.
      const again = new Client(fresh.url);
      again.cookie = signed;
      expect((await again.post('/api/centers/1/tickets', { serviceId: 2 })).status).toBe(429);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the share of a daily quota the web may not take for people who come in person', async () => {
    const fresh = await startTestApp(database);
    try {
      const manager = await new Client(fresh.url).login('manager');
      // A service of its own, so no ticket of another test counts against its quota.
      const service = await manager.post('/api/config/centers/1/services', {
        code: 'Q',
        name: 'Lĩnh vực có hạn mức',
        nameEn: 'A service with a quota',
        dailyQuota: 4,
      });
      expect(service.status).toBe(201);
      expect(service.body.webQuotaPercent).toBe(50);
      const serviceId: number = service.body.id;
      const web = () => new Client(fresh.url).post('/api/centers/1/tickets', { serviceId });
      expect((await web()).status).toBe(201);
      expect((await web()).status).toBe(201);
      const before = await count();
      const third = await web();
      expect(third.status).toBe(409);
      expect(third.body.error).toMatchObject({
        code: 'daily_quota_reached',
        details: { channel: 'web', webQuota: 2, dailyQuota: 4 },
      });
      expect(await count()).toBe(before);
      const listed = await new Client(fresh.url).get('/api/centers/1/services');
      expect(listed.body.find((s: { id: number }) => s.id === serviceId)).toMatchObject({
        issuingNow: true,
        webIssuingNow: false,
        webQuotaPercent: 50,
      });
      // Walk-ins at the kiosk still get the rest, up to the quota.
      const kiosk = await kioskClient(database.db, fresh.url, 1);
      const walkIn = () => kiosk.post('/api/centers/1/tickets', { serviceId, channel: 'kiosk' });
      expect((await walkIn()).status).toBe(201);
      expect((await walkIn()).status).toBe(201);
      expect((await walkIn()).body.error).toMatchObject({ code: 'daily_quota_reached' });
      // The share is the manager's to set, 0–100 %.
      expect(
        (await manager.request('PATCH', '/api/config/services/3', { webQuotaPercent: 101 })).status,
      ).toBe(400);
      const all = await manager.request('PATCH', '/api/config/services/3', { webQuotaPercent: 100 });
      expect(all.body.webQuotaPercent).toBe(100);
    } finally {
      await fresh.close();
    }
  });

  it('treats staff of another center as anyone in this one: the address and device limits apply', async () => {
    const fresh = await startTestApp(database, {
      env: { ISSUE_RATE_PER_MINUTE: '3', WEB_TICKETS_PER_DEVICE: '2' },
    });
    try {
      const other = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
      const session = (await new Client(fresh.url).login(other.usernames.clerk[0]!)).cookie!;
      /** A request with the other center's clerk's session, and the device cookie it was given, if any. */
      let device: string | null = null;
      const take = async () => {
        const res = await fetch(`${fresh.url}/api/centers/1/tickets`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: [session, device].filter(Boolean).join('; '),
          },
          body: JSON.stringify({ serviceId: 5 }),
        });
        device ??= res.headers.get('set-cookie')?.split(';')[0] ?? null;
        return {
          status: res.status,
          body: (await res.json()) as { id?: number; error?: { details?: unknown } },
        };
      };
      const first = await take();
      expect(first.status).toBe(201);
      expect(device).toMatch(/^luot_device=/);
      const row = await database.db
        .selectFrom('tickets')
        .select(['channel', 'device_id'])
        .where('id', '=', first.body.id!)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'web', device_id: expect.any(String) });
      // Nor is the ticket logged as issued by staff.
      const issued = await database.db
        .selectFrom('ticket_events')
        .select('user_id')
        .where('ticket_id', '=', first.body.id!)
        .where('type', '=', 'ticket.issued')
        .executeTakeFirstOrThrow();
      expect(issued.user_id).toBeNull();
      expect((await take()).status).toBe(201);
      const third = await take();
      expect(third.status).toBe(429);
      expect(third.body.error?.details).toMatchObject({ limit: 2 });
      // A new device each time: the address limit (3 a minute) stops it, staff session or not.
      device = null;
      expect((await take()).status).toBe(429);
      // Staff of center 1 are still exempt there.
      const own = await new Client(fresh.url).login('clerk1');
      for (let i = 0; i < 3; i++) {
        expect((await own.post('/api/centers/1/tickets', { serviceId: 5, channel: 'staff' })).status).toBe(
          201,
        );
      }
    } finally {
      await fresh.close();
    }
  });
});
