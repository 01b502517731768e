/**
 * One meaning of "served" (issue 11 item 14, shared/src/served.ts): a real morning through
 * HTTP, with tickets completed, transferred from called and from serving, and a no-show, and
 * the dashboard, each clerk's own day, the report and the province overview all give the
 * same served numbers (a transfer is never served; the ticket it became is, once completed).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WireTicket } from '../../shared/src/protocol.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('served counts agree everywhere', (kind) => {
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

  async function act(clerk: Client, ticketId: number, action: string, body?: unknown): Promise<WireTicket> {
    const res = await clerk.post<{ ticket: WireTicket }>(`/api/tickets/${ticketId}/${action}`, body);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.ticket;
  }
  async function call(clerk: Client, counterId: number): Promise<WireTicket> {
    const res = await clerk.post<{ ticket: WireTicket }>(`/api/counters/${counterId}/call-next`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.ticket;
  }
  async function complete(clerk: Client, ticketId: number): Promise<void> {
    await act(clerk, ticketId, 'start');
    await act(clerk, ticketId, 'complete', { outcome: 'resolved' });
  }

  it('the dashboard, the clerks’ day, the report and the province overview give the same served numbers', async () => {
    const f: CenterFixture = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A'], ['B']],
      staff: [
        { role: 'clerk', count: 2 },
        { role: 'manager', count: 1 },
        { role: 'admin', count: 1 },
      ],
    });
    const [counterA, counterB] = f.counterIds as [number, number];
    const clerkA = await new Client(app.url).login(f.usernames.clerk[0]!);
    const clerkB = await new Client(app.url).login(f.usernames.clerk[1]!);
    expect((await clerkA.post(`/api/counters/${counterA}/open`)).status).toBe(200);
    expect((await clerkB.post(`/api/counters/${counterB}/open`)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await clerkA.post(`/api/centers/${f.centerId}/tickets`, {
        serviceId: f.serviceIds.A,
        channel: 'staff',
      });
      expect(res.status).toBe(201);
    }

    // At A: two completed, one sent on from called, one from serving, one no-show.
    await complete(clerkA, (await call(clerkA, counterA)).id);
    await complete(clerkA, (await call(clerkA, counterA)).id);
    await act(clerkA, (await call(clerkA, counterA)).id, 'transfer', { serviceId: f.serviceIds.B });
    const fromServing = await call(clerkA, counterA);
    await act(clerkA, fromServing.id, 'start');
    await act(clerkA, fromServing.id, 'transfer', { serviceId: f.serviceIds.B });
    await act(clerkA, (await call(clerkA, counterA)).id, 'no-show');
    // At B: both transferred citizens are served under their new numbers.
    await complete(clerkB, (await call(clerkB, counterB)).id);
    await complete(clerkB, (await call(clerkB, counterB)).id);
    expect((await clerkB.post(`/api/counters/${counterB}/call-next`)).status).toBe(204);

    // Six tickets ended `done` (four completed, two transferred); four of them were served.
    const done = await database.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('center_id', '=', f.centerId)
      .where('status', '=', 'done')
      .executeTakeFirstOrThrow();
    expect(Number(done.n)).toBe(6);

    const manager = await new Client(app.url).login(f.usernames.manager[0]!);
    const dashboard = (await manager.get(`/api/centers/${f.centerId}/dashboard`)).body;
    const day = dashboard.day as string;
    const report = await manager.get(`/api/centers/${f.centerId}/reports?from=${day}&to=${day}`);
    expect(report.status).toBe(200);
    const admin = await new Client(app.url).login(f.usernames.admin[0]!);
    const province = await admin.get('/api/province/overview');
    expect(province.status).toBe(200);
    const todayA = (await clerkA.get('/api/me/today')).body;
    const todayB = (await clerkB.get('/api/me/today')).body;

    const byService = (rows: { code: string }[], key: string) =>
      Object.fromEntries(rows.map((r) => [r.code, (r as unknown as Record<string, number>)[key]]));
    const expected = { A: 2, B: 2 };
    expect(byService(dashboard.services, 'servedToday')).toEqual(expected);
    expect(byService(report.body.services, 'served')).toEqual(expected);
    expect(report.body.total).toMatchObject({ served: 4, transferred: 2, noShow: 1 });
    expect(province.body.centers.find((c: { id: number }) => c.id === f.centerId).servedToday).toBe(4);

    const perClerk = {
      [f.usernames.clerk[0]!]: 2,
      [f.usernames.clerk[1]!]: 2,
    };
    const figures = (rows: { username: string; served: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.username, r.served]));
    expect(figures(dashboard.clerks)).toEqual(perClerk);
    expect(figures(report.body.clerks)).toEqual(perClerk);
    expect([todayA.served, todayB.served]).toEqual([2, 2]);
  });
});
