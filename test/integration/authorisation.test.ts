/**
 * Who may do what (DESIGN.md §7–8): staff routes need a live session (401), a clerk acts only
 * in their own centers (403) while an admin acts in any, logins do not tell a wrong password
 * from an unknown user, logout and deactivation end sessions, the cookie is HttpOnly and
 * SameSite=Lax, and state-changing requests from a foreign Origin are refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/auth/staff-session.js';
import type { ErrorCode } from '../../shared/src/errors.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectRefused, StrictClient } from '../helpers/refusals.js';
import { type Reply, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const DEMO_CENTER = 1;
const DEMO_COUNTER = 1;

eachDatabase('authorisation', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  /** Center B: the test's own center, with its own clerks. */
  let b: CenterFixture;
  let bClerk: StrictClient;
  let anonymous: StrictClient;
  const tickets = { waiting: 0, called: 0, serving: 0, held: 0, noShow: 0 };
  let waitingToken = '';
  /** B's counter that is open and holds no ticket. */
  let freeCounter = 0;

  async function ok(reply: Promise<Reply>, status = 200): Promise<any> {
    const r = await reply;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  }
  const refused = (label: string, send: () => Promise<Reply>, status: number, code: ErrorCode) =>
    expectRefused(database.db, label, send, status, code);
  const withCookie = (cookie: string) => Object.assign(new StrictClient(app.url), { cookie });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    b = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A'], ['A'], ['A'], ['A']],
      staff: [{ role: 'clerk', count: 3 }],
    });
    anonymous = new StrictClient(app.url);
    bClerk = await new StrictClient(app.url).login(b.usernames.clerk[0]!);

    // One ticket of B in each state, each where the action tried on it would be allowed.
    const issue = async () =>
      ok(anonymous.post(`/api/centers/${b.centerId}/tickets`, { serviceId: b.serviceIds.A }), 201);
    const callAt = (counterId: number, ticketId: number) =>
      ok(bClerk.post(`/api/counters/${counterId}/call`, { ticketId, reason: 'thử' }));
    const act = (id: number, segment: string) => ok(bClerk.post(`/api/tickets/${id}/${segment}`));
    const [c0, c1, c2, c3] = b.counterIds as [number, number, number, number];
    for (const id of b.counterIds) await ok(bClerk.post(`/api/counters/${id}/open`));
    const waiting = await issue();
    tickets.waiting = waiting.id;
    waitingToken = waiting.token;
    tickets.called = (await issue()).id;
    await callAt(c0, tickets.called);
    tickets.serving = (await issue()).id;
    await callAt(c1, tickets.serving);
    await act(tickets.serving, 'start');
    tickets.held = (await issue()).id;
    await callAt(c2, tickets.held);
    await act(tickets.held, 'start');
    await act(tickets.held, 'hold');
    tickets.noShow = (await issue()).id;
    await callAt(c3, tickets.noShow);
    await act(tickets.noShow, 'no-show');
    freeCounter = c3;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Every staff action on B's counters and tickets, with a body it accepts. */
  const staffActions = (): [path: string, body?: Record<string, unknown>][] => [
    [`/api/counters/${freeCounter}/open`],
    [`/api/counters/${freeCounter}/pause`, { reason: 'nghỉ trưa' }],
    [`/api/counters/${freeCounter}/close`],
    [`/api/counters/${freeCounter}/call-next`],
    [`/api/counters/${freeCounter}/call`, { ticketId: tickets.waiting, reason: 'người cao tuổi' }],
    [`/api/tickets/${tickets.called}/recall`],
    [`/api/tickets/${tickets.called}/start`],
    [`/api/tickets/${tickets.called}/no-show`],
    [`/api/tickets/${tickets.called}/return`],
    [`/api/tickets/${tickets.serving}/complete`, { outcome: 'resolved', note: 'xong' }],
    [`/api/tickets/${tickets.serving}/hold`],
    [`/api/tickets/${tickets.serving}/transfer`, { serviceId: b.serviceIds.B }],
    [`/api/tickets/${tickets.held}/resume`, { counterId: freeCounter }],
    [`/api/tickets/${tickets.noShow}/reactivate`],
    [`/api/tickets/${tickets.waiting}/cancel`, { reason: 'citizen_left' }],
  ];

  async function expectUnauthenticated(client: StrictClient, label: string) {
    for (const [path, body] of staffActions()) {
      await refused(`${label}: ${path}`, () => client.post(path, body), 401, 'unauthenticated');
    }
    await refused(`${label}: /api/auth/me`, () => client.get('/api/auth/me'), 401, 'unauthenticated');
  }

  it('answers 401 on every staff route without a session', async () => {
    await expectUnauthenticated(anonymous, 'no cookie');
  });

  it('answers 401 with a garbage, malformed or overlong session cookie', async () => {
    const cookies = [
      `${SESSION_COOKIE}=garbage`,
      `${SESSION_COOKIE}=`,
      `${SESSION_COOKIE}=${'x'.repeat(300)}`,
      `${SESSION_COOKIE}=%E0%A4%A`,
      `${SESSION_COOKIE}="unbalanced`,
      SESSION_COOKIE,
      `other=1; ${SESSION_COOKIE}=a; ${SESSION_COOKIE}=b`,
      '=;;=',
    ];
    for (const cookie of cookies) await expectUnauthenticated(withCookie(cookie), cookie.slice(0, 40));
  });

  it('answers 401 with the cookie of a session that was logged out or has expired', async () => {
    const out = await new StrictClient(app.url).login(b.usernames.clerk[2]!);
    const cookie = out.cookie!;
    expect((await out.get('/api/auth/me')).status).toBe(200);
    expect((await out.post('/api/auth/logout')).status).toBe(204);
    await expectUnauthenticated(withCookie(cookie), 'logged out');

    const expired = await new StrictClient(app.url).login(b.usernames.clerk[2]!);
    await database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('user_id', '=', (await expired.get('/api/auth/me')).body.user.id)
      .execute();
    await expectUnauthenticated(expired, 'expired');
  });

  it('answers 403 forbidden when a clerk acts on another center’s counter or ticket', async () => {
    const demoClerk = await new StrictClient(app.url).login('clerk1');
    const demoManager = await new StrictClient(app.url).login('manager');
    for (const [who, client] of [
      ['clerk1', demoClerk],
      ['manager', demoManager],
    ] as const) {
      for (const [path, body] of staffActions()) {
        await refused(`${who}: ${path}`, () => client.post(path, body), 403, 'forbidden');
      }
    }
    // From their own counter, the other center's tickets are still out of reach.
    await ok(demoClerk.post(`/api/counters/${DEMO_COUNTER}/open`));
    await refused(
      'call B’s ticket at an own counter',
      () => demoClerk.post(`/api/counters/${DEMO_COUNTER}/call`, { ticketId: tickets.waiting, reason: 'x' }),
      403,
      'forbidden',
    );
    await refused(
      'resume B’s ticket at an own counter',
      () => demoClerk.post(`/api/tickets/${tickets.held}/resume`, { counterId: DEMO_COUNTER }),
      403,
      'forbidden',
    );
    // And the other way round: B's clerk in the demo center.
    for (const segment of ['open', 'close', 'call-next']) {
      await refused(
        `B clerk ${segment} a demo counter`,
        () => bClerk.post(`/api/counters/${DEMO_COUNTER}/${segment}`),
        403,
        'forbidden',
      );
    }
    await refused(
      'B clerk pauses a demo counter',
      () => bClerk.post(`/api/counters/${DEMO_COUNTER}/pause`, { reason: 'x' }),
      403,
      'forbidden',
    );
    const demoTicket = await ok(anonymous.post(`/api/centers/${DEMO_CENTER}/tickets`, { serviceId: 1 }), 201);
    await refused(
      'B clerk cancels a demo ticket',
      () => bClerk.post(`/api/tickets/${demoTicket.id}/cancel`, { reason: 'duplicate' }),
      403,
      'forbidden',
    );
  });

  it('answers 401 invalid_credentials alike for a wrong password and an unknown user', async () => {
    const attempts: [string, string][] = [
      ['clerk1', 'wrong-password'],
      ['clerk1', `${TEST_PASSWORD} `],
      ['CLERK1', TEST_PASSWORD],
      ['nobody-at-all', TEST_PASSWORD],
      ['nobody-at-all', 'wrong-password'],
    ];
    const answers = [];
    for (const [username, password] of attempts) {
      const client = new StrictClient(app.url);
      const error = await refused(
        `login ${username}`,
        async () => {
          const reply = await client.post('/api/auth/login', { username, password });
          expect(reply.headers.get('set-cookie')).toBeNull();
          return reply;
        },
        401,
        'invalid_credentials',
      );
      answers.push(error);
      expect(client.cookie).toBeNull();
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('refuses state-changing requests from a foreign Origin with 403 bad_origin', async () => {
    const foreign = [
      'http://evil.example',
      'null',
      'http://127.0.0.1:1',
      app.url.replace('http:', 'https:'),
      `${app.url}.evil.example`,
      app.url.replace('127.0.0.1', 'localhost'),
    ];
    for (const origin of foreign) {
      const headers = { origin };
      const requests: [string, StrictClient, string, unknown][] = [
        ['login', anonymous, '/api/auth/login', { username: b.usernames.clerk[0], password: TEST_PASSWORD }],
        ['logout', bClerk, '/api/auth/logout', undefined],
        ['issue', anonymous, `/api/centers/${b.centerId}/tickets`, { serviceId: b.serviceIds.A }],
        ['citizen cancel', anonymous, `/api/tickets/${waitingToken}/cancel`, undefined],
        ...staffActions().map(([path, body]): [string, StrictClient, string, unknown] => [
          path,
          bClerk,
          path,
          body,
        ]),
      ];
      for (const [label, client, path, body] of requests) {
        await refused(
          `${origin} ${label}`,
          () => client.request('POST', path, body, headers),
          403,
          'bad_origin',
        );
      }
    }
    // Reads are not state-changing: a foreign Origin does not matter there; the session survived.
    const me = await bClerk.request('GET', '/api/auth/me', undefined, { origin: 'http://evil.example' });
    expect(me.status).toBe(200);
    // The refused login set no session (a device cookie from its earlier ticket is not one).
    expect(anonymous.cookie ?? '').not.toMatch(/^luot_session=/);
  });

  // From here on, tests change the database.
  it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, and logout clears it', async () => {
    const client = new StrictClient(app.url);
    const login = await client.post('/api/auth/login', {
      username: b.usernames.clerk[2],
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({
      username: b.usernames.clerk[2],
      role: 'clerk',
      centerIds: [b.centerId],
    });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{40,}; `));
    const attributes = cookie
      .split(/;\s*/)
      .slice(1)
      .map((a) => a.toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes).not.toContain('secure'); // plain http here; PUBLIC_URL https:// makes it Secure
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);

    const sessionCookie = client.cookie!;
    const logout = await client.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await withCookie(sessionCookie).get('/api/auth/me')).status).toBe(401);
  });

  it('lets no inactive user sign in, and ends the sessions they had', async () => {
    const username = b.usernames.clerk[1]!;
    const before = await new StrictClient(app.url).login(username);
    expect((await before.get('/api/auth/me')).body.user.username).toBe(username);
    await database.db.updateTable('users').set({ active: false }).where('username', '=', username).execute();

    await refused('me after deactivation', () => before.get('/api/auth/me'), 401, 'unauthenticated');
    await refused(
      'close after deactivation',
      () => before.post(`/api/counters/${freeCounter}/close`),
      401,
      'unauthenticated',
    );
    const inactive = await refused(
      'login inactive',
      () => anonymous.post('/api/auth/login', { username, password: TEST_PASSWORD }),
      401,
      'invalid_credentials',
    );
    const wrong = await refused(
      'login wrong password',
      () => anonymous.post('/api/auth/login', { username: 'clerk1', password: 'wrong-password' }),
      401,
      'invalid_credentials',
    );
    expect(inactive).toEqual(wrong);
  });

  it('passes state-changing requests that carry the app’s own Origin', async () => {
    const headers = { origin: app.url };
    const client = new StrictClient(app.url);
    const login = await client.request(
      'POST',
      '/api/auth/login',
      { username: b.usernames.clerk[0], password: TEST_PASSWORD },
      headers,
    );
    expect(login.status).toBe(200);
    const issued = await anonymous.request(
      'POST',
      `/api/centers/${b.centerId}/tickets`,
      { serviceId: b.serviceIds.B },
      headers,
    );
    expect(issued.status).toBe(201);
    const paused = await client.request(
      'POST',
      `/api/counters/${freeCounter}/pause`,
      { reason: 'họp' },
      headers,
    );
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ state: 'paused', pauseReason: 'other', pauseNote: 'họp' });
    const recalled = await client.request(
      'POST',
      `/api/tickets/${tickets.called}/recall`,
      undefined,
      headers,
    );
    expect(recalled.status).toBe(200);
    expect((await client.request('POST', '/api/auth/logout', undefined, headers)).status).toBe(204);
  });

  it('lets an admin act in any center, and logs who acted', async () => {
    const admin = await new StrictClient(app.url).login('admin');
    const me = (await admin.get('/api/auth/me')).body.user;
    expect(me.centerIds).not.toContain(b.centerId);

    expect((await ok(admin.post(`/api/counters/${freeCounter}/open`))).state).toBe('open');
    const recalled = await ok(admin.post(`/api/tickets/${tickets.called}/recall`));
    expect(recalled.ticket).toMatchObject({ id: tickets.called, status: 'called' });
    const started = await ok(admin.post(`/api/tickets/${tickets.called}/start`));
    expect(started.ticket.status).toBe('serving');
    const called = await ok(admin.post(`/api/counters/${freeCounter}/call-next`));
    expect(called.ticket).toMatchObject({ id: tickets.waiting, status: 'called', counterId: freeCounter });

    const last = await database.db
      .selectFrom('ticket_events')
      .select(['type', 'user_id'])
      .where('center_id', '=', b.centerId)
      .orderBy('seq', 'desc')
      .limit(4)
      .execute();
    expect(last.map((e) => e.type)).toEqual([
      'ticket.called',
      'ticket.serving',
      'ticket.recalled',
      'counter.changed',
    ]);
    expect(last.every((e) => e.user_id === me.id)).toBe(true);
  });
});
