/**
 * Manager actions on the live floor: the waiting list, cancelling and moving a waiting ticket,
 * opening and closing a counter, reassigning its services. Each is logged with the manager's
 * user id; clerks and managers of other centers are refused; bad input is a 400.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreReassignedCounters } from '../../server/src/manager-actions/counter-services.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('manager actions', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let other: CenterFixture;
  let manager: Client;
  let clerk: Client;
  let otherManager: Client;
  let managerId: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    const staff = [
      { role: 'clerk' as const, count: 1 },
      { role: 'manager' as const, count: 1 },
    ];
    f = await createCenterFixture(database.db, {
      services: ['A', 'B', 'C'],
      counters: [['A'], ['B']],
      staff,
    });
    other = await createCenterFixture(database.db, { services: ['X'], counters: [['X']], staff });
    manager = await new Client(app.url).login(f.usernames.manager[0]!);
    clerk = await new Client(app.url).login(f.usernames.clerk[0]!);
    otherManager = await new Client(app.url).login(other.usernames.manager[0]!);
    managerId = (
      await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', f.usernames.manager[0]!)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const issue = async (code: string, priority: string | null = null) =>
    (
      await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
        serviceId: f.serviceIds[code],
        priority,
      })
    ).body as { id: number; number: string; token: string; issuedAt: string };

  const lastEvent = (type: string) =>
    database.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('center_id', '=', f.centerId)
      .where('type', '=', type)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

  describe('waiting list', () => {
    it('lists the waiting tickets of the center for its manager, oldest first', async () => {
      const a = await issue('A');
      const b = await issue('B');
      const res = await manager.get(`/api/centers/${f.centerId}/waiting`);
      expect(res.status).toBe(200);
      const ids = res.body.tickets.map((t: { id: number }) => t.id);
      expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
      expect(res.body.tickets.every((t: { status: string }) => t.status === 'waiting')).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain(a.token);
    });

    it('refuses clerks, other centers and anonymous callers', async () => {
      expect((await clerk.get(`/api/centers/${f.centerId}/waiting`)).status).toBe(403);
      expect((await otherManager.get(`/api/centers/${f.centerId}/waiting`)).status).toBe(403);
      expect((await new Client(app.url).get(`/api/centers/${f.centerId}/waiting`)).status).toBe(401);
      expect((await manager.get('/api/centers/abc/waiting')).status).toBe(400);
    });
  });

  describe('cancel a waiting ticket', () => {
    it('cancels it through the clerks’ transition and logs the manager', async () => {
      const t = await issue('A');
      const why = { reason: 'citizen_left', note: 'chờ lâu nên đã về' };
      expect((await otherManager.post(`/api/tickets/${t.id}/cancel`, why)).status).toBe(403);
      const res = await manager.post(`/api/tickets/${t.id}/cancel`, why);
      expect(res.status).toBe(200);
      expect(res.body.ticket).toMatchObject({ id: t.id, status: 'cancelled' });
      const event = await lastEvent('ticket.cancelled');
      expect(event).toMatchObject({ ticket_id: t.id, user_id: managerId });
      const row = await database.db
        .selectFrom('tickets')
        .select(['cancel_reason', 'note'])
        .where('id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ cancel_reason: 'citizen_left', note: 'chờ lâu nên đã về' });
      // The note is for staff: the ticket on the wire and the public event never carry it.
      expect(JSON.stringify(res.body)).not.toContain('chờ lâu');
      expect(JSON.stringify(event)).not.toContain('chờ lâu');
      expect((await manager.post(`/api/tickets/${t.id}/cancel`, why)).status).toBe(409);
    });

    it('asks staff why: no reason, or one not in the list, is a 400 naming body.reason, and nothing changes', async () => {
      const t = await issue('A');
      for (const body of [undefined, {}, { reason: 'vì thích' }, { note: 'x' }]) {
        const res = await manager.post(`/api/tickets/${t.id}/cancel`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'validation_failed' });
        expect(res.body.error.details.field).toBe('reason');
      }
      const still = await database.db
        .selectFrom('tickets')
        .select('status')
        .where('id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(still.status).toBe('waiting');
    });

    it('records citizen_request when the citizen cancels their own ticket', async () => {
      const t = await issue('A');
      expect((await new Client(app.url).post(`/api/tickets/${t.token}/cancel`)).status).toBe(200);
      const row = await database.db
        .selectFrom('tickets')
        .select('cancel_reason')
        .where('id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(row.cancel_reason).toBe('citizen_request');
    });
  });

  describe('move a waiting ticket to another service', () => {
    it('gives it a number in the other service with its issue time and priority, logged', async () => {
      const t = await issue('A', 'elderly');
      await sql`UPDATE tickets SET issued_at = now() - interval '20 minutes',
        queued_at = now() - interval '20 minutes' WHERE id = ${t.id}`.execute(database.db);
      const issuedAt = (
        await database.db
          .selectFrom('tickets')
          .select('issued_at')
          .where('id', '=', t.id)
          .executeTakeFirstOrThrow()
      ).issued_at;
      const res = await manager.post(`/api/tickets/${t.id}/move`, { serviceId: f.serviceIds.C });
      expect(res.status).toBe(200);
      const moved = res.body.ticket;
      expect(moved).toMatchObject({
        serviceId: f.serviceIds.C,
        status: 'waiting',
        priority: 'elderly',
        number: 'C001',
        issuedAt: new Date(issuedAt).toISOString(),
      });
      expect(moved.id).not.toBe(t.id);

      const old = await database.db
        .selectFrom('tickets')
        .selectAll()
        .where('id', '=', t.id)
        .executeTakeFirstOrThrow();
      expect(old.status).toBe('cancelled');
      const created = await database.db
        .selectFrom('tickets')
        .selectAll()
        .where('id', '=', moved.id)
        .executeTakeFirstOrThrow();
      expect(created.transferred_from_id).toBe(t.id);
      // The citizen's page follows the ticket to its new service.
      const citizen = await new Client(app.url).get(`/api/tickets/${t.token}`);
      expect(citizen.body).toMatchObject({ id: moved.id, number: 'C001' });

      const event = await lastEvent('ticket.transferred');
      expect(event).toMatchObject({ ticket_id: t.id, user_id: managerId });
      const payload = (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload) as {
        transferredTo: { id: number };
        ticket: { status: string };
      };
      expect(payload.transferredTo.id).toBe(moved.id);
      expect(payload.ticket.status).toBe('cancelled');
    });

    it('refuses clerks, other centers, bad input and tickets that no longer wait', async () => {
      const t = await issue('A');
      const to = { serviceId: f.serviceIds.B };
      expect((await clerk.post(`/api/tickets/${t.id}/move`, to)).status).toBe(403);
      expect((await otherManager.post(`/api/tickets/${t.id}/move`, to)).status).toBe(403);
      expect((await new Client(app.url).post(`/api/tickets/${t.id}/move`, to)).status).toBe(401);
      expect((await manager.post(`/api/tickets/${t.id}/move`, {})).status).toBe(400);
      expect((await manager.post(`/api/tickets/${t.id}/move`, { serviceId: 'B' })).status).toBe(400);
      expect((await manager.post(`/api/tickets/${t.id}/move`, { ...to, extra: 1 })).status).toBe(400);
      const same = await manager.post(`/api/tickets/${t.id}/move`, { serviceId: f.serviceIds.A });
      expect(same.status).toBe(400);
      const foreign = await manager.post(`/api/tickets/${t.id}/move`, { serviceId: other.serviceIds.X });
      expect(foreign.status).toBe(404);
      expect((await manager.post('/api/tickets/2000000000/move', to)).status).toBe(404);
      await manager.post(`/api/tickets/${t.id}/cancel`, { reason: 'duplicate' });
      const late = await manager.post(`/api/tickets/${t.id}/move`, to);
      expect(late.status).toBe(409);
      expect(late.body.error.details.currentStatus).toBe('cancelled');
    });
  });

  describe('open and close a counter', () => {
    it('lets the manager open and close, logged with the manager', async () => {
      const counter = f.counterIds[1]!;
      expect((await manager.post(`/api/counters/${counter}/open`)).body.state).toBe('open');
      expect(await lastEvent('counter.changed')).toMatchObject({ counter_id: counter, user_id: managerId });
      expect((await manager.post(`/api/counters/${counter}/close`)).body.state).toBe('closed');
      expect((await otherManager.post(`/api/counters/${counter}/open`)).status).toBe(403);
    });
  });

  describe('reassign the services of a counter', () => {
    it('stores the new order, publishes it and logs the manager', async () => {
      const counter = f.counterIds[0]!;
      const serviceIds = [f.serviceIds.C!, f.serviceIds.A!];
      const res = await manager.post(`/api/counters/${counter}/services`, { serviceIds });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: counter, serviceIds });
      const listed = await new Client(app.url).get(`/api/centers/${f.centerId}/counters`);
      expect(listed.body.find((c: { id: number }) => c.id === counter).serviceIds).toEqual(serviceIds);
      const event = await lastEvent('counter.changed');
      expect(event).toMatchObject({ counter_id: counter, user_id: managerId });
      const payload = (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload) as {
        counter: { serviceIds: number[] };
      };
      expect(payload.counter.serviceIds).toEqual(serviceIds);
    });

    it('refuses clerks, other centers and bad lists of services', async () => {
      const counter = f.counterIds[0]!;
      const ok = { serviceIds: [f.serviceIds.A] };
      expect((await clerk.post(`/api/counters/${counter}/services`, ok)).status).toBe(403);
      expect((await otherManager.post(`/api/counters/${counter}/services`, ok)).status).toBe(403);
      expect((await manager.post(`/api/counters/${counter}/services`, { serviceIds: [] })).status).toBe(400);
      const twice = { serviceIds: [f.serviceIds.A, f.serviceIds.A] };
      expect((await manager.post(`/api/counters/${counter}/services`, twice)).status).toBe(400);
      expect((await manager.post(`/api/counters/${counter}/services`, {})).status).toBe(400);
      const foreign = await manager.post(`/api/counters/${counter}/services`, {
        serviceIds: [f.serviceIds.A, other.serviceIds.X],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.details.serviceIds).toEqual([other.serviceIds.X]);
      expect((await manager.post('/api/counters/2000000000/services', ok)).status).toBe(404);
      // Nothing changed by the refusals.
      const listed = await new Client(app.url).get(`/api/centers/${f.centerId}/counters`);
      expect(listed.body.find((c: { id: number }) => c.id === counter).serviceIds).toEqual([
        f.serviceIds.C,
        f.serviceIds.A,
      ]);
    });

    it('holds for today only: at the end of the day the configured services come back', async () => {
      const counter = f.counterIds[0]!;
      // Reassigned twice today (to [C, A] above, then [B]): the configured [A] is what returns.
      expect(
        (await manager.post(`/api/counters/${counter}/services`, { serviceIds: [f.serviceIds.B] })).status,
      ).toBe(200);
      const kept = await database.db
        .selectFrom('counters')
        .selectAll()
        .where('id', '=', counter)
        .executeTakeFirstOrThrow();
      expect(kept.configured_service_ids).toEqual([f.serviceIds.A]);
      expect(await restoreReassignedCounters({ db: database.db, publisher: app.publisher })).toBe(0);

      // The center's day turns.
      await sql`UPDATE counters SET services_reassigned_on = services_reassigned_on - 1 WHERE id = ${counter}`.execute(
        database.db,
      );
      expect(await restoreReassignedCounters({ db: database.db, publisher: app.publisher })).toBe(1);
      const listed = await new Client(app.url).get(`/api/centers/${f.centerId}/counters`);
      expect(listed.body.find((c: { id: number }) => c.id === counter).serviceIds).toEqual([f.serviceIds.A]);
      const event = await lastEvent('counter.changed');
      expect(event).toMatchObject({ counter_id: counter, user_id: null });
      const after = await database.db
        .selectFrom('counters')
        .selectAll()
        .where('id', '=', counter)
        .executeTakeFirstOrThrow();
      expect(after).toMatchObject({ configured_service_ids: null, services_reassigned_on: null });
    });
  });
});
