/**
 * A counter is held by one signed-in clerk at a time (issue 11 item 11): a second clerk's open
 * is a 409 naming the holder unless they say `takeover`, a takeover is in the audit log and
 * reaches the first clerk's console live, the displaced clerk's actions are refused, closing or
 * signing out gives the counter up, and the dashboard credits whoever holds it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/src/protocol.js';
import { connectSocket, subscribe } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture, userIdOf } from '../helpers/fixtures.js';
import { expectError } from '../helpers/refusals.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('counter hold', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let center: CenterFixture;
  let first: Client;
  let second: Client;
  let counterId: number;
  let firstId: number;
  let secondId: number;

  const issue = async () =>
    (
      await new Client(app.url).post(`/api/centers/${center.centerId}/tickets`, {
        serviceId: center.serviceIds.A,
      })
    ).body as { id: number };
  const userId = (username: string) => userIdOf(database.db, username);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    center = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A'], ['A']],
      staff: [
        { role: 'clerk', count: 2 },
        { role: 'manager', count: 1 },
      ],
    });
    counterId = center.counterIds[0]!;
    const [a, b] = center.usernames.clerk as [string, string];
    await database.db
      .updateTable('users')
      .set({ display_name: 'Nguyễn Văn An' })
      .where('username', '=', a)
      .execute();
    first = await new Client(app.url).login(a);
    second = await new Client(app.url).login(b);
    firstId = await userId(a);
    secondId = await userId(b);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses a second clerk’s open with counter_held_by_other naming the holder; open again by the holder is fine', async () => {
    expect((await first.post(`/api/counters/${counterId}/open`)).status).toBe(200);
    expect((await first.post(`/api/counters/${counterId}/open`)).status).toBe(200);
    const refused = await second.post(`/api/counters/${counterId}/open`);
    const error = expectError(refused, 409, 'counter_held_by_other');
    expect(error.details).toEqual({ counterId, holder: { userId: firstId, name: 'Nguyễn Văn An' } });
    expect(error.message).toContain('Nguyễn Văn An');
    expectError(
      await second.post(`/api/counters/${counterId}/open`, { takeover: 'yes' }),
      400,
      'validation_failed',
    );
    // Nor may the second clerk work the counter the first holds.
    await issue();
    expectError(await second.post(`/api/counters/${counterId}/call-next`), 409, 'counter_held_by_other');
    expectError(
      await second.post(`/api/counters/${counterId}/pause`, { reason: 'break' }),
      409,
      'counter_held_by_other',
    );
    expectError(await second.post(`/api/counters/${counterId}/close`), 409, 'counter_held_by_other');
    const row = await database.db
      .selectFrom('counters')
      .selectAll()
      .where('id', '=', counterId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'open', held_by: firstId });
  });

  it('takes over when asked, logs it, tells the first clerk’s console live, and refuses the displaced clerk', async () => {
    const called = await first.post(`/api/counters/${counterId}/call-next`);
    expect(called.status).toBe(200);
    const ticketId = called.body.ticket.id as number;

    const console1 = connectSocket(app.url, { extraHeaders: { cookie: first.cookie! } });
    const board = connectSocket(app.url);
    try {
      await subscribe(console1, { centerId: center.centerId, staff: true });
      await subscribe(board, { centerId: center.centerId });
      const told = new Promise<LiveEvent>((resolve) =>
        console1.on('event', (e) => e.type === 'counter.changed' && e.counterId === counterId && resolve(e)),
      );
      const heard = new Promise<LiveEvent>((resolve) =>
        board.on('event', (e) => e.type === 'counter.changed' && e.counterId === counterId && resolve(e)),
      );
      const taken = await second.post(`/api/counters/${counterId}/open`, { takeover: true });
      expect(taken.status).toBe(200);
      expect(taken.body.holder).toEqual({ userId: secondId, name: center.usernames.clerk[1] });
      expect((await told).counter?.holder).toEqual({ userId: secondId, name: center.usernames.clerk[1] });
      // The public board learns nothing of who works there.
      expect((await heard).counter).not.toHaveProperty('holder');
    } finally {
      console1.close();
      board.close();
    }

    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'counter.takeover')
      .where('subject', '=', `counter:${counterId}`)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      user_id: secondId,
      center_id: center.centerId,
      details: { counterNumber: 1, fromUserId: firstId, fromName: 'Nguyễn Văn An' },
    });
    const manager = await new Client(app.url).login(center.usernames.manager[0]!);
    const trail = (await manager.get(`/api/centers/${center.centerId}/audit`)).body as { action: string }[];
    expect(trail.map((e) => e.action)).toContain('counter.takeover');

    // The displaced clerk's console is refused everything at that counter, the ticket in hand too.
    for (const action of ['recall', 'start', 'no-show', 'return', 'hold']) {
      expectError(
        await first.post(`/api/tickets/${ticketId}/${action}`),
        409,
        'counter_held_by_other',
        action,
      );
    }
    expectError(
      await first.post(`/api/tickets/${ticketId}/complete`, { outcome: 'resolved' }),
      409,
      'counter_held_by_other',
    );
    expectError(await first.post(`/api/counters/${counterId}/call-next`), 409, 'counter_held_by_other');
    // The new holder carries on with the citizen at the desk; a manager may still step in.
    expect((await second.post(`/api/tickets/${ticketId}/start`)).status).toBe(200);
    expect((await second.post(`/api/tickets/${ticketId}/complete`, { outcome: 'resolved' })).status).toBe(
      200,
    );

    // The dashboard credits the holder.
    const dashboard = await manager.get(`/api/centers/${center.centerId}/dashboard`);
    expect(dashboard.status).toBe(200);
    const counter = (dashboard.body.counters as { id: number; clerk: string | null }[]).find(
      (c) => c.id === counterId,
    );
    expect(counter?.clerk).toBe(center.usernames.clerk[1]);
  });

  it('gives the counter up on close and on signing out', async () => {
    expect((await second.post(`/api/counters/${counterId}/close`)).status).toBe(200);
    expect((await first.post(`/api/counters/${counterId}/open`)).status).toBe(200);
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    const row = await database.db
      .selectFrom('counters')
      .selectAll()
      .where('id', '=', counterId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'open', held_by: null });
    // Nobody holds it: the other clerk opens it without being asked.
    const opened = await second.post(`/api/counters/${counterId}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body.holder).toEqual({ userId: secondId, name: center.usernames.clerk[1] });
  });
});
