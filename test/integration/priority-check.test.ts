import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('priority claimed at the kiosk, checked by staff', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let clerk: Client;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    clerk = await new Client(app.url).login('clerk1');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const issue = async (priority: string | null) =>
    (await kioskClient(database.db, app.url, 1)).post('/api/centers/1/tickets', {
      serviceId: 1,
      priority,
      channel: 'kiosk',
    });

  it('shows a claim as unconfirmed until a clerk confirms it, and logs who did', async () => {
    const claimed = await issue('elderly');
    expect(claimed.body).toMatchObject({ priority: 'elderly', priorityConfirmed: false });
    const confirmed = await clerk.post(`/api/tickets/${claimed.body.id}/priority`, { decision: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.ticket).toMatchObject({ priority: 'elderly', priorityConfirmed: true });
    const event = await database.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', claimed.body.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.type).toBe('ticket.priority_confirmed');
    expect(event.user_id).not.toBeNull();
  });

  it('removes a claim with a reason, which moves the ticket back among normal ones', async () => {
    const normal = await issue(null);
    const claimed = await issue('veteran');
    expect(claimed.body.position).toBeLessThan(normal.body.position + 1);
    const missingReason = await clerk.post(`/api/tickets/${claimed.body.id}/priority`, {
      decision: 'remove',
    });
    expect(missingReason.status).toBe(400);
    const removed = await clerk.post(`/api/tickets/${claimed.body.id}/priority`, {
      decision: 'remove',
      reason: 'Không xuất trình được giấy tờ',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.ticket.priority).toBeNull();
    expect(removed.body.ticket.priorityConfirmed).toBeUndefined();
    const view = await new Client(app.url).get(`/api/tickets/${claimed.body.token}`);
    expect(view.body.position).toBeGreaterThan(
      (await new Client(app.url).get(`/api/tickets/${normal.body.token}`)).body.position,
    );
    const event = await database.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', claimed.body.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.type).toBe('ticket.priority_removed');
    expect((event.payload as { note: string }).note).toBe('veteran: Không xuất trình được giấy tờ');
    const again = await clerk.post(`/api/tickets/${claimed.body.id}/priority`, { decision: 'confirm' });
    expect(again.status).toBe(409);
  });

  it('is staff only and refuses bad decisions', async () => {
    const claimed = await issue('pregnant');
    const anonymous = await new Client(app.url).post(`/api/tickets/${claimed.body.id}/priority`, {
      decision: 'confirm',
    });
    expect(anonymous.status).toBe(401);
    const bad = await clerk.post(`/api/tickets/${claimed.body.id}/priority`, { decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect((await clerk.post('/api/tickets/999999/priority', { decision: 'confirm' })).status).toBe(404);
  });
});
