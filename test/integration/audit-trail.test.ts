/**
 * A manager reads who did what in their center: staff actions from the event log and
 * configuration changes, newest first, with no secret in them; others are refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('audit trail', (kind) => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists staff actions and configuration changes with who made them, newest first', async () => {
    const issued = await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 1 });
    const clerk = await new Client(app.url).login('clerk1');
    await clerk.post('/api/counters/1/open');
    await clerk.post('/api/counters/1/call-next');
    const manager = await new Client(app.url).login('manager');
    expect((await manager.request('PATCH', '/api/config/services/1', { slaMinutes: 25 })).status).toBe(200);

    const res = await manager.get('/api/centers/1/audit');
    expect(res.status).toBe(200);
    const entries = res.body as {
      at: string;
      username: string;
      action: string;
      subject: string;
      source: string;
    }[];
    // The newest is the manager's change (and the counter.changed events it caused, same moment).
    expect(entries[0]?.username).toBe('manager');
    expect(entries.some((e) => e.username === 'manager' && e.source === 'configuration')).toBe(true);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'clerk1',
          action: 'ticket.called',
          subject: 'A001',
          source: 'events',
        }),
        expect.objectContaining({ username: 'clerk1', action: 'counter.changed', subject: 'counter 1' }),
      ]),
    );
    // The citizen's anonymous issue is not a staff action.
    expect(entries.some((e) => e.action === 'ticket.issued')).toBe(false);
    const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
    expect(entries.map((e) => e.at)).toEqual(sorted.map((e) => e.at));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(issued.body.token);
    expect(text).not.toContain(manager.cookie!.split('=')[1]!);
    expect((await manager.get('/api/centers/1/audit?limit=1')).body).toHaveLength(1);
    expect((await manager.get('/api/centers/1/audit?limit=0')).status).toBe(400);
  });

  it('is for the center’s managers and admins only', async () => {
    expect((await new Client(app.url).get('/api/centers/1/audit')).status).toBe(401);
    expect((await (await new Client(app.url).login('clerk1')).get('/api/centers/1/audit')).status).toBe(403);
    expect((await (await new Client(app.url).login('admin')).get('/api/centers/1/audit')).status).toBe(200);
  });
});
