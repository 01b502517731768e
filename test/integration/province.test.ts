/**
 * The province overview, checked against figures worked out by hand for two centers in
 * different time zones, each counted in its own local day; only admins may see it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('province overview', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let hanoi: CenterFixture;
  let kiritimati: CenterFixture;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    const staff = [
      { role: 'clerk' as const, count: 1 },
      { role: 'manager' as const, count: 1 },
    ];
    hanoi = await createCenterFixture(database.db, { services: ['A', 'B'], counters: [['A'], ['B']], staff });
    // UTC+14: its local day starts at another instant than Hanoi's.
    kiritimati = await createCenterFixture(database.db, {
      services: ['C'],
      counters: [['C']],
      staff,
      timezone: 'Pacific/Kiritimati',
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const issue = async (f: CenterFixture, code: string) =>
    (await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds[code] }))
      .body as { id: number; token: string };

  /** Calls, serves and completes the next ticket at the counter, and rates it. */
  async function serve(clerk: Client, counterId: number, rating: number): Promise<number> {
    const { ticket } = (await clerk.post(`/api/counters/${counterId}/call-next`)).body;
    await clerk.post(`/api/tickets/${ticket.id}/start`);
    await clerk.post(`/api/tickets/${ticket.id}/complete`, {});
    const token = (
      await database.db
        .selectFrom('tickets')
        .select('token')
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow()
    ).token;
    expect((await new Client(app.url).post(`/api/tickets/${token}/feedback`, { rating })).status).toBe(201);
    return ticket.id;
  }

  it('gives each center its waiting, longest wait, open counters, served and satisfaction today', async () => {
    // Hanoi: A1 served (rated 4); A2 waiting 40 minutes, A3 and B1 waiting; counter 1 of 2 open.
    const hanoiClerk = await new Client(app.url).login(hanoi.usernames.clerk[0]!);
    await issue(hanoi, 'A');
    const a2 = await issue(hanoi, 'A');
    await issue(hanoi, 'A');
    await issue(hanoi, 'B');
    await hanoiClerk.post(`/api/counters/${hanoi.counterIds[0]}/open`);
    await serve(hanoiClerk, hanoi.counterIds[0]!, 4);
    await sql`UPDATE tickets SET issued_at = now() - interval '40 minutes' WHERE id = ${a2.id}`.execute(
      database.db,
    );

    // Kiritimati: C1..C3 served and rated 1, 3, 4; C4 waiting; counter closed again.
    // C1 belongs to yesterday (not served today); the rating 4 was given before local midnight.
    const kClerk = await new Client(app.url).login(kiritimati.usernames.clerk[0]!);
    const counter = kiritimati.counterIds[0]!;
    for (let i = 0; i < 4; i++) await issue(kiritimati, 'C');
    await kClerk.post(`/api/counters/${counter}/open`);
    const c1 = await serve(kClerk, counter, 1);
    await serve(kClerk, counter, 3);
    const c3 = await serve(kClerk, counter, 4);
    await kClerk.post(`/api/counters/${counter}/close`);
    await sql`UPDATE tickets SET day = day - 1 WHERE id = ${c1}`.execute(database.db);
    await sql`UPDATE feedback SET created_at =
        ((now() AT TIME ZONE 'Pacific/Kiritimati')::date::timestamp AT TIME ZONE 'Pacific/Kiritimati')
        - interval '1 minute'
      WHERE ticket_id = ${c3}`.execute(database.db);

    const admin = await new Client(app.url).login('admin');
    const res = await admin.get('/api/province/overview');
    expect(res.status).toBe(200);
    const byId = (id: number) => res.body.centers.find((c: { id: number }) => c.id === id);
    const h = byId(hanoi.centerId);
    expect(h).toMatchObject({
      waiting: 3,
      openCounters: 1,
      counters: 2,
      servedToday: 1,
      ratingsToday: 1,
      satisfiedShare: 1,
      timezone: 'Asia/Ho_Chi_Minh',
    });
    expect(h.longestWaitSeconds).toBeGreaterThanOrEqual(2400);
    expect(h.longestWaitSeconds).toBeLessThan(2400 + 120);
    const k = byId(kiritimati.centerId);
    expect(k).toMatchObject({
      waiting: 1,
      openCounters: 0,
      counters: 1,
      servedToday: 2,
      ratingsToday: 2,
      satisfiedShare: 0.5,
      timezone: 'Pacific/Kiritimati',
    });
    expect(k.longestWaitSeconds).toBeLessThan(120);
    // Every center is listed, the demo center too, in id order.
    const ids = res.body.centers.map((c: { id: number }) => c.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids).toContain(1);
  });

  it('is for admins only: 401 without a session, 403 for managers and clerks', async () => {
    expect((await new Client(app.url).get('/api/province/overview')).status).toBe(401);
    const manager = await new Client(app.url).login(hanoi.usernames.manager[0]!);
    const refused = await manager.get('/api/province/overview');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const clerk = await new Client(app.url).login(hanoi.usernames.clerk[0]!);
    expect((await clerk.get('/api/province/overview')).status).toBe(403);
  });
});
