/**
 * The manager's live dashboard, checked against figures worked out by hand for a small
 * day: who waits, for how long, what was served, who paused, breaches of the SLA, ratings.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('center dashboard', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A'], ['B']],
      staff: [
        { role: 'clerk', count: 2 },
        { role: 'manager', count: 1 },
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows per service, counter and clerk figures, breaches and ratings of the day', async () => {
    const [c1, c2] = f.counterIds as [number, number];
    const clerk1 = await new Client(app.url).login(f.usernames.clerk[0]!);
    const clerk2 = await new Client(app.url).login(f.usernames.clerk[1]!);
    const issue = async (code: string) =>
      (
        await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
          serviceId: f.serviceIds[code],
        })
      ).body;
    const [a1, a2, a3] = [await issue('A'), await issue('A'), await issue('A')];
    await issue('B');

    await clerk1.post(`/api/counters/${c1}/open`);
    await clerk2.post(`/api/counters/${c2}/open`);
    await clerk2.post(`/api/counters/${c2}/pause`, { reason: 'Họp' });

    expect((await clerk1.post(`/api/counters/${c1}/call-next`)).body.ticket.id).toBe(a1.id);
    await clerk1.post(`/api/tickets/${a1.id}/start`);
    await clerk1.post(`/api/tickets/${a1.id}/complete`, {});
    expect((await new Client(app.url).post(`/api/tickets/${a1.token}/feedback`, { rating: 4 })).status).toBe(
      201,
    );
    expect((await clerk1.post(`/api/counters/${c1}/call-next`)).body.ticket.id).toBe(a2.id);
    await clerk1.post(`/api/tickets/${a2.id}/no-show`);
    // The last A ticket has been waiting 40 minutes: past the 30-minute target.
    await sql`UPDATE tickets SET issued_at = now() - interval '40 minutes' WHERE id = ${a3.id}`.execute(
      database.db,
    );

    const manager = await new Client(app.url).login(f.usernames.manager[0]!);
    const res = await manager.get(`/api/centers/${f.centerId}/dashboard`);
    expect(res.status).toBe(200);
    const d = res.body;
    const A = d.services.find((s: { code: string }) => s.code === 'A');
    const B = d.services.find((s: { code: string }) => s.code === 'B');
    expect(A).toMatchObject({ waiting: 1, servedToday: 1, slaMinutes: 30, breached: true });
    expect(A.longestWaitSeconds).toBeGreaterThanOrEqual(2400);
    expect(A.averageWaitLastHourSeconds).toBeGreaterThanOrEqual(0);
    expect(B).toMatchObject({
      waiting: 1,
      servedToday: 0,
      breached: false,
      averageWaitLastHourSeconds: null,
    });
    expect(d.breaches).toEqual([
      expect.objectContaining({
        ticketId: a3.id,
        number: a3.number,
        serviceId: f.serviceIds.A,
        slaMinutes: 30,
      }),
    ]);

    expect(d.counters).toEqual([
      expect.objectContaining({ id: c1, state: 'open', clerk: f.usernames.clerk[0], ticket: null }),
      expect.objectContaining({
        id: c2,
        state: 'paused',
        pauseReason: 'other',
        pauseNote: 'Họp',
        clerk: f.usernames.clerk[1],
      }),
    ]);
    const byName = Object.fromEntries(d.clerks.map((c: { username: string }) => [c.username, c]));
    expect(byName[f.usernames.clerk[0]!]).toMatchObject({ served: 1, noShows: 1, pauseSeconds: 0 });
    expect(byName[f.usernames.clerk[0]!].averageServiceSeconds).toBeGreaterThanOrEqual(0);
    expect(byName[f.usernames.clerk[1]!]).toMatchObject({ served: 0, noShows: 0 });
    expect(byName[f.usernames.clerk[1]!].pauseSeconds).toBeGreaterThanOrEqual(0);
    expect(d.satisfaction).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1 });
    expect(d.timeline.length).toBeGreaterThan(0);
    expect(d.seq).toBeGreaterThan(0);
  });

  it('ends its timeline at now, with everyone waiting now (issue 11 item 6: it read 0 until the next quarter hour)', async () => {
    await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.A });
    const manager = await new Client(app.url).login(f.usernames.manager[0]!);
    const d = (await manager.get(`/api/centers/${f.centerId}/dashboard`)).body;
    const waitingNow = d.services.reduce((n: number, s: { waiting: number }) => n + s.waiting, 0);
    expect(waitingNow).toBeGreaterThan(0);
    const last = d.timeline.at(-1);
    expect(last.waiting).toBe(waitingNow);
    expect(Date.now() - Date.parse(last.at)).toBeLessThan(60_000);
    const times = d.timeline.map((p: { at: string }) => Date.parse(p.at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
  });

  it("keeps each open counter's clerk when an admin edits its service or the counter (issue 11 item 12)", async () => {
    const [c1, c2] = f.counterIds as [number, number];
    // As the first test leaves them (and so when run alone): c1 open by clerk 1, c2 paused by clerk 2.
    await (await new Client(app.url).login(f.usernames.clerk[0]!)).post(`/api/counters/${c1}/open`);
    const clerk2 = await new Client(app.url).login(f.usernames.clerk[1]!);
    await clerk2.post(`/api/counters/${c2}/open`);
    await clerk2.post(`/api/counters/${c2}/pause`, { reason: 'Họp' });
    const admin = await new Client(app.url).login('admin');
    const clerksNow = async () => {
      const manager = await new Client(app.url).login(f.usernames.manager[0]!);
      return (await manager.get(`/api/centers/${f.centerId}/dashboard`)).body;
    };
    const before = await clerksNow();
    expect(before.counters.map((c: { clerk: string }) => c.clerk)).toEqual([
      f.usernames.clerk[0],
      f.usernames.clerk[1],
    ]);
    const edit = async (path: string, body: object) =>
      expect((await admin.request('PATCH', path, body)).status).toBe(200);
    await edit(`/api/config/services/${f.serviceIds.A}`, { name: 'Hộ tịch (sửa)' });
    await edit(`/api/config/services/${f.serviceIds.B}`, { slaMinutes: 25 });
    await edit(`/api/config/counters/${c2}`, { name: 'Quầy hai' });

    const after = await clerksNow();
    expect(after.counters).toEqual([
      expect.objectContaining({ id: c1, state: 'open', clerk: f.usernames.clerk[0] }),
      expect.objectContaining({ id: c2, state: 'paused', clerk: f.usernames.clerk[1] }),
    ]);
    // The pause stays the clerk's: the edits are not a pause of the admin's.
    expect(after.clerks.map((c: { username: string }) => c.username)).not.toContain('admin');
    const paused = (d: { clerks: { username: string; pauseSeconds: number }[] }) =>
      d.clerks.find((c) => c.username === f.usernames.clerk[1])!.pauseSeconds;
    expect(paused(after)).toBeGreaterThanOrEqual(paused(before));
  });

  it('is for managers of the center and admins only', async () => {
    const path = `/api/centers/${f.centerId}/dashboard`;
    expect((await new Client(app.url).get(path)).status).toBe(401);
    expect((await (await new Client(app.url).login(f.usernames.clerk[0]!)).get(path)).status).toBe(403);
    expect((await (await new Client(app.url).login('manager')).get(path)).status).toBe(403);
    expect((await (await new Client(app.url).login('admin')).get(path)).status).toBe(200);
    expect(
      (await (await new Client(app.url).login('admin')).get('/api/centers/999999/dashboard')).status,
    ).toBe(404);
  });
});
