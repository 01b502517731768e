/**
 * Configuration (issue 5): services, counters, center settings, users and new centers.
 * Every rule refuses bad input with a 400 naming the field and leaves the database as it was;
 * authorisation by role and center; deactivating a service with people waiting asks what to
 * do with them; every change is in the audit log.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/tables.js';
import { connectSocket, subscribe, TestBoard } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError, fingerprint, StrictClient } from '../helpers/refusals.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

/** The general fingerprint plus everything configuration writes. */
async function configPrint(db: Kysely<Database>) {
  return {
    ...(await fingerprint(db)),
    centers: await db.selectFrom('centers').selectAll().orderBy('id').execute(),
    services: await db.selectFrom('services').selectAll().orderBy('id').execute(),
    counters: await db.selectFrom('counters').select(['id', 'number', 'name']).orderBy('id').execute(),
    counterServices: await db
      .selectFrom('counter_services')
      .selectAll()
      .orderBy('counter_id')
      .orderBy('position')
      .execute(),
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    userCenters: await db
      .selectFrom('user_centers')
      .selectAll()
      .orderBy('user_id')
      .orderBy('center_id')
      .execute(),
    audit: await db.selectFrom('audit_log').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  };
}

eachDatabase('configuration', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let other: CenterFixture;
  let manager: StrictClient;
  let admin: StrictClient;

  const patch = (client: StrictClient, path: string, body: unknown) => client.request('PATCH', path, body);

  /** A refused request: status, code, the field named in message and details, nothing changed. */
  async function refused(
    label: string,
    send: () => Promise<{ status: number; body: unknown; headers: Headers }>,
    status: number,
    code: Parameters<typeof expectError>[2],
    field?: string,
  ) {
    const before = await configPrint(database.db);
    const error = expectError(await send(), status, code, label);
    if (field !== undefined) {
      expect(error.message, label).toContain(field);
      expect(error.details, label).toMatchObject({ field });
    }
    expect(await configPrint(database.db), `${label} changed the database`).toEqual(before);
    return error;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    const spec = {
      services: ['A', 'B'],
      counters: [['A', 'B'], ['B']],
      staff: [
        { role: 'clerk' as const, count: 2 },
        { role: 'manager' as const, count: 1 },
      ],
    };
    f = await createCenterFixture(database.db, spec);
    other = await createCenterFixture(database.db, spec);
    manager = await new StrictClient(app.url).login(f.usernames.manager[0]!);
    admin = await new StrictClient(app.url).login('admin');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe('services', () => {
    it('creates and edits a service, logged in the audit log', async () => {
      const created = await manager.post(`/api/config/centers/${f.centerId}/services`, {
        code: 'HT',
        name: 'Hộ tịch',
        nameEn: 'Civil status',
        slaMinutes: 20,
        issuingHours: [
          { from: '07:30', to: '11:30' },
          { from: '13:30', to: '16:30' },
        ],
        dailyQuota: 50,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: 'HT', slaMinutes: 20, active: true, dailyQuota: 50 });
      const edited = await patch(manager, `/api/config/services/${created.body.id}`, {
        slaMinutes: 45,
        nameEn: 'Civil registry',
        dailyQuota: null,
        issuingHours: null,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        slaMinutes: 45,
        nameEn: 'Civil registry',
        dailyQuota: null,
        issuingHours: null,
      });
      const config = await manager.get(`/api/config/centers/${f.centerId}`);
      expect(config.body.services.find((s: { id: number }) => s.id === created.body.id).slaMinutes).toBe(45);
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'user_id', 'center_id', 'at'])
        .where('subject', '=', `service:${created.body.id}`)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['service.created', 'service.updated']);
      expect(
        audit.every((a) => a.center_id === f.centerId && a.user_id !== null && a.at instanceof Date),
      ).toBe(true);
    });

    it('refuses bad service input naming the field, changing nothing', async () => {
      const url = `/api/config/centers/${f.centerId}/services`;
      const base = { code: 'Q', name: 'Q', nameEn: 'Q' };
      await refused(
        'code with a digit',
        () => manager.post(url, { ...base, code: '1A' }),
        400,
        'validation_failed',
        'code',
      );
      await refused(
        'code too long',
        () => manager.post(url, { ...base, code: 'ABCD' }),
        400,
        'validation_failed',
        'code',
      );
      await refused(
        'empty name',
        () => manager.post(url, { ...base, name: '' }),
        400,
        'validation_failed',
        'name',
      );
      await refused(
        'sla zero',
        () => manager.post(url, { ...base, slaMinutes: 0 }),
        400,
        'validation_failed',
        'slaMinutes',
      );
      await refused(
        'quota zero',
        () => manager.post(url, { ...base, dailyQuota: 0 }),
        400,
        'validation_failed',
        'dailyQuota',
      );
      await refused(
        'bad clock',
        () => manager.post(url, { ...base, issuingHours: [{ from: '7:30', to: '11:00' }] }),
        400,
        'validation_failed',
        'issuingHours.0.from',
      );
      await refused(
        'window backwards',
        () => manager.post(url, { ...base, issuingHours: [{ from: '17:00', to: '08:00' }] }),
        400,
        'validation_failed',
        'issuingHours.0.to',
      );
      await refused(
        'windows overlap',
        () =>
          manager.post(url, {
            ...base,
            issuingHours: [
              { from: '13:00', to: '17:00' },
              { from: '08:00', to: '13:30' },
            ],
          }),
        400,
        'validation_failed',
        'issuingHours.0.from',
      );
      await refused(
        'duplicate code',
        () => manager.post(url, { ...base, code: 'A' }),
        409,
        'already_exists',
        'code',
      );
      await refused(
        'code taken on edit',
        () => patch(manager, `/api/config/services/${f.serviceIds.B}`, { code: 'A' }),
        409,
        'already_exists',
        'code',
      );
      await refused(
        'unknown field',
        () => manager.post(url, { ...base, colour: 'red' }),
        400,
        'validation_failed',
        'colour',
      );
      // The same code in another center is fine.
      expect(
        (await admin.post(`/api/config/centers/${other.centerId}/services`, { ...base, code: 'HT' })).status,
      ).toBe(201);
    });

    it('asks what to do with people waiting before deactivating: 409, then move, then cancel', async () => {
      const { centerId } = f;
      const s = await manager.post(`/api/config/centers/${centerId}/services`, {
        code: 'D',
        name: 'D',
        nameEn: 'D',
      });
      const issue = async (serviceId: number) =>
        (await new StrictClient(app.url).post(`/api/centers/${centerId}/tickets`, { serviceId })).body;
      const [t1, t2] = [await issue(s.body.id), await issue(s.body.id)];
      const url = `/api/config/services/${s.body.id}`;
      const error = await refused(
        'deactivate with waiting',
        () => patch(manager, url, { active: false }),
        409,
        'service_has_waiting',
      );
      expect(error.details).toMatchObject({ waiting: 2 });
      await refused(
        'move to a service of another center',
        () => patch(manager, url, { active: false, moveTo: other.serviceIds.A }),
        400,
        'validation_failed',
        'moveTo',
      );

      const moved = await patch(manager, url, { active: false, moveTo: f.serviceIds.A });
      expect(moved.status).toBe(200);
      expect(moved.body.active).toBe(false);
      const after = await database.db
        .selectFrom('tickets')
        .select(['id', 'status', 'service_id', 'transferred_from_id', 'issued_at'])
        .where('transferred_from_id', 'in', [t1.id, t2.id])
        .orderBy('id')
        .execute();
      expect(after.map((t) => [t.status, t.service_id, t.transferred_from_id])).toEqual([
        ['waiting', f.serviceIds.A, t1.id],
        ['waiting', f.serviceIds.A, t2.id],
      ]);
      // The citizen's token follows the moved ticket.
      const mine = await new StrictClient(app.url).get(`/api/tickets/${t1.token}`);
      expect(mine.body).toMatchObject({ serviceId: f.serviceIds.A, status: 'waiting' });
      const events = await database.db
        .selectFrom('ticket_events')
        .select(['type', 'ticket_id', 'user_id'])
        .where('center_id', '=', centerId)
        .where('ticket_id', 'in', [t1.id, t2.id])
        .where('type', '=', 'ticket.transferred')
        .execute();
      expect(events).toHaveLength(2);

      // Active again, two more wait; deactivate cancelling them.
      expect((await patch(manager, url, { active: true })).status).toBe(200);
      const [t3, t4] = [await issue(s.body.id), await issue(s.body.id)];
      expect((await patch(manager, url, { active: false, waitingTickets: 'cancel' })).status).toBe(200);
      const cancelled = await database.db
        .selectFrom('tickets')
        .select(['status', 'cancel_reason', 'note'])
        .where('id', 'in', [t3.id, t4.id])
        .execute();
      // Through the state machine like any staff cancel (issue 12 item 4: it had an UPDATE of
      // its own): a reason for the reports and a note for staff.
      expect(cancelled.map((t) => [t.status, t.cancel_reason, t.note])).toEqual([
        ['cancelled', 'other', 'service deactivated'],
        ['cancelled', 'other', 'service deactivated'],
      ]);
      const cancelEvents = await database.db
        .selectFrom('ticket_events')
        .select('type')
        .where('ticket_id', 'in', [t3.id, t4.id])
        .where('type', '=', 'ticket.cancelled')
        .execute();
      expect(cancelEvents).toHaveLength(2);
      // Nobody waits now: a plain deactivation passes; taking a ticket there is refused.
      expect((await patch(manager, url, { active: false })).status).toBe(200);
      expectError(
        await new StrictClient(app.url).post(`/api/centers/${centerId}/tickets`, { serviceId: s.body.id }),
        409,
        'service_inactive',
      );
    });
  });

  describe('counters', () => {
    it('creates and edits a counter and publishes counter.changed', async () => {
      const before = await database.db
        .selectFrom('center_sequences')
        .select('last_seq')
        .where('center_id', '=', f.centerId)
        .executeTakeFirstOrThrow();
      const created = await manager.post(`/api/config/centers/${f.centerId}/counters`, {
        number: 9,
        name: 'Quầy 9',
        serviceIds: [f.serviceIds.B, f.serviceIds.A],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        number: 9,
        serviceIds: [f.serviceIds.B, f.serviceIds.A],
        state: 'closed',
      });
      const edited = await patch(manager, `/api/config/counters/${created.body.id}`, {
        name: 'Quầy ưu tiên',
        serviceIds: [f.serviceIds.A],
      });
      expect(edited.body).toMatchObject({ name: 'Quầy ưu tiên', serviceIds: [f.serviceIds.A] });
      const events = await database.db
        .selectFrom('ticket_events')
        .select(['type', 'counter_id'])
        .where('center_id', '=', f.centerId)
        .where('seq', '>', before.last_seq)
        .execute();
      expect(
        events.filter((e) => e.type === 'counter.changed' && e.counter_id === created.body.id),
      ).toHaveLength(2);
      const listed = await new StrictClient(app.url).get(`/api/centers/${f.centerId}/counters`);
      expect(listed.body.find((c: { id: number }) => c.id === created.body.id).name).toBe('Quầy ưu tiên');
    });

    it('refuses a taken number, foreign services and bad input', async () => {
      const url = `/api/config/centers/${f.centerId}/counters`;
      await refused(
        'number taken',
        () => manager.post(url, { number: 1, name: 'x', serviceIds: [] }),
        409,
        'already_exists',
        'number',
      );
      await refused(
        'service of another center',
        () => manager.post(url, { number: 20, name: 'x', serviceIds: [f.serviceIds.A, other.serviceIds.A] }),
        400,
        'validation_failed',
        'serviceIds.1',
      );
      await refused(
        'number zero',
        () => manager.post(url, { number: 0, name: 'x', serviceIds: [] }),
        400,
        'validation_failed',
        'number',
      );
      await refused(
        'repeated service',
        () => manager.post(url, { number: 21, name: 'x', serviceIds: [f.serviceIds.A, f.serviceIds.A] }),
        400,
        'validation_failed',
        'serviceIds',
      );
      await refused(
        'edit to taken number',
        () => patch(manager, `/api/config/counters/${f.counterIds[1]}`, { number: 1 }),
        409,
        'already_exists',
        'number',
      );
    });
  });

  describe('center settings', () => {
    it('edits name, address, timezone, hours, priority ratio and ageing', async () => {
      const reply = await patch(manager, `/api/config/centers/${f.centerId}`, {
        name: 'Trung tâm mới',
        address: '1 Quang Trung',
        timezone: 'Asia/Bangkok',
        openingHours: [{ from: '07:30', to: '17:00' }],
        priorityEvery: 0,
        ageingMinutes: 15,
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        name: 'Trung tâm mới',
        timezone: 'Asia/Bangkok',
        priorityEvery: 0,
        ageingMinutes: 15,
        openingHours: [{ from: '07:30', to: '17:00' }],
      });
      const url = `/api/config/centers/${f.centerId}`;
      await refused(
        'unknown time zone',
        () => patch(manager, url, { timezone: 'Mars/Olympus' }),
        400,
        'validation_failed',
        'timezone',
      );
      await refused(
        'negative ratio',
        () => patch(manager, url, { priorityEvery: -1 }),
        400,
        'validation_failed',
        'priorityEvery',
      );
      await refused(
        'ageing zero',
        () => patch(manager, url, { ageingMinutes: 0 }),
        400,
        'validation_failed',
        'ageingMinutes',
      );
      await refused(
        'hours backwards',
        () => patch(manager, url, { openingHours: [{ from: '17:00', to: '08:00' }] }),
        400,
        'validation_failed',
        'openingHours.0.to',
      );
    });

    it('keeps a hotline and a board notice, shows them to every public screen, and clears them with an empty text', async () => {
      const url = `/api/config/centers/${f.centerId}`;
      const reply = await patch(manager, url, {
        hotline: '0203 3 123 456',
        boardNotice: 'Chiều thứ Sáu trung tâm nghỉ để tập huấn.',
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        hotline: '0203 3 123 456',
        boardNotice: 'Chiều thứ Sáu trung tâm nghỉ để tập huấn.',
      });
      const listed = (await new Client(app.url).get('/api/centers')).body as Record<string, unknown>[];
      expect(listed.find((c) => c.id === f.centerId)).toMatchObject({
        hotline: '0203 3 123 456',
        boardNotice: 'Chiều thứ Sáu trung tâm nghỉ để tập huấn.',
      });
      await refused(
        'hotline too long',
        () => patch(manager, url, { hotline: '1'.repeat(41) }),
        400,
        'validation_failed',
        'hotline',
      );
      await refused(
        'notice on two lines',
        () => patch(manager, url, { boardNotice: 'một\nhai' }),
        400,
        'validation_failed',
        'boardNotice',
      );
      expect((await patch(manager, url, { hotline: '', boardNotice: '' })).body).toMatchObject({
        hotline: null,
        boardNotice: null,
      });
    });

    it('lets only an admin create a center, with its event sequence', async () => {
      await refused(
        'manager creates a center',
        () => manager.post('/api/config/centers', { name: 'X' }),
        403,
        'forbidden',
      );
      await refused(
        'bad zone',
        () => admin.post('/api/config/centers', { name: 'X', timezone: 'Nowhere' }),
        400,
        'validation_failed',
        'timezone',
      );
      const created = await admin.post('/api/config/centers', {
        name: 'Trung tâm Hạ Long',
        address: 'Hạ Long',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Trung tâm Hạ Long', timezone: 'Asia/Ho_Chi_Minh' });
      const seq = await database.db
        .selectFrom('center_sequences')
        .selectAll()
        .where('center_id', '=', created.body.id)
        .executeTakeFirst();
      expect(seq).toBeDefined();
      // It works at once: a service, then a ticket.
      const s = await admin.post(`/api/config/centers/${created.body.id}/services`, {
        code: 'A',
        name: 'A',
        nameEn: 'A',
      });
      expect(
        (
          await new StrictClient(app.url).post(`/api/centers/${created.body.id}/tickets`, {
            serviceId: s.body.id,
          })
        ).status,
      ).toBe(201);
    });
  });

  describe('users', () => {
    it('lets a manager create a clerk of their center, reset the password and deactivate, ending sessions', async () => {
      const created = await manager.post('/api/config/users', {
        username: `nv_${kind}`,
        displayName: 'Nguyễn Văn A',
        role: 'clerk',
        centerIds: [f.centerId],
        password: 'mat-khau-so-1',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        username: `nv_${kind}`,
        displayName: 'Nguyễn Văn A',
        role: 'clerk',
        active: true,
        centerIds: [f.centerId],
      });
      const listed = await manager.get(`/api/config/centers/${f.centerId}`);
      expect(JSON.stringify(listed.body)).not.toMatch(/password|scrypt/);
      const clerk = await new StrictClient(app.url).login(`nv_${kind}`, 'mat-khau-so-1');
      expect((await clerk.get('/api/auth/me')).status).toBe(200);
      expect(
        (await manager.post(`/api/config/users/${created.body.id}/password`, { password: 'mat-khau-so-2' }))
          .status,
      ).toBe(204);
      expect((await clerk.get('/api/auth/me')).status).toBe(401);
      const again = await new StrictClient(app.url).login(`nv_${kind}`, 'mat-khau-so-2');
      expect(
        (await patch(manager, `/api/config/users/${created.body.id}`, { active: false })).body.active,
      ).toBe(false);
      expect((await again.get('/api/auth/me')).status).toBe(401);
      expect(
        (
          await new StrictClient(app.url).post('/api/auth/login', {
            username: `nv_${kind}`,
            password: 'mat-khau-so-2',
          })
        ).status,
      ).toBe(401);
      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject', '=', `user:${created.body.id}`)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.password_reset', 'user.updated']);
    });

    it('keeps a manager to the clerks of their own center; an admin manages anyone', async () => {
      const user = { displayName: 'X', password: 'mat-khau-so-1' };
      await refused(
        'manager creates a manager',
        () =>
          manager.post('/api/config/users', {
            ...user,
            username: 'mgr2',
            role: 'manager',
            centerIds: [f.centerId],
          }),
        403,
        'forbidden',
      );
      await refused(
        'manager creates a clerk elsewhere',
        () =>
          manager.post('/api/config/users', {
            ...user,
            username: 'clk2',
            role: 'clerk',
            centerIds: [other.centerId],
          }),
        403,
        'forbidden',
      );
      await refused(
        'short password',
        () =>
          manager.post('/api/config/users', {
            ...user,
            username: 'clk3',
            role: 'clerk',
            centerIds: [f.centerId],
            password: 'short',
          }),
        400,
        'validation_failed',
        'password',
      );
      await refused(
        'bad role',
        () =>
          manager.post('/api/config/users', {
            ...user,
            username: 'clk4',
            role: 'boss',
            centerIds: [f.centerId],
          }),
        400,
        'validation_failed',
        'role',
      );
      await refused(
        'taken username',
        () =>
          manager.post('/api/config/users', {
            ...user,
            username: f.usernames.clerk[0],
            role: 'clerk',
            centerIds: [f.centerId],
          }),
        409,
        'already_exists',
        'username',
      );
      const otherClerk = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', other.usernames.clerk[0]!)
        .executeTakeFirstOrThrow();
      const ownClerk = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', f.usernames.clerk[1]!)
        .executeTakeFirstOrThrow();
      await refused(
        'reset another center clerk',
        () => manager.post(`/api/config/users/${otherClerk.id}/password`, { password: 'mat-khau-so-9' }),
        403,
        'forbidden',
      );
      await refused(
        'deactivate another center clerk',
        () => patch(manager, `/api/config/users/${otherClerk.id}`, { active: false }),
        403,
        'forbidden',
      );
      await refused(
        'manager changes a role',
        () => patch(manager, `/api/config/users/${ownClerk.id}`, { role: 'manager' }),
        403,
        'forbidden',
      );
      await refused(
        'manager changes centers',
        () => patch(manager, `/api/config/users/${ownClerk.id}`, { centerIds: [f.centerId, other.centerId] }),
        403,
        'forbidden',
      );
      const promoted = await patch(admin, `/api/config/users/${ownClerk.id}`, {
        role: 'manager',
        centerIds: [f.centerId, other.centerId],
      });
      expect(promoted.body).toMatchObject({
        role: 'manager',
        centerIds: [f.centerId, other.centerId].sort((a, b) => a - b),
      });
      const created = await admin.post('/api/config/users', {
        ...user,
        username: `qt_${kind}`,
        role: 'manager',
        centerIds: [other.centerId],
      });
      expect(created.status).toBe(201);
    });
  });

  describe('authorisation', () => {
    it('refuses anonymous (401), clerks (403) and managers of another center (403)', async () => {
      const anonymous = new StrictClient(app.url);
      const clerk = await new StrictClient(app.url).login(f.usernames.clerk[0]!);
      const foreign = await new StrictClient(app.url).login(other.usernames.manager[0]!);
      const sends: [
        string,
        (c: StrictClient) => Promise<{ status: number; body: unknown; headers: Headers }>,
      ][] = [
        ['read config', (c) => c.get(`/api/config/centers/${f.centerId}`)],
        ['edit center', (c) => patch(c, `/api/config/centers/${f.centerId}`, { name: 'X' })],
        [
          'new service',
          (c) => c.post(`/api/config/centers/${f.centerId}/services`, { code: 'Z', name: 'Z', nameEn: 'Z' }),
        ],
        ['edit service', (c) => patch(c, `/api/config/services/${f.serviceIds.A}`, { slaMinutes: 5 })],
        [
          'new counter',
          (c) =>
            c.post(`/api/config/centers/${f.centerId}/counters`, { number: 50, name: 'x', serviceIds: [] }),
        ],
        ['edit counter', (c) => patch(c, `/api/config/counters/${f.counterIds[0]}`, { name: 'x' })],
      ];
      for (const [label, send] of sends) {
        await refused(`anonymous ${label}`, () => send(anonymous), 401, 'unauthenticated');
        await refused(`clerk ${label}`, () => send(clerk), 403, 'forbidden');
        await refused(`foreign manager ${label}`, () => send(foreign), 403, 'forbidden');
      }
      await refused(
        'unknown service',
        () => patch(admin, '/api/config/services/999999', { slaMinutes: 5 }),
        404,
        'not_found',
      );
    });
  });

  describe('configuration as events (issue 11 item 5)', () => {
    const boards: TestBoard[] = [];
    afterAll(() => {
      for (const b of boards) b.close();
    });
    async function board(centerId: number): Promise<TestBoard> {
      const b = new TestBoard(app.url, centerId);
      boards.push(b);
      await b.until(() => b.snapshots.length > 0);
      return b;
    }
    const seqOf = async (centerId: number) =>
      (
        await database.db
          .selectFrom('center_sequences')
          .select('last_seq')
          .where('center_id', '=', centerId)
          .executeTakeFirstOrThrow()
      ).last_seq;

    it('sends an added or renamed service, and a renamed center, to the center room with the next seq', async () => {
      const b = await board(f.centerId);
      const elsewhere = await board(other.centerId);
      const otherSeq = elsewhere.feed.seq;
      const start = b.feed.seq;

      const added = await manager.post(`/api/config/centers/${f.centerId}/services`, {
        code: 'KT',
        name: 'Kế toán',
        nameEn: 'Accounting',
      });
      expect(added.status).toBe(201);
      await b.untilSeq(start + 1);
      const first = b.applied.at(-1)!;
      expect(first).toMatchObject({ seq: start + 1, type: 'services.changed', centerId: f.centerId });
      // Only what a public screen shows: no one's name, no staff text.
      expect(Object.keys(first).sort()).toEqual(['at', 'centerId', 'seq', 'services', 'type']);
      expect(first.services?.at(-1)).toEqual({
        id: added.body.id,
        code: 'KT',
        name: 'Kế toán',
        nameEn: 'Accounting',
        active: true,
      });
      expect(first.services?.map((s) => s.id)).toEqual(
        (await new StrictClient(app.url).get(`/api/centers/${f.centerId}/services`)).body.map(
          (s: { id: number }) => s.id,
        ),
      );

      // A rename and a deactivation: the counters serving it (none here) and then the list.
      expect(
        (await patch(manager, `/api/config/services/${added.body.id}`, { name: 'Kế toán thuế' })).status,
      ).toBe(200);
      expect((await patch(manager, `/api/config/services/${added.body.id}`, { active: false })).status).toBe(
        200,
      );
      await b.untilSeq(start + 3);
      expect(
        b.applied.slice(-2).map((e) => [e.seq, e.type, e.services?.at(-1)?.name, e.services?.at(-1)?.active]),
      ).toEqual([
        [start + 2, 'services.changed', 'Kế toán thuế', true],
        [start + 3, 'services.changed', 'Kế toán thuế', false],
      ]);

      // The center's name, hours, hotline and notice are shown on public screens; its priority rule is not.
      expect((await patch(manager, `/api/config/centers/${f.centerId}`, { priorityEvery: 4 })).status).toBe(
        200,
      );
      expect(await seqOf(f.centerId)).toBe(start + 3);
      expect(
        (await patch(manager, `/api/config/centers/${f.centerId}`, { name: 'Trung tâm mới' })).status,
      ).toBe(200);
      await b.untilSeq(start + 4);
      expect(b.applied.at(-1)).toMatchObject({
        seq: start + 4,
        type: 'center.changed',
        center: {
          id: f.centerId,
          name: 'Trung tâm mới',
          hotline: null,
          boardNotice: null,
          timezone: (
            await database.db
              .selectFrom('centers')
              .select('timezone')
              .where('id', '=', f.centerId)
              .executeTakeFirstOrThrow()
          ).timezone,
        },
      });
      // Written with the change: a board that was away gets it by replay.
      const late = connectSocket(app.url);
      try {
        const ack = await subscribe(late, { centerId: f.centerId, sinceSeq: start });
        expect('events' in ack && ack.events.map((e) => [e.seq, e.type])).toEqual([
          [start + 1, 'services.changed'],
          [start + 2, 'services.changed'],
          [start + 3, 'services.changed'],
          [start + 4, 'center.changed'],
        ]);
      } finally {
        late.disconnect();
      }
      expect(elsewhere.feed.seq).toBe(otherSeq);
      expect(await seqOf(other.centerId)).toBe(otherSeq);
    });

    it('sends the services of a renamed service’s counters and then the list', async () => {
      const b = await board(f.centerId);
      const start = b.feed.seq;
      expect(
        (await patch(admin, `/api/config/services/${f.serviceIds.B}`, { name: 'Đất đai (mới)' })).status,
      ).toBe(200);
      // B is served by both counters: two counter.changed, then services.changed.
      await b.untilSeq(start + 3);
      expect(b.applied.slice(-3).map((e) => e.type)).toEqual([
        'counter.changed',
        'counter.changed',
        'services.changed',
      ]);
      expect(b.applied.at(-1)?.services?.find((s) => s.id === f.serviceIds.B)?.name).toBe('Đất đai (mới)');
    });
  });
});
