/**
 * A clerk's transfer to one named counter (`counterId` on POST /api/tickets/:id/transfer), on
 * both databases: the new ticket is reserved for that counter, whose call-next takes it first
 * with reason `transfer` while other counters pass it by; the queue preview and the citizen's
 * position agree; closing the counter releases it to the common queue; racing calls and a
 * transfer racing the close stay correct; and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CenterSnapshot, LiveEvent, WireTicket } from '../../shared/src/protocol.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError } from '../helpers/refusals.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

type Issued = WireTicket & { token: string };
type Preview = { next: (WireTicket & { reason?: string })[]; services: { id: number; waiting: number }[] };

eachDatabase('transfer to a counter', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let citizen: Client;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    citizen = new Client(app.url);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /**
   * Counter 1 serves A; counters 2 and 3 serve B; counter 4 serves A only. Each counter has
   * its own clerk (a counter is held by whoever opened it); all open.
   */
  async function center() {
    const fixture = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A'], ['B'], ['B'], ['A']],
      staff: [{ role: 'clerk', count: 4 }],
    });
    const clerks: Client[] = [];
    for (const [i, id] of fixture.counterIds.entries()) {
      const clerk = await new Client(app.url).login(fixture.usernames.clerk[i]!);
      expect((await clerk.post(`/api/counters/${id}/open`)).status).toBe(200);
      clerks.push(clerk);
    }
    return { fixture, clerks };
  }

  async function issue(clerk: Client, fixture: CenterFixture, code: string): Promise<Issued> {
    const res = await clerk.post<Issued>(`/api/centers/${fixture.centerId}/tickets`, {
      serviceId: fixture.serviceIds[code],
      channel: 'staff',
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function callNext(clerk: Client, counterId: number) {
    return clerk.post<{ ticket: WireTicket & { reason?: string } }>(`/api/counters/${counterId}/call-next`);
  }

  async function serve(clerk: Client, ticketId: number): Promise<void> {
    expect((await clerk.post(`/api/tickets/${ticketId}/start`)).status).toBe(200);
    expect((await clerk.post(`/api/tickets/${ticketId}/complete`, {})).status).toBe(200);
  }

  async function preview(clerk: Client, counterId: number): Promise<Preview> {
    const res = await clerk.get<Preview>(`/api/counters/${counterId}/queue`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** A ticket of A called at counter 1, ready to be transferred. */
  async function calledAtA(f: { fixture: CenterFixture; clerks: Client[] }): Promise<Issued> {
    const ticket = await issue(f.clerks[0]!, f.fixture, 'A');
    const called = await callNext(f.clerks[0]!, f.fixture.counterIds[0]!);
    expect(called.body.ticket.id).toBe(ticket.id);
    return ticket;
  }

  /** The clerk at counter 1 sends a ticket to service B at counter 3; the new waiting ticket. */
  async function sendToB(
    f: { fixture: CenterFixture; clerks: Client[] },
    ticketId: number,
  ): Promise<WireTicket> {
    const res = await f.clerks[0]!.post<{ ticket: WireTicket }>(`/api/tickets/${ticketId}/transfer`, {
      serviceId: f.fixture.serviceIds.B,
      counterId: f.fixture.counterIds[2],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.ticket;
  }

  describe('reserved for the named counter', () => {
    it('is reserved, comes first at that counter with reason transfer, and another counter passes it by', async () => {
      const f = await center();
      const [, c2, c3] = f.fixture.counterIds as [number, number, number];
      const [clerk1, clerk2, clerk3] = f.clerks as [Client, Client, Client];
      // Two B tickets already waiting, older than the transfer's new ticket.
      const b1 = await issue(clerk1, f.fixture, 'B');
      const b2 = await issue(clerk1, f.fixture, 'B');
      const a = await calledAtA(f);

      const res = await clerk1.post<{ ticket: WireTicket }>(`/api/tickets/${a.id}/transfer`, {
        serviceId: f.fixture.serviceIds.B,
        counterId: c3,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const moved = res.body.ticket;
      expect(moved).toMatchObject({
        status: 'waiting',
        serviceId: f.fixture.serviceIds.B,
        reservedCounterId: c3,
      });
      const row = await database.db
        .selectFrom('tickets')
        .select('reserved_counter_id')
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(row.reserved_counter_id).toBe(c3);

      // The board's reloaded snapshot says the counter, as the live event does.
      const snap = await citizen.get<CenterSnapshot>(`/api/centers/${f.fixture.centerId}/snapshot`);
      expect(snap.body.recentCalls[0]).toMatchObject({
        number: a.number,
        transferredTo: { number: moved.number, serviceId: f.fixture.serviceIds.B, counterNumber: 3 },
      });
      const logged = await database.db
        .selectFrom('ticket_events')
        .select('payload')
        .where('ticket_id', '=', a.id)
        .where('type', '=', 'ticket.transferred')
        .executeTakeFirstOrThrow();
      const body = (
        typeof logged.payload === 'string' ? JSON.parse(logged.payload) : logged.payload
      ) as LiveEvent;
      expect(body).toMatchObject({
        transferredToCounter: 3,
        transferredTo: { id: moved.id, reservedCounterId: c3 },
      });

      // The citizen's page: first in counter 3's own line, with counter 3 as the one serving it.
      const mine = await citizen.get<WireTicket>(`/api/tickets/${a.token}`);
      expect(mine.body).toMatchObject({
        id: moved.id,
        position: 1,
        reservedCounterId: c3,
        servingCounters: [3],
      });
      // The common line does not count it: b1 and b2 stay first and second.
      expect((await citizen.get<WireTicket>(`/api/tickets/${b1.token}`)).body.position).toBe(1);
      expect((await citizen.get<WireTicket>(`/api/tickets/${b2.token}`)).body.position).toBe(2);

      // The previews agree with call-next: counter 3 sees it first, counter 2 not at all.
      const at3 = await preview(clerk3, c3);
      expect(at3.next.map((t) => [t.id, t.reason])).toEqual([
        [moved.id, 'transfer'],
        [b1.id, 'oldest'],
        [b2.id, 'oldest'],
      ]);
      const at2 = await preview(clerk2, c2);
      expect(at2.next.map((t) => t.id)).toEqual([b1.id, b2.id]);
      expect(at2.services).toEqual([{ id: f.fixture.serviceIds.B, waiting: 2 }]);

      // Counter 2 takes the oldest common tickets and never the reserved one.
      const first2 = await callNext(clerk2, c2);
      expect(first2.body.ticket.id).toBe(b1.id);
      await serve(clerk2, b1.id);
      const second2 = await callNext(clerk2, c2);
      expect(second2.body.ticket.id).toBe(b2.id);
      await serve(clerk2, b2.id);
      expect((await callNext(clerk2, c2)).status).toBe(204);

      // Counter 3 takes it, saying why; once called it is reserved no more.
      const at3Call = await callNext(clerk3, c3);
      expect(at3Call.status).toBe(200);
      expect(at3Call.body.ticket.id).toBe(moved.id);
      expect(at3Call.body.ticket.reservedCounterId).toBeUndefined();
      const reason = await database.db
        .selectFrom('tickets')
        .select(['call_reason', 'reserved_counter_id'])
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(reason).toEqual({ call_reason: 'transfer', reserved_counter_id: null });
    });

    it('comes before older common tickets at its counter', async () => {
      const f = await center();
      const [, , c3] = f.fixture.counterIds as [number, number, number];
      const clerk3 = f.clerks[2]!;
      const b1 = await issue(f.clerks[0]!, f.fixture, 'B');
      const a = await calledAtA(f);
      const moved = await sendToB(f, a.id);
      const first = await callNext(clerk3, c3);
      expect(first.body.ticket.id).toBe(moved.id);
      await serve(clerk3, moved.id);
      expect((await callNext(clerk3, c3)).body.ticket.id).toBe(b1.id);
    });

    it('another counter may still call it out of order, with a reason, which ends the reservation', async () => {
      const f = await center();
      const c2 = f.fixture.counterIds[1]!;
      const a = await calledAtA(f);
      const moved = await sendToB(f, a.id);
      const res = await f.clerks[1]!.post<{ ticket: WireTicket }>(`/api/counters/${c2}/call`, {
        ticketId: moved.id,
        reason: 'Quầy 3 bận, công dân đã chờ lâu',
      });
      expect(res.status).toBe(200);
      expect(res.body.ticket).toMatchObject({ id: moved.id, status: 'called', counterId: c2 });
      const row = await database.db
        .selectFrom('tickets')
        .select(['call_reason', 'reserved_counter_id'])
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ call_reason: 'specific', reserved_counter_id: null });
    });

    it('a paused counter may be named; its ticket has no estimate until it opens', async () => {
      const f = await center();
      const [, , c3] = f.fixture.counterIds as [number, number, number];
      expect((await f.clerks[2]!.post(`/api/counters/${c3}/pause`, { reason: 'break' })).status).toBe(200);
      const a = await calledAtA(f);
      const res = await f.clerks[0]!.post<{ ticket: WireTicket }>(`/api/tickets/${a.id}/transfer`, {
        serviceId: f.fixture.serviceIds.B,
        counterId: c3,
      });
      expect(res.status).toBe(200);
      const mine = await citizen.get<WireTicket>(`/api/tickets/${a.token}`);
      expect(mine.body).toMatchObject({ position: 1, reservedCounterId: c3, servingCounters: [] });
      expect(mine.body.estimatedWaitSeconds ?? null).toBeNull();
    });
  });

  describe('closing the reserved counter', () => {
    it('releases its reserved tickets to the common queue, keeping their queue time; another counter then takes them', async () => {
      const f = await center();
      const [, c2, c3] = f.fixture.counterIds as [number, number, number];
      const [clerk1, clerk2, clerk3] = f.clerks as [Client, Client, Client];
      const a = await calledAtA(f);
      const moved = await sendToB(f, a.id);
      // A B ticket issued after the original A ticket: the released one goes before it.
      const later = await issue(clerk1, f.fixture, 'B');
      expect((await preview(clerk2, c2)).next.map((t) => t.id)).toEqual([later.id]);

      const before = await database.db
        .selectFrom('tickets')
        .select('queued_at')
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect((await clerk3.post(`/api/counters/${c3}/close`)).status).toBe(200);
      const after = await database.db
        .selectFrom('tickets')
        .select(['queued_at', 'reserved_counter_id', 'status'])
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(after).toMatchObject({ reserved_counter_id: null, status: 'waiting' });
      expect(new Date(after.queued_at).getTime()).toBe(new Date(before.queued_at).getTime());

      const mine = await citizen.get<WireTicket>(`/api/tickets/${a.token}`);
      expect(mine.body.reservedCounterId).toBeUndefined();
      expect(mine.body).toMatchObject({ position: 1, servingCounters: [2] });

      const at2 = await preview(clerk2, c2);
      expect(at2.next.map((t) => [t.id, t.reason])).toEqual([
        [moved.id, 'oldest'],
        [later.id, 'oldest'],
      ]);
      const called = await callNext(clerk2, c2);
      expect(called.body.ticket.id).toBe(moved.id);
    });

    it('a counter no longer serving the service releases them too', async () => {
      const f = await center();
      const [, , c3] = f.fixture.counterIds as [number, number, number];
      const a = await calledAtA(f);
      const moved = await sendToB(f, a.id);
      const { replaceCounterServices } = await import(
        '../../server/src/counters/counter-services.repository.js'
      );
      await database.db
        .transaction()
        .execute((trx) => replaceCounterServices(trx, c3, [f.fixture.serviceIds.A!]));
      const row = await database.db
        .selectFrom('tickets')
        .select('reserved_counter_id')
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(row.reserved_counter_id).toBeNull();
    });
  });

  describe('under concurrency', () => {
    it('counters racing for call-next never take one ticket twice, and only its counter takes a reserved one', async () => {
      const f = await center();
      const [, c2, c3] = f.fixture.counterIds as [number, number, number];
      const [clerk1, clerk2, clerk3] = f.clerks as [Client, Client, Client];
      const a = await calledAtA(f);
      const moved = await sendToB(f, a.id);
      for (let i = 0; i < 5; i++) await issue(clerk1, f.fixture, 'B');
      const taken: [number, number][] = [];
      for (let round = 0; round < 4; round++) {
        const [at2, at3] = await Promise.all([callNext(clerk2, c2), callNext(clerk3, c3)]);
        for (const [res, counterId, clerk] of [
          [at2, c2, clerk2],
          [at3, c3, clerk3],
        ] as const) {
          if (res.status !== 200) continue;
          taken.push([res.body.ticket.id, counterId]);
          await serve(clerk, res.body.ticket.id);
        }
      }
      const ids = taken.map(([id]) => id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(6);
      expect(taken.filter(([id]) => id === moved.id)).toEqual([[moved.id, c3]]);
      // Counter 3's first call was the reserved ticket.
      expect(taken.find(([, counterId]) => counterId === c3)?.[0]).toBe(moved.id);
    });

    it('a transfer racing the close of its counter never leaves a ticket reserved for a closed counter', async () => {
      const f = await center();
      const [, , c3] = f.fixture.counterIds as [number, number, number];
      const a = await calledAtA(f);
      const [transfer, close] = await Promise.all([
        f.clerks[0]!.post(`/api/tickets/${a.id}/transfer`, {
          serviceId: f.fixture.serviceIds.B,
          counterId: c3,
        }),
        f.clerks[2]!.post(`/api/counters/${c3}/close`),
      ]);
      expect(close.status).toBe(200);
      if (transfer.status !== 200) expectError(transfer, 409, 'counter_closed');
      const stranded = await database.db
        .selectFrom('tickets')
        .select('id')
        .where('reserved_counter_id', '=', c3)
        .where('status', '=', 'waiting')
        .execute();
      expect(stranded).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('400 for a counter that does not serve the service, of another center, or the ticket’s own; 404 unknown; 409 closed', async () => {
      const f = await center();
      const [c1, c2, , c4] = f.fixture.counterIds as [number, number, number, number];
      const clerk1 = f.clerks[0]!;
      const other = await createCenterFixture(database.db, { services: ['B'], counters: [['B']] });
      const a = await calledAtA(f);
      const transfer = (body: unknown) => clerk1.post(`/api/tickets/${a.id}/transfer`, body);
      const B = f.fixture.serviceIds.B;

      const notServing = expectError(await transfer({ serviceId: B, counterId: c4 }), 400, 'bad_request');
      expect(notServing.details).toMatchObject({ field: 'counterId' });
      expect(notServing.message).toMatch(/does not serve/);
      const elsewhere = expectError(
        await transfer({ serviceId: B, counterId: other.counterIds[0] }),
        400,
        'bad_request',
      );
      expect(elsewhere.details).toMatchObject({ field: 'counterId' });
      // Its own counter (here serving A: transferring to A at counter 1 itself).
      const self = expectError(
        await transfer({ serviceId: f.fixture.serviceIds.A, counterId: c1 }),
        400,
        'bad_request',
      );
      expect(self.details).toMatchObject({ field: 'counterId' });
      expect(self.message).toMatch(/yourself/);
      expectError(await transfer({ serviceId: B, counterId: 2_000_000_000 }), 404, 'not_found');
      expectError(await transfer({ serviceId: B, counterId: 0 }), 400, 'validation_failed');
      expectError(await transfer({ serviceId: B, counterId: 'two' }), 400, 'validation_failed');

      expect((await f.clerks[1]!.post(`/api/counters/${c2}/close`)).status).toBe(200);
      const closed = expectError(await transfer({ serviceId: B, counterId: c2 }), 409, 'counter_closed');
      expect(closed.details).toMatchObject({ field: 'counterId', state: 'closed' });

      // Nothing changed: the ticket is still called at counter 1.
      const still = await database.db
        .selectFrom('tickets')
        .select(['status', 'counter_id'])
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(still).toEqual({ status: 'called', counter_id: c1 });
    });
  });
});
