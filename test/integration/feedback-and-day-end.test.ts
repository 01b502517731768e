import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expireStaleTickets } from '../../server/src/tickets/expire-tickets.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('feedback, day end and issuing status', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let clerk: Client;
  const citizen = () => new Client(app.url);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    clerk = await new Client(app.url).login('clerk2');
    await clerk.post('/api/counters/2/open');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('takes one rating per served ticket, and only after service', async () => {
    const issued = await citizen().post('/api/centers/1/tickets', { serviceId: 1 });
    const token = issued.body.token as string;
    const early = await citizen().post(`/api/tickets/${token}/feedback`, { rating: 4 });
    expect(early.status).toBe(409);
    expect(early.body.error.details.currentStatus).toBe('waiting');

    const call = await clerk.post('/api/counters/2/call-next');
    expect(call.body.ticket.id).toBe(issued.body.id);
    await clerk.post(`/api/tickets/${issued.body.id}/start`);
    await clerk.post(`/api/tickets/${issued.body.id}/complete`, { outcome: 'resolved' });

    const bad = await citizen().post(`/api/tickets/${token}/feedback`, { rating: 5 });
    expect(bad.status).toBe(400);
    const rated = await citizen().post(`/api/tickets/${token}/feedback`, { rating: 4, comment: 'Rất nhanh' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ticketId: issued.body.id, rating: 4, comment: 'Rất nhanh' });
    const again = await citizen().post(`/api/tickets/${token}/feedback`, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('feedback_exists');
    const rows = await database.db
      .selectFrom('feedback')
      .selectAll()
      .where('ticket_id', '=', issued.body.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rating).toBe(4);
  });

  it('expires the tickets of a past local day that were still waiting, called or held', async () => {
    const waiting = await citizen().post('/api/centers/1/tickets', { serviceId: 2 });
    const today = await citizen().post('/api/centers/1/tickets', { serviceId: 2 });
    await sql`UPDATE tickets SET day = day - 1 WHERE id = ${waiting.body.id}`.execute(database.db);

    const expired = await expireStaleTickets({ db: database.db, publisher: app.publisher });
    expect(expired).toBe(1);
    const after = await citizen().get(`/api/tickets/${waiting.body.token}`);
    expect(after.body.status).toBe('expired');
    expect((await citizen().get(`/api/tickets/${today.body.token}`)).body.status).toBe('waiting');
    const event = await database.db
      .selectFrom('ticket_events')
      .select('type')
      .where('ticket_id', '=', waiting.body.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.type).toBe('ticket.expired');
    expect(await expireStaleTickets({ db: database.db, publisher: app.publisher })).toBe(0);
  });

  it('says in the services list whether each service is issuing now', async () => {
    await database.db
      .updateTable('services')
      .set({ issuing_hours: JSON.stringify([{ from: '00:00', to: '00:00' }]) })
      .where('id', '=', 3)
      .execute();
    await database.db.updateTable('services').set({ active: false }).where('id', '=', 4).execute();
    const services = (await citizen().get('/api/centers/1/services')).body as {
      id: number;
      issuingNow: boolean;
    }[];
    expect(services.find((s) => s.id === 1)?.issuingNow).toBe(true);
    expect(services.find((s) => s.id === 3)?.issuingNow).toBe(false);
    expect(services.find((s) => s.id === 4)?.issuingNow).toBe(false);
    const refused = await citizen().post('/api/centers/1/tickets', { serviceId: 3 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('outside_issuing_hours');
  });
});
