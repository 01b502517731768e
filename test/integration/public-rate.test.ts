/**
 * Anonymous API requests a minute per address, across the routes without a limit of their own
 * (PUBLIC_API_PER_MINUTE; issue 10, beyond the list): each reads the database, so one machine
 * could otherwise keep the pool busy for every center. Counted across routes (one budget, not
 * one per route); a junk session cookie is still anonymous; staff sessions, other addresses and
 * the routes with limits of their own (issuance here) are not counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('public API requests per address', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { PUBLIC_API_PER_MINUTE: '5', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const from = (address: string, cookie?: string) => {
    const client = new Client(app.url, { 'x-forwarded-for': address });
    if (cookie) client.cookie = cookie;
    return client;
  };

  it('refuses the sixth anonymous request of a minute from one address, whatever the route', async () => {
    const phone = from('203.0.113.20', 'luot_session=not-a-session');
    const paths = ['/api/centers', '/api/centers/1/snapshot', '/api/centers/1/services', '/readyz'];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await phone.get(paths[i % paths.length]!)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    // Its own limits, not this one: issuance still answers (and does not count here).
    expect((await phone.post('/api/centers/1/tickets', { serviceId: 1 })).status).toBe(201);
    const refused = await phone.get('/api/tickets/nosuchtokennosuchtoken');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' });
    expect(refused.body.error.message).toMatch(/PUBLIC_API_PER_MINUTE/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);

    // Another address has its own budget; a staff session is not counted.
    expect((await from('203.0.113.21').get('/api/centers/1/snapshot')).status).toBe(200);
    const login = await from('203.0.113.20').post('/api/auth/login', { username: 'manager', password: 'x' });
    expect(login.status).toBe(429);
    const manager = await new Client(app.url, { 'x-forwarded-for': '203.0.113.22' }).login('manager');
    const staff = from('203.0.113.20', manager.cookie!);
    for (let i = 0; i < 6; i++) expect((await staff.get('/api/centers/1/snapshot')).status).toBe(200);
  });
});
