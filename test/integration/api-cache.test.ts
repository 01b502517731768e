/**
 * What caches may keep of the API (issue 10, beyond the list): nothing. A citizen's ticket by
 * its token, the staff's lists and reports, errors too: every answer that does not say how it may
 * be cached is `Cache-Control: no-store`, so neither the browser's disk nor a proxy between
 * (a hall's, a province's) keeps a copy for the next person on that machine or network.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await pgliteDatabase();
  app = await startTestApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

it('sends every API answer, public or staff, success or error, with no-store', async () => {
  const citizen = new Client(app.url);
  const ticket = await citizen.post('/api/centers/1/tickets', { serviceId: 1 });
  expect(ticket.status).toBe(201);
  const manager = await new Client(app.url).login('manager');
  const replies = [
    ticket,
    await citizen.get(`/api/tickets/${ticket.body.token}`),
    await citizen.get('/api/centers/1/snapshot'),
    await citizen.get('/api/tickets/nosuchtokennosuchtoken'),
    await citizen.post('/api/auth/login', { username: 'manager', password: 'wrong password!' }),
    await manager.get('/api/auth/me'),
    await manager.get('/api/centers/1/dashboard'),
    await manager.get('/api/centers/1/waiting'),
    await manager.get('/api/config/centers/1'),
    await manager.get('/api/centers/1/reports.csv?from=2026-01-01&to=2026-01-31'),
    await citizen.get('/readyz'),
    await citizen.get('/metrics'),
    await citizen.get('/no/such/route'),
  ];
  for (const reply of replies) {
    expect(reply.headers.get('cache-control'), JSON.stringify(reply.body).slice(0, 80)).toBe('no-store');
  }
});
