import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('ticket lifecycle over HTTP', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let clerk: Client;
  let citizen: Client;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    clerk = await new Client(app.url).login('clerk1');
    citizen = new Client(app.url);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('issues, calls, starts and completes a ticket, logging each step with the next seq', async () => {
    const issued = await citizen.post('/api/centers/1/tickets', { serviceId: 1 });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ number: 'A001', status: 'waiting', position: 1, channel: 'web' });
    expect(issued.body.token).toMatch(/^[A-Za-z0-9_-]{24}$/);

    expect((await clerk.post('/api/counters/1/open')).status).toBe(200);
    const called = await clerk.post('/api/counters/1/call-next');
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ id: issued.body.id, status: 'called', counterId: 1 });

    const early = await clerk.post(`/api/tickets/${issued.body.id}/complete`, {});
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'illegal_transition',
      details: { currentStatus: 'called' },
    });

    expect((await clerk.post(`/api/tickets/${issued.body.id}/start`)).body.ticket.status).toBe('serving');
    const done = await clerk.post(`/api/tickets/${issued.body.id}/complete`, {
      outcome: 'resolved',
      note: 'xong',
    });
    expect(done.body.ticket.status).toBe('done');

    const events = await database.db
      .selectFrom('ticket_events')
      .select(['seq', 'type'])
      .where('center_id', '=', 1)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'ticket.issued',
      'counter.changed',
      'ticket.called',
      'ticket.serving',
      'ticket.done',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const snapshot = await citizen.get('/api/centers/1/snapshot');
    expect(snapshot.body.seq).toBe(5);
  });

  it('describes the API at /docs and answers health checks', async () => {
    const spec = await citizen.get('/docs/json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/centers/{centerId}/tickets',
        '/api/counters/{counterId}/call-next',
        '/api/auth/login',
      ]),
    );
    expect((await citizen.get('/healthz')).body).toEqual({ ok: true });
    expect((await citizen.get('/readyz')).body).toEqual({ ready: true });
  });
});
