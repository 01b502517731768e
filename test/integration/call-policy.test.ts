/**
 * The call policy of server/src/queues/call-policy.ts, proven through HTTP on both databases:
 * oldest first, the counter's service order, the priority ratio, ageing, the recorded reason,
 * the counter's refusals, calling one ticket out of order, and what return, no-show,
 * hold and transfer do to a ticket's place in line.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallReason, LiveEvent, Priority, WireTicket } from '../../shared/src/protocol.js';
import { TestBoard } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, type CenterSpec, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

type Issued = WireTicket & { token: string };

eachDatabase('call policy over HTTP', (kind) => {
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

  /** A center of the test's own, with a signed-in clerk and every counter opened. */
  async function center(spec: CenterSpec & { closed?: boolean }) {
    const fixture = await createCenterFixture(database.db, spec);
    const clerk = await new Client(app.url).login(fixture.usernames.clerk[0]!);
    if (!spec.closed) {
      for (const id of fixture.counterIds)
        expect((await clerk.post(`/api/counters/${id}/open`)).status).toBe(200);
    }
    return { fixture, clerk };
  }

  /** Issued by staff at the desk (staff are exempt from public rate limits). */
  async function issue(
    clerk: Client,
    fixture: CenterFixture,
    code: string,
    priority: Priority | null = null,
  ): Promise<Issued> {
    const res = await clerk.post<Issued>(`/api/centers/${fixture.centerId}/tickets`, {
      serviceId: fixture.serviceIds[code],
      priority,
      channel: 'staff',
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function callNext(clerk: Client, counterId: number): Promise<WireTicket> {
    const res = await clerk.post<{ ticket: WireTicket }>(`/api/counters/${counterId}/call-next`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'called', counterId });
    return res.body.ticket;
  }

  async function act(clerk: Client, ticketId: number, action: string, body?: unknown): Promise<WireTicket> {
    const res = await clerk.post<{ ticket: WireTicket }>(`/api/tickets/${ticketId}/${action}`, body);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.ticket;
  }

  /** Start and complete the ticket at the counter, so the counter may call again. */
  async function serve(clerk: Client, ticketId: number): Promise<void> {
    expect((await act(clerk, ticketId, 'start')).status).toBe('serving');
    expect((await act(clerk, ticketId, 'complete', {})).status).toBe('done');
  }

  /** Calls until nobody waits, serving each ticket; returns the numbers in call order. */
  async function drain(clerk: Client, counterId: number): Promise<WireTicket[]> {
    const called: WireTicket[] = [];
    for (;;) {
      const res = await clerk.post<{ ticket: WireTicket }>(`/api/counters/${counterId}/call-next`);
      if (res.status === 204) return called;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      called.push(res.body.ticket);
      await serve(clerk, res.body.ticket.id);
    }
  }

  /** The reason kept on the ticket and in its (latest) ticket.called event, which must agree. */
  async function recordedCall(ticketId: number): Promise<{ reason: CallReason; note?: string }> {
    const ticket = await database.db
      .selectFrom('tickets')
      .select('call_reason')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const event = await database.db
      .selectFrom('ticket_events')
      .select('payload')
      .where('ticket_id', '=', ticketId)
      .where('type', '=', 'ticket.called')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const payload = (
      typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload
    ) as Partial<LiveEvent>;
    expect(payload.reason).toBe(ticket.call_reason);
    return { reason: payload.reason!, ...(payload.note !== undefined ? { note: payload.note } : {}) };
  }

  const reasonOf = async (ticketId: number) => (await recordedCall(ticketId)).reason;

  async function backdate(ticketId: number, minutes: number): Promise<void> {
    await database.db
      .updateTable('tickets')
      .set({ queued_at: sql<Date>`now() - make_interval(mins => ${minutes})` })
      .where('id', '=', ticketId)
      .execute();
  }

  describe('choosing the next ticket', () => {
    it('calls the oldest ticket of a service first, with reason oldest', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const issued = [];
      for (let i = 0; i < 4; i++) issued.push(await issue(clerk, fixture, 'A'));

      const called = await drain(clerk, counter);
      expect(called.map((t) => t.number)).toEqual(['A001', 'A002', 'A003', 'A004']);
      expect(called.map((t) => t.id)).toEqual(issued.map((t) => t.id));
      for (const t of called) expect(await reasonOf(t.id)).toBe('oldest');
    });

    it("follows the counter's service order: B before an older A at a counter serving B, A", async () => {
      const { fixture, clerk } = await center({ services: ['A', 'B'], counters: [['B', 'A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      const b1 = await issue(clerk, fixture, 'B');
      const b2 = await issue(clerk, fixture, 'B');

      const called = await drain(clerk, counter);
      expect(called.map((t) => t.number)).toEqual(['B001', 'B002', 'A001', 'A002']);
      // Its preferred service's own oldest, then the later service once the first is empty.
      expect(await reasonOf(b1.id)).toBe('oldest');
      expect(await reasonOf(b2.id)).toBe('oldest');
      expect(await reasonOf(a1.id)).toBe('service_order');
      expect(await reasonOf(a2.id)).toBe('service_order');
    });

    it('calls priority at most 1 : priorityEvery (P, N, N, P, N, N …) and still calls priority when no normal ticket waits', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']], priorityEvery: 2 });
      const counter = fixture.counterIds[0]!;
      // Priority tickets first, so they are also the oldest: the ratio, not the age, must hold them back.
      const p = [];
      for (let i = 0; i < 3; i++) p.push(await issue(clerk, fixture, 'A', 'elderly'));
      const n = [];
      for (let i = 0; i < 6; i++) n.push(await issue(clerk, fixture, 'A'));

      const board = new TestBoard(app.url, fixture.centerId);
      try {
        await board.until(() => board.snapshots.length > 0);
        // The clerk's preview foretells the same order.
        const preview = await clerk.get(`/api/counters/${counter}/queue`);
        expect(preview.status).toBe(200);
        const foretold = preview.body.next.map((t: WireTicket) => t.id);
        const called = await drain(clerk, counter);
        expect(foretold).toEqual(called.map((t) => t.id));
        expect(called.map((t) => (t.priority ? 'P' : 'N')).join('')).toBe('PNNPNNPNN');
        expect(called.map((t) => t.id)).toEqual([
          p[0]!.id,
          n[0]!.id,
          n[1]!.id,
          p[1]!.id,
          n[2]!.id,
          n[3]!.id,
          p[2]!.id,
          n[4]!.id,
          n[5]!.id,
        ]);
        for (const t of p) expect(await reasonOf(t.id)).toBe('priority');
        for (const t of n) expect(await reasonOf(t.id)).toBe('oldest');

        // Only priority tickets wait: the ratio never leaves them standing.
        const q1 = await issue(clerk, fixture, 'A', 'disabled');
        const q2 = await issue(clerk, fixture, 'A', 'pregnant');
        const q3 = await issue(clerk, fixture, 'A', 'child');
        const more = await drain(clerk, counter);
        expect(more.map((t) => t.id)).toEqual([q1.id, q2.id, q3.id]);
        // The first is due as priority; the others are called because they are all that waits.
        expect(await reasonOf(q1.id)).toBe('priority');
        expect(await reasonOf(q2.id)).toBe('oldest');
        expect(await reasonOf(q3.id)).toBe('oldest');

        // The board heard every call live, each with the reason recorded for it.
        const last = await database.db
          .selectFrom('center_sequences')
          .select('last_seq')
          .where('center_id', '=', fixture.centerId)
          .executeTakeFirstOrThrow();
        await board.untilSeq(last.last_seq);
        const live = board.applied.filter((e) => e.type === 'ticket.called');
        expect(live.map((e) => e.ticket!.id)).toEqual([...called, ...more].map((t) => t.id));
        for (const e of live) expect(e.reason).toBe(await reasonOf(e.ticket!.id));
      } finally {
        board.close();
      }
    });

    it('lets a ticket that waited ageingMinutes rise above the preferred service, with reason aged', async () => {
      const { fixture, clerk } = await center({
        services: ['A', 'B'],
        counters: [['B', 'A']],
        ageingMinutes: 30,
      });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      const b1 = await issue(clerk, fixture, 'B');
      const b2 = await issue(clerk, fixture, 'B');
      await backdate(a2.id, 31); // past the ageing limit
      await backdate(a1.id, 29); // older than the B tickets, but not aged yet

      const first = await callNext(clerk, counter);
      expect(first.id).toBe(a2.id);
      expect(await reasonOf(a2.id)).toBe('aged');
      await serve(clerk, a2.id);

      const rest = await drain(clerk, counter);
      expect(rest.map((t) => t.id)).toEqual([b1.id, b2.id, a1.id]);
      expect(await reasonOf(b1.id)).toBe('oldest');
      expect(await reasonOf(a1.id)).toBe('service_order');
    });

    it('among aged tickets takes the longest wait, whatever its service', async () => {
      const { fixture, clerk } = await center({
        services: ['A', 'B'],
        counters: [['B', 'A']],
        ageingMinutes: 10,
      });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const b1 = await issue(clerk, fixture, 'B');
      await backdate(a1.id, 40);
      await backdate(b1.id, 20);

      const called = await drain(clerk, counter);
      expect(called.map((t) => t.id)).toEqual([a1.id, b1.id]);
      expect(await reasonOf(a1.id)).toBe('aged');
      expect(await reasonOf(b1.id)).toBe('aged');
    });

    it('only calls tickets of the services the counter serves', async () => {
      const { fixture, clerk } = await center({ services: ['A', 'B'], counters: [['A'], ['B']] });
      const b1 = await issue(clerk, fixture, 'B');
      const res = await clerk.post(`/api/counters/${fixture.counterIds[0]}/call-next`);
      expect(res.status).toBe(204);
      expect((await callNext(clerk, fixture.counterIds[1]!)).id).toBe(b1.id);
    });
  });

  describe('what the counter refuses', () => {
    it('answers 204 with no body when nobody waits', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const res = await clerk.post(`/api/counters/${fixture.counterIds[0]}/call-next`);
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
    });

    it('refuses with 409 counter_not_open while the counter is closed or paused, and calls nobody', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']], closed: true });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');

      const closed = await clerk.post(`/api/counters/${counter}/call-next`);
      expect(closed.status).toBe(409);
      expect(closed.body.error).toMatchObject({ code: 'counter_not_open', details: { state: 'closed' } });

      expect((await clerk.post(`/api/counters/${counter}/pause`, { reason: 'nghỉ trưa' })).status).toBe(200);
      const paused = await clerk.post(`/api/counters/${counter}/call-next`);
      expect(paused.status).toBe(409);
      expect(paused.body.error).toMatchObject({ code: 'counter_not_open', details: { state: 'paused' } });

      const specific = await clerk.post(`/api/counters/${counter}/call`, { ticketId: a1.id, reason: 'thử' });
      expect(specific.status).toBe(409);
      expect(specific.body.error.code).toBe('counter_not_open');

      const ticket = await database.db
        .selectFrom('tickets')
        .select(['status', 'counter_id'])
        .where('id', '=', a1.id)
        .executeTakeFirstOrThrow();
      expect(ticket).toEqual({ status: 'waiting', counter_id: null });

      expect((await clerk.post(`/api/counters/${counter}/open`)).status).toBe(200);
      expect((await callNext(clerk, counter)).id).toBe(a1.id);
    });

    it('refuses with 409 counter_busy while the counter holds a called or serving ticket', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      await callNext(clerk, counter);

      const whileCalled = await clerk.post(`/api/counters/${counter}/call-next`);
      expect(whileCalled.status).toBe(409);
      expect(whileCalled.body.error).toMatchObject({ code: 'counter_busy', details: { ticketId: a1.id } });
      const specific = await clerk.post(`/api/counters/${counter}/call`, { ticketId: a2.id, reason: 'thử' });
      expect(specific.status).toBe(409);
      expect(specific.body.error.code).toBe('counter_busy');

      await act(clerk, a1.id, 'start');
      const whileServing = await clerk.post(`/api/counters/${counter}/call-next`);
      expect(whileServing.status).toBe(409);
      expect(whileServing.body.error).toMatchObject({ code: 'counter_busy', details: { ticketId: a1.id } });

      await act(clerk, a1.id, 'complete', {});
      expect((await callNext(clerk, counter)).id).toBe(a2.id);
    });
  });

  describe('calling one ticket out of order', () => {
    it('takes the named ticket with reason specific and the clerk note, and leaves the order of the rest', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      const a3 = await issue(clerk, fixture, 'A');

      const res = await clerk.post<{ ticket: WireTicket }>(`/api/counters/${counter}/call`, {
        ticketId: a3.id,
        reason: 'công dân khuyết tật đi cùng người nhà',
      });
      expect(res.status).toBe(200);
      expect(res.body.ticket).toMatchObject({
        id: a3.id,
        number: 'A003',
        status: 'called',
        counterId: counter,
      });
      expect(await recordedCall(a3.id)).toEqual({
        reason: 'specific',
        note: 'công dân khuyết tật đi cùng người nhà',
      });
      await serve(clerk, a3.id);

      // A finished ticket cannot be called again: 409 with the state it is in.
      const again = await clerk.post(`/api/counters/${counter}/call`, { ticketId: a3.id, reason: 'lại' });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'illegal_transition',
        details: { currentStatus: 'done' },
      });

      const rest = await drain(clerk, counter);
      expect(rest.map((t) => t.id)).toEqual([a1.id, a2.id]);
    });

    it('wants a reason, and a ticket of the counter’s own center', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const other = await center({ services: ['A'], counters: [['A']] });
      const mine = await issue(clerk, fixture, 'A');
      const theirs = await issue(other.clerk, other.fixture, 'A');
      const counter = fixture.counterIds[0]!;

      const noReason = await clerk.post(`/api/counters/${counter}/call`, { ticketId: mine.id });
      expect(noReason.status).toBe(400);
      const foreign = await clerk.post(`/api/counters/${counter}/call`, { ticketId: theirs.id, reason: 'x' });
      expect(foreign.status).toBe(403);
      expect(foreign.body.error.code).toBe('forbidden');
      const unknown = await clerk.post(`/api/counters/${counter}/call`, {
        ticketId: 2_000_000_000,
        reason: 'x',
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe("a ticket's place after return, no-show, hold and transfer", () => {
    it('return keeps its place: it is called again first', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      await callNext(clerk, counter);

      const returned = await act(clerk, a1.id, 'return');
      expect(returned.status).toBe('waiting');
      expect(returned.counterId).toBeUndefined();
      const view = await citizen.get(`/api/tickets/${a1.token}`);
      expect(view.body).toMatchObject({ status: 'waiting', position: 1 });

      const again = await callNext(clerk, counter);
      expect(again.id).toBe(a1.id);
      expect(await reasonOf(a1.id)).toBe('oldest');
      await serve(clerk, a1.id);
      expect((await drain(clerk, counter)).map((t) => t.id)).toEqual([a2.id]);
    });

    it('reactivate after a no-show puts it at the back of the line', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      const a3 = await issue(clerk, fixture, 'A');
      await callNext(clerk, counter);

      expect((await act(clerk, a1.id, 'no-show')).status).toBe('no_show');
      const reactivated = await act(clerk, a1.id, 'reactivate');
      expect(reactivated).toMatchObject({ status: 'waiting', number: 'A001' });
      const view = await citizen.get(`/api/tickets/${a1.token}`);
      expect(view.body).toMatchObject({ status: 'waiting', position: 3 });

      const called = await drain(clerk, counter);
      expect(called.map((t) => t.id)).toEqual([a2.id, a3.id, a1.id]);
    });

    it('hold frees the counter; resume puts the ticket back as called at its counter once it is free', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      await callNext(clerk, counter);
      await act(clerk, a1.id, 'start');

      const held = await act(clerk, a1.id, 'hold');
      expect(held).toMatchObject({ status: 'held', counterId: counter });

      // Resuming something that is not held is refused with its state.
      const notHeld = await clerk.post(`/api/tickets/${a2.id}/resume`);
      expect(notHeld.status).toBe(409);
      expect(notHeld.body.error).toMatchObject({
        code: 'illegal_transition',
        details: { currentStatus: 'waiting' },
      });

      // While held, the counter serves the next citizen, and resume waits until it is free.
      expect((await callNext(clerk, counter)).id).toBe(a2.id);
      const busy = await clerk.post(`/api/tickets/${a1.id}/resume`);
      expect(busy.status).toBe(409);
      expect(busy.body.error.code).toBe('counter_busy');
      await serve(clerk, a2.id);

      const resumed = await act(clerk, a1.id, 'resume');
      expect(resumed).toMatchObject({ id: a1.id, status: 'called', counterId: counter });
      const snapshot = await citizen.get(`/api/centers/${fixture.centerId}/snapshot`);
      const atCounter = snapshot.body.counters.find((c: { id: number }) => c.id === counter);
      expect(atCounter.ticket).toMatchObject({ id: a1.id, status: 'called' });
      await serve(clerk, a1.id);
      expect((await clerk.post(`/api/counters/${counter}/call-next`)).status).toBe(204);
    });

    it('transfer: a new waiting ticket in the other service with its number, the original issue time and priority; the old token follows', async () => {
      const { fixture, clerk } = await center({ services: ['A', 'B'], counters: [['A'], ['B']] });
      const [counterA, counterB] = fixture.counterIds as [number, number];
      const a1 = await issue(clerk, fixture, 'A', 'veteran');
      const b1 = await issue(clerk, fixture, 'B'); // issued after a1

      // Only a ticket at a counter (called or serving) can be transferred, not one still waiting.
      const early = await clerk.post(`/api/tickets/${a1.id}/transfer`, { serviceId: fixture.serviceIds.B });
      expect(early.status).toBe(409);
      expect(early.body.error).toMatchObject({
        code: 'illegal_transition',
        details: { currentStatus: 'waiting' },
      });
      await callNext(clerk, counterA);
      await act(clerk, a1.id, 'start');

      const moved = await act(clerk, a1.id, 'transfer', { serviceId: fixture.serviceIds.B });
      expect(moved).toMatchObject({
        number: 'B002',
        serviceId: fixture.serviceIds.B,
        status: 'waiting',
        priority: 'veteran',
        issuedAt: a1.issuedAt,
      });
      expect(moved.id).not.toBe(a1.id);
      expect(moved.counterId).toBeUndefined();

      const old = await database.db
        .selectFrom('tickets')
        .select(['status', 'outcome', 'token'])
        .where('id', '=', a1.id)
        .executeTakeFirstOrThrow();
      expect(old).toMatchObject({ status: 'done', outcome: 'transferred' });
      expect(old.token).not.toBe(a1.token);
      const created = await database.db
        .selectFrom('tickets')
        .select(['transferred_from_id', 'token'])
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(created).toEqual({ transferred_from_id: a1.id, token: a1.token });

      // The citizen's page now shows the new ticket.
      const view = await citizen.get(`/api/tickets/${a1.token}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        id: moved.id,
        number: 'B002',
        status: 'waiting',
        serviceId: fixture.serviceIds.B,
      });

      // The counter of A is free again; at B the transferred ticket, queued from its issue time, goes first.
      expect((await clerk.post(`/api/counters/${counterA}/call-next`)).status).toBe(204);
      const atB = await drain(clerk, counterB);
      expect(atB.map((t) => t.id)).toEqual([moved.id, b1.id]);
    });

    it('transfer keeps the original issue time without priority too', async () => {
      const { fixture, clerk } = await center({ services: ['A', 'B'], counters: [['A'], ['B']] });
      const a1 = await issue(clerk, fixture, 'A');
      const b1 = await issue(clerk, fixture, 'B');
      await callNext(clerk, fixture.counterIds[0]!);
      await act(clerk, a1.id, 'start');
      const moved = await act(clerk, a1.id, 'transfer', { serviceId: fixture.serviceIds.B });
      expect(moved).toMatchObject({ number: 'B002', priority: null, issuedAt: a1.issuedAt });
      const called = await callNext(clerk, fixture.counterIds[1]!);
      expect(called.id).toBe(moved.id);
      expect(await reasonOf(moved.id)).toBe('oldest');
      await serve(clerk, moved.id);
      expect((await drain(clerk, fixture.counterIds[1]!)).map((t) => t.id)).toEqual([b1.id]);
    });

    it('transfer from called (issue 11 item 4): the citizen at the wrong desk goes on without a start, and is not counted as served', async () => {
      const { fixture, clerk } = await center({
        services: ['A', 'B'],
        counters: [['A'], ['B']],
        staff: [
          { role: 'clerk', count: 1 },
          { role: 'manager', count: 1 },
        ],
      });
      const [counterA, counterB] = fixture.counterIds as [number, number];
      const a1 = await issue(clerk, fixture, 'A');
      await callNext(clerk, counterA);

      const moved = await act(clerk, a1.id, 'transfer', { serviceId: fixture.serviceIds.B });
      expect(moved).toMatchObject({ number: 'B001', serviceId: fixture.serviceIds.B, status: 'waiting' });
      const old = await database.db
        .selectFrom('tickets')
        .select(['status', 'outcome', 'started_at'])
        .where('id', '=', a1.id)
        .executeTakeFirstOrThrow();
      expect(old).toEqual({ status: 'done', outcome: 'transferred', started_at: null });
      // No service was recorded: no ticket.serving event for the old ticket.
      const types = await database.db
        .selectFrom('ticket_events')
        .select('type')
        .where('ticket_id', '=', a1.id)
        .orderBy('seq')
        .execute();
      expect(types.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.called', 'ticket.transferred']);

      // Counter A is free; nobody was served, by the clerk's figures or the manager's.
      expect((await clerk.post(`/api/counters/${counterA}/call-next`)).status).toBe(204);
      expect((await clerk.get('/api/me/today')).body).toMatchObject({ served: 0 });
      const manager = await new Client(app.url).login(fixture.usernames.manager[0]!);
      const dashboard = await manager.get(`/api/centers/${fixture.centerId}/dashboard`);
      expect(dashboard.status).toBe(200);
      for (const s of dashboard.body.services) expect(s.servedToday).toBe(0);
      const day = dashboard.body.day as string;
      const report = await manager.get(`/api/centers/${fixture.centerId}/reports?from=${day}&to=${day}`);
      expect(report.status).toBe(200);
      expect(report.body.total).toMatchObject({ served: 0, transferred: 1 });

      // At B it is called first and served once.
      expect((await callNext(clerk, counterB)).id).toBe(moved.id);
      await serve(clerk, moved.id);
      expect((await clerk.get('/api/me/today')).body).toMatchObject({ served: 1 });
    });

    it('hold from called (issue 11 item 4): the counter is free, and resume calls the ticket again there', async () => {
      const { fixture, clerk } = await center({ services: ['A'], counters: [['A']] });
      const counter = fixture.counterIds[0]!;
      const a1 = await issue(clerk, fixture, 'A');
      const a2 = await issue(clerk, fixture, 'A');
      await callNext(clerk, counter);

      const held = await act(clerk, a1.id, 'hold');
      expect(held).toMatchObject({ status: 'held', counterId: counter });
      expect((await callNext(clerk, counter)).id).toBe(a2.id);
      await serve(clerk, a2.id);
      const resumed = await act(clerk, a1.id, 'resume');
      expect(resumed).toMatchObject({ id: a1.id, status: 'called', counterId: counter });
      await serve(clerk, a1.id);
      expect((await clerk.get('/api/me/today')).body).toMatchObject({ served: 2 });
    });
  });
});
