/**
 * No estimate while nobody serves the service (DESIGN.md §15, issue 11 item 3): with every
 * counter of a service closed, its waiting tickets carry no estimate (null) and say that no
 * counter serves them, in the issuance reply, the citizen's GET, the ticket snapshot and the
 * pushed positions; the services list says it too, and the dashboard raises it. Once a counter
 * opens, the estimate and the counters come back live to the citizen's room; closing them all
 * again takes them away again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LiveEvent, TicketSnapshot, WireTicket } from '../../shared/src/protocol.js';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('no estimate while no counter serves', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['X', 'Y'],
      // Quầy 1 and 2 serve X; Quầy 3 serves Y only.
      counters: [['X'], ['Y', 'X'], ['Y']],
      staff: [
        { role: 'clerk', count: 3 },
        { role: 'manager', count: 1 },
      ],
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app?.close();
    await database?.close();
  });

  /** The citizen's room: every event it gets, and a way to wait for the next that matches. */
  async function citizenRoom(token: string) {
    const s = connectSocket(app.url);
    sockets.push(s);
    const events: LiveEvent[] = [];
    const waiters: { match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
    s.on('event', (e) => {
      events.push(e);
      for (const w of waiters.splice(0)) {
        if (w.match(e)) w.resolve(e);
        else waiters.push(w);
      }
    });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const ack = await subscribe(s, { ticketToken: token });
    if (!('snapshot' in ack)) throw new Error(`no snapshot: ${JSON.stringify(ack)}`);
    const next = (match: (e: LiveEvent) => boolean) =>
      new Promise<LiveEvent>((resolve, reject) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error('the awaited position never came')), 10_000);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    return { snapshot: ack.snapshot as TicketSnapshot, events, next };
  }

  it('gives no estimate while every counter of the service is closed, and a live one once one opens', async () => {
    const [c1, c2, c3] = f.counterIds as [number, number, number];
    const clerks = await Promise.all(f.usernames.clerk.map((u) => new Client(app.url).login(u)));
    const manager = await new Client(app.url).login(f.usernames.manager[0]!);
    const citizen = new Client(app.url);
    // Only Quầy 3 (Y) is open: nobody serves X.
    expect((await clerks[2]!.post(`/api/counters/${c3}/open`)).status).toBe(200);

    const issued = await citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.X });
    expect(issued.status).toBe(201);
    // The first ticket of a service with no open counter: once 900 s, made up.
    expect(issued.body).toMatchObject({
      number: 'X001',
      position: 1,
      estimatedWaitSeconds: null,
      servingCounters: [],
    });
    const mine: WireTicket & { token: string } = issued.body;
    const other = await citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.Y });
    expect(other.body).toMatchObject({ servingCounters: [3], estimatedWaitSeconds: expect.any(Number) });

    expect((await citizen.get(`/api/tickets/${mine.token}`)).body).toMatchObject({
      status: 'waiting',
      position: 1,
      estimatedWaitSeconds: null,
      servingCounters: [],
    });
    const services = (await citizen.get(`/api/centers/${f.centerId}/services`)).body as {
      id: number;
      servingCounters: number[];
    }[];
    expect(services.map((s) => s.servingCounters)).toEqual([[], [3]]);
    const unserved = async () =>
      (
        (await manager.get(`/api/centers/${f.centerId}/dashboard`)).body.services as {
          code: string;
          unserved: boolean;
          servingCounters: number[];
        }[]
      ).map(({ code, unserved, servingCounters }) => ({ code, unserved, servingCounters }));
    expect(await unserved()).toEqual([
      { code: 'X', unserved: true, servingCounters: [] },
      { code: 'Y', unserved: false, servingCounters: [3] },
    ]);

    await app.publisher.idle();
    const room = await citizenRoom(mine.token);
    expect(room.snapshot.ticket).toMatchObject({
      position: 1,
      estimatedWaitSeconds: null,
      servingCounters: [],
    });

    // Quầy 2 opens: its services' positions are refreshed, and the citizen hears an estimate.
    expect((await clerks[1]!.post(`/api/counters/${c2}/open`)).status).toBe(200);
    const back = await room.next(
      (e) => e.type === 'ticket.position' && (e.ticket?.servingCounters ?? []).length > 0,
    );
    expect(back.ticket).toMatchObject({ id: mine.id, position: 1, servingCounters: [2] });
    expect(back.ticket!.estimatedWaitSeconds).toBeGreaterThan(0);
    expect((await citizen.get(`/api/tickets/${mine.token}`)).body).toMatchObject({
      servingCounters: [2],
      estimatedWaitSeconds: expect.any(Number),
    });
    expect(await unserved()).toEqual([
      { code: 'X', unserved: false, servingCounters: [2] },
      { code: 'Y', unserved: false, servingCounters: [2, 3] },
    ]);

    // A second counter is news even if the estimate stays the same.
    expect((await clerks[0]!.post(`/api/counters/${c1}/open`)).status).toBe(200);
    const more = await room.next(
      (e) => e.type === 'ticket.position' && e.ticket?.servingCounters?.length === 2,
    );
    expect(more.ticket).toMatchObject({ servingCounters: [1, 2], estimatedWaitSeconds: expect.any(Number) });

    // Both close (one paused, which serves nobody now either): the estimate goes again.
    expect((await clerks[0]!.post(`/api/counters/${c1}/close`)).status).toBe(200);
    expect((await clerks[1]!.post(`/api/counters/${c2}/pause`, { reason: 'break' })).status).toBe(200);
    const gone = await room.next(
      (e) => e.type === 'ticket.position' && e.seq > more.seq && e.ticket?.servingCounters?.length === 0,
    );
    expect(gone.ticket).toMatchObject({ position: 1, estimatedWaitSeconds: null, servingCounters: [] });
    expect((await citizen.get(`/api/tickets/${mine.token}`)).body).toMatchObject({
      estimatedWaitSeconds: null,
      servingCounters: [],
    });
    expect((await unserved())[0]).toEqual({ code: 'X', unserved: true, servingCounters: [] });
    // Every position the citizen heard said the same thing twice over: an estimate exactly when a counter serves.
    for (const e of room.events.filter((e) => e.type === 'ticket.position')) {
      expect(e.ticket!.estimatedWaitSeconds === null).toBe(e.ticket!.servingCounters!.length === 0);
    }
  });

  it('takes the estimate away when the manager takes the service off its only open counter', async () => {
    const g = await createCenterFixture(database.db, {
      services: ['P', 'Q'],
      counters: [['P', 'Q']],
      staff: [
        { role: 'clerk', count: 1 },
        { role: 'manager', count: 1 },
      ],
    });
    const clerk = await new Client(app.url).login(g.usernames.clerk[0]!);
    const manager = await new Client(app.url).login(g.usernames.manager[0]!);
    expect((await clerk.post(`/api/counters/${g.counterIds[0]}/open`)).status).toBe(200);
    const issued = await new Client(app.url).post(`/api/centers/${g.centerId}/tickets`, {
      serviceId: g.serviceIds.P,
    });
    expect(issued.body).toMatchObject({ servingCounters: [1], estimatedWaitSeconds: expect.any(Number) });
    await app.publisher.idle();
    const room = await citizenRoom(issued.body.token);
    // Configured to serve Q only: P has nobody now, and its citizen hears so at once.
    const edit = await manager.request('PATCH', `/api/config/counters/${g.counterIds[0]}`, {
      serviceIds: [g.serviceIds.Q],
    });
    expect(edit.status).toBe(200);
    const gone = await room.next(
      (e) => e.type === 'ticket.position' && e.ticket?.servingCounters?.length === 0,
    );
    expect(gone.ticket).toMatchObject({ id: issued.body.id, estimatedWaitSeconds: null });
  });

  it('raises no alert for a service nobody serves while nobody waits for it', async () => {
    const g = await createCenterFixture(database.db, {
      services: ['Z'],
      counters: [['Z']],
      staff: [{ role: 'manager', count: 1 }],
    });
    const manager = await new Client(app.url).login(g.usernames.manager[0]!);
    const d = (await manager.get(`/api/centers/${g.centerId}/dashboard`)).body;
    expect(d.services).toEqual([
      expect.objectContaining({ code: 'Z', waiting: 0, servingCounters: [], unserved: false }),
    ]);
  });
});
