/**
 * The clerk's view of the queue must tell the truth: the preview lists the tickets in the
 * order call-next then takes them (ratio, ageing, service order), and the clerk's figures
 * for today count what they did.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('counter queue preview and clerk figures', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let clerk: Client;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['B', 'A']],
      priorityEvery: 2,
      ageingMinutes: 30,
    });
    clerk = await new Client(app.url).login(f.usernames.clerk[0]!);
    await clerk.post(`/api/counters/${f.counterIds[0]}/open`);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('previews the exact order in which call-next then calls', async () => {
    const issue = (code: string, priority?: string) =>
      new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
        serviceId: f.serviceIds[code],
        ...(priority ? { priority } : {}),
      });
    const issued = [];
    for (const [code, priority] of [
      ['A', undefined],
      ['A', 'elderly'],
      ['B', undefined],
      ['A', undefined],
      ['B', 'veteran'],
      ['B', undefined],
      ['A', undefined],
    ] as const) {
      issued.push((await issue(code, priority)).body);
    }
    // The first A ticket has waited long enough to rise above the counter's preference for B.
    await sql`UPDATE tickets SET queued_at = now() - interval '45 minutes' WHERE id = ${issued[0].id}`.execute(
      database.db,
    );

    const preview = await clerk.get(`/api/counters/${f.counterIds[0]}/queue`);
    expect(preview.status).toBe(200);
    expect(preview.body.services).toEqual([
      { id: f.serviceIds.B, waiting: 3 },
      { id: f.serviceIds.A, waiting: 4 },
    ]);
    const previewed = preview.body.next.map((t: { number: string }) => t.number);
    expect(preview.body.next[0].reason).toBe('priority');

    const called: string[] = [];
    for (;;) {
      const res = await clerk.post(`/api/counters/${f.counterIds[0]}/call-next`);
      if (res.status === 204) break;
      called.push(res.body.ticket.number);
      await clerk.post(`/api/tickets/${res.body.ticket.id}/start`);
      await clerk.post(`/api/tickets/${res.body.ticket.id}/complete`, {});
    }
    expect(called).toEqual(previewed);
    expect(called).toHaveLength(7);
  });

  it('lists today’s held tickets at this counter and its services’ no-shows', async () => {
    const counter = f.counterIds[0]!;
    const a = (
      await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.A })
    ).body;
    const b = (
      await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.A })
    ).body;
    await clerk.post(`/api/counters/${counter}/call-next`);
    await clerk.post(`/api/tickets/${a.id}/no-show`);
    await clerk.post(`/api/counters/${counter}/call-next`);
    await clerk.post(`/api/tickets/${b.id}/start`);
    await clerk.post(`/api/tickets/${b.id}/hold`);
    const queue = (await clerk.get(`/api/counters/${counter}/queue`)).body;
    expect(queue.held.map((t: { id: number }) => t.id)).toEqual([b.id]);
    expect(queue.noShows.map((t: { id: number }) => t.id)).toEqual([a.id]);
    expect(queue.next).toEqual([]);

    const today = await clerk.get('/api/me/today');
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({ served: 7, noShows: 1 });
    expect(today.body.averageServiceSeconds).toBeGreaterThanOrEqual(0);
  });

  it('refuses the queue of another center and without a session', async () => {
    expect((await new Client(app.url).get(`/api/counters/${f.counterIds[0]}/queue`)).status).toBe(401);
    const other = await new Client(app.url).login('clerk1');
    const res = await other.get(`/api/counters/${f.counterIds[0]}/queue`);
    expect(res.status).toBe(403);
    expect((await other.get('/api/counters/999999/queue')).status).toBe(404);
  });
});
