/**
 * The authorisation matrix (issue 6, Security 5): every route the app serves under /api is
 * either public (DESIGN.md §7: boards, kiosks, citizens by token) or a staff route with the
 * roles that may use it and whether only in their own centers. Each staff route is tried
 * anonymously (401), by every role in its own and in another center (403 for a wrong role or
 * a foreign center, anything but an auth refusal otherwise). A route the table does not name
 * fails the test. Socket rooms: center and counter rooms are public (unless the center requires
 * paired devices: test/integration/device-pairing.test.ts), a ticket room needs its token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/src/auth/actor.js';
import { ticketRoom } from '../../shared/src/rooms.js';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture, userIdOf } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const ALL_STAFF: Role[] = ['clerk', 'manager', 'admin'];
const MANAGERS: Role[] = ['manager', 'admin'];

/** What a request needs of the center it targets. */
interface Target {
  centerId: number;
  counterId: number;
  serviceId: number;
  /** Another service of the same center, for transfer and move. */
  otherServiceId: number;
  ticketId: number;
  /** A clerk nobody signs in as, whose name and password the test may change. */
  userId: number;
  /** A paired device of the center (revoking it again changes nothing). */
  deviceId: number;
}

type Body = (t: Target, n: number) => unknown;
/** `center`: only in the actor's own centers (admins: any); `none`: no center involved. */
type Staff = { roles: Role[]; scope: 'center' | 'none'; body?: Body; query?: string };

/** Routes anyone may call: DESIGN.md §7 public reads, kiosks, boards and citizens by token. */
const PUBLIC = new Set([
  'GET /api/centers',
  'GET /api/centers/{centerId}/services',
  'GET /api/centers/{centerId}/counters',
  'GET /api/centers/{centerId}/snapshot',
  'POST /api/centers/{centerId}/tickets',
  'POST /api/centers/{centerId}/tickets/lookup',
  'GET /api/public-config',
  'GET /api/push/config',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/counters/{counterId}/display',
  'POST /api/counters/{counterId}/rating',
  'GET /api/tickets/{token}',
  'POST /api/tickets/{token}/feedback',
  'POST /api/tickets/{token}/push',
  'POST /api/tickets/{token}/push/unsubscribe',
  'POST /api/tickets/{token}/sms',
  'POST /api/tickets/{token}/sms/unsubscribe',
  'POST /api/devices/pair',
  'GET /api/centers/{centerId}/device',
]);

const REPORT_RANGE = '?from=2025-01-01&to=2025-01-31';

/** Every staff route: who may act, where, and a body the schema accepts. */
const STAFF: Record<string, Staff> = {
  'GET /api/auth/me': { roles: ALL_STAFF, scope: 'none' },
  'GET /api/me/today': { roles: ALL_STAFF, scope: 'none' },
  'GET /api/counters/{counterId}/queue': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/counters/{counterId}/open': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/counters/{counterId}/pause': {
    roles: ALL_STAFF,
    scope: 'center',
    body: () => ({ reason: 'họp' }),
  },
  'POST /api/counters/{counterId}/close': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/counters/{counterId}/call-next': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/counters/{counterId}/call': {
    roles: ALL_STAFF,
    scope: 'center',
    body: (t) => ({ ticketId: t.ticketId, reason: 'người cao tuổi' }),
  },
  'POST /api/tickets/{id}/recall': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{id}/start': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{id}/complete': { roles: ALL_STAFF, scope: 'center', body: () => ({}) },
  'POST /api/tickets/{id}/no-show': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{id}/return': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{id}/hold': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{id}/resume': { roles: ALL_STAFF, scope: 'center', body: () => ({}) },
  'POST /api/tickets/{id}/reactivate': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{ref}/cancel': { roles: ALL_STAFF, scope: 'center' },
  'POST /api/tickets/{id}/transfer': {
    roles: ALL_STAFF,
    scope: 'center',
    body: (t) => ({ serviceId: t.otherServiceId }),
  },
  'POST /api/tickets/{id}/priority': {
    roles: ALL_STAFF,
    scope: 'center',
    body: () => ({ decision: 'confirm' }),
  },
  'GET /api/centers/{centerId}/waiting': { roles: MANAGERS, scope: 'center' },
  'GET /api/centers/{centerId}/dashboard': { roles: MANAGERS, scope: 'center' },
  'GET /api/centers/{centerId}/audit': { roles: MANAGERS, scope: 'center' },
  'GET /api/centers/{centerId}/reports': { roles: MANAGERS, scope: 'center', query: REPORT_RANGE },
  'GET /api/centers/{centerId}/reports.csv': { roles: MANAGERS, scope: 'center', query: REPORT_RANGE },
  'POST /api/tickets/{id}/move': {
    roles: MANAGERS,
    scope: 'center',
    body: (t) => ({ serviceId: t.otherServiceId }),
  },
  'POST /api/counters/{counterId}/services': {
    roles: MANAGERS,
    scope: 'center',
    body: (t) => ({ serviceIds: [t.serviceId, t.otherServiceId] }),
  },
  'GET /api/config/centers/{centerId}': { roles: MANAGERS, scope: 'center' },
  'PATCH /api/config/centers/{centerId}': {
    roles: MANAGERS,
    scope: 'center',
    body: () => ({ address: 'số 1' }),
  },
  'POST /api/config/centers': {
    roles: ['admin'],
    scope: 'none',
    body: (_t, n) => ({ name: `Trung tâm mới ${n}` }),
  },
  'POST /api/config/centers/{centerId}/services': {
    roles: MANAGERS,
    scope: 'center',
    body: () => ({ code: 'ZZ', name: 'Thử', nameEn: 'Trial' }),
  },
  'PATCH /api/config/services/{serviceId}': {
    roles: MANAGERS,
    scope: 'center',
    body: () => ({ nameEn: 'Renamed' }),
  },
  'POST /api/config/centers/{centerId}/counters': {
    roles: MANAGERS,
    scope: 'center',
    body: (_t, n) => ({ number: 100 + n, name: `Quầy ${100 + n}`, serviceIds: [] }),
  },
  'PATCH /api/config/counters/{counterId}': {
    roles: MANAGERS,
    scope: 'center',
    body: () => ({ name: 'Quầy đổi' }),
  },
  'POST /api/config/users': {
    roles: MANAGERS,
    scope: 'center',
    body: (t, n) => ({
      username: `matrix_${n}`,
      displayName: 'Cán bộ thử',
      role: 'clerk',
      centerIds: [t.centerId],
      password: 'a-long-password',
    }),
  },
  'PATCH /api/config/users/{userId}': {
    roles: MANAGERS,
    scope: 'center',
    body: () => ({ displayName: 'Đổi tên' }),
  },
  'POST /api/config/users/{userId}/password': {
    roles: MANAGERS,
    scope: 'center',
    body: () => ({ password: 'another-long-password' }),
  },
  'GET /api/province/overview': { roles: ['admin'], scope: 'none' },
  'POST /api/centers/{centerId}/pairing-codes': {
    roles: MANAGERS,
    scope: 'center',
    body: (_t, n) => ({ kind: 'board', name: `Bảng ${n}` }),
  },
  'GET /api/centers/{centerId}/devices': { roles: MANAGERS, scope: 'center' },
  'POST /api/devices/{deviceId}/revoke': { roles: MANAGERS, scope: 'center' },
};

interface Actor {
  name: string;
  role: Role;
  centers: number[] | 'all';
  cookie: string;
}

describe('authorisation matrix [pglite]', () => {
  let database: TestDatabase;
  let app: TestApp;
  let b: CenterFixture;
  let routes: string[] = [];
  const targets: Target[] = [];
  const actors: Actor[] = [];
  let made = 0;

  async function inject(method: string, url: string, body?: unknown, cookie?: string) {
    const res = await app.app.inject({
      method: method as 'GET',
      url,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  async function login(username: string): Promise<string> {
    const res = await inject('POST', '/api/auth/login', { username, password: TEST_PASSWORD });
    expect(res.status, res.body).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  async function issue(centerId: number, serviceId: number): Promise<{ id: number; token: string }> {
    const res = await inject('POST', `/api/centers/${centerId}/tickets`, { serviceId });
    expect(res.status, res.body).toBe(201);
    return JSON.parse(res.body);
  }

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await startTestApp(database);
    b = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A', 'B'], ['A']],
      staff: [
        { role: 'clerk', count: 2 },
        { role: 'manager', count: 1 },
      ],
    });
    const userId = (username: string) => userIdOf(database.db, username);
    const demoServices = await database.db
      .selectFrom('services')
      .select('id')
      .where('center_id', '=', 1)
      .orderBy('sort_order')
      .execute();
    const deviceOf = async (centerId: number) =>
      (
        await database.db
          .insertInto('paired_devices')
          .values({ center_id: centerId, kind: 'board', name: 'Bảng', token_hash: `matrix-${centerId}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const demoCounter = await database.db
      .selectFrom('counters')
      .select('id')
      .where('center_id', '=', 1)
      .where('number', '=', 7)
      .executeTakeFirstOrThrow();
    targets.push(
      {
        centerId: 1,
        counterId: demoCounter.id,
        serviceId: demoServices[0]!.id,
        otherServiceId: demoServices[1]!.id,
        ticketId: (await issue(1, demoServices[0]!.id)).id,
        userId: await userId('clerk8'),
        deviceId: await deviceOf(1),
      },
      {
        centerId: b.centerId,
        counterId: b.counterIds[0]!,
        serviceId: b.serviceIds.A!,
        otherServiceId: b.serviceIds.B!,
        ticketId: (await issue(b.centerId, b.serviceIds.A!)).id,
        userId: await userId(b.usernames.clerk[1]!),
        deviceId: await deviceOf(b.centerId),
      },
    );
    actors.push(
      { name: 'clerk1', role: 'clerk', centers: [1], cookie: await login('clerk1') },
      { name: 'manager', role: 'manager', centers: [1], cookie: await login('manager') },
      { name: 'admin', role: 'admin', centers: 'all', cookie: await login('admin') },
      { name: 'B clerk', role: 'clerk', centers: [b.centerId], cookie: await login(b.usernames.clerk[0]!) },
      {
        name: 'B manager',
        role: 'manager',
        centers: [b.centerId],
        cookie: await login(b.usernames.manager[0]!),
      },
    );
    await app.app.ready();
    const spec = app.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('names every /api route in the matrix, as public or as staff, and nothing that does not exist', () => {
    const api = routes.filter((r) => r.split(' ')[1]!.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(40);
    const unlisted = api.filter((r) => !PUBLIC.has(r) && !(r in STAFF));
    expect(unlisted, 'routes without an entry in the authorisation matrix').toEqual([]);
    const stale = [...PUBLIC, ...Object.keys(STAFF)].filter((r) => !api.includes(r));
    expect(stale, 'matrix entries for routes the app does not serve').toEqual([]);
  });

  function url(route: string, t: Target, query = ''): string {
    const path = route.split(' ')[1]!;
    return (
      path
        .replace('{centerId}', String(t.centerId))
        .replace('{counterId}', String(t.counterId))
        .replace('{serviceId}', String(t.serviceId))
        .replace('{userId}', String(t.userId))
        .replace('{deviceId}', String(t.deviceId))
        .replace(/\{(id|ref)\}/, String(t.ticketId)) + query
    );
  }

  // Some 400 requests: more than the default timeout on a busy machine.
  it('answers each staff route by role and center as the matrix says', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [route, rule] of Object.entries(STAFF)) {
      const method = route.split(' ')[0]!;
      // A center-free route is tried once; a center route against each center.
      for (const t of rule.scope === 'center' ? targets : targets.slice(0, 1)) {
        const target = url(route, t, rule.query);
        const body = () => rule.body?.(t, made++);
        const anonymous = await inject(method, target, body());
        requests++;
        if (anonymous.status !== 401)
          failures.push(`anonymous ${route} @${t.centerId} → ${anonymous.status}`);
        for (const actor of actors) {
          const ownCenter = actor.centers === 'all' || actor.centers.includes(t.centerId);
          const allowed = rule.roles.includes(actor.role) && (rule.scope === 'none' || ownCenter);
          const res = await inject(method, target, body(), actor.cookie);
          requests++;
          const label = `${actor.name} ${route} @center ${t.centerId} → ${res.status} ${res.body.slice(0, 120)}`;
          if (allowed ? [401, 403].includes(res.status) || res.status >= 500 : res.status !== 403) {
            failures.push(`${allowed ? 'expected allowed' : 'expected 403'}: ${label}`);
          }
          if (!allowed && res.status === 403)
            expect(JSON.parse(res.body).error.code, label).toBe('forbidden');
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
  });

  it('answers public routes without a session (never 401 or 403)', async () => {
    const t = targets[1]!;
    const { token } = await issue(t.centerId, t.serviceId);
    for (const route of PUBLIC) {
      const [method, path] = route.split(' ') as [string, string];
      if (method !== 'GET') continue;
      const target = path
        .replace('{centerId}', String(t.centerId))
        .replace('{counterId}', String(t.counterId))
        .replace('{token}', token);
      const res = await inject(method, target);
      expect(res.status, `${route} → ${res.status}`).toBe(200);
    }
  });

  describe('socket rooms', () => {
    const sockets: TestSocket[] = [];
    afterAll(() => {
      for (const s of sockets) s.disconnect();
    });
    const socket = () => {
      const s = connectSocket(app.url);
      sockets.push(s);
      return s;
    };

    it('lets anyone into a center room and a counter room, of any center', async () => {
      for (const t of targets) {
        const center = await subscribe(socket(), { centerId: t.centerId });
        expect(center, JSON.stringify(center)).toHaveProperty('snapshot');
        const counter = await subscribe(socket(), { counterId: t.counterId });
        expect(counter, JSON.stringify(counter)).toHaveProperty('snapshot');
      }
    });

    it('lets a socket into a ticket room only with that ticket’s token', async () => {
      const t = targets[1]!;
      const { id, token } = await issue(t.centerId, t.serviceId);
      const holder = socket();
      const ok = await subscribe(holder, { ticketToken: token });
      expect(ok, JSON.stringify(ok)).toHaveProperty('snapshot');

      const guesser = socket();
      const wrongTokens = [
        `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
        'A'.repeat(token.length),
        token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
      ].filter((w) => w !== token);
      for (const ticketToken of wrongTokens) {
        const ack = await subscribe(guesser, { ticketToken });
        expect(ack, ticketToken).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
      }
      // Naming the ticket by id, or anything but a token, is not a way in either.
      for (const request of [
        { ticketId: id },
        { ticketToken: String(id) },
        { ticketToken: token, centerId: 1 },
      ]) {
        const ack = await subscribe(guesser, request as never);
        expect(ack, JSON.stringify(request)).toEqual({
          error: expect.objectContaining({ code: 'validation_failed' }),
        });
      }
      const inRoom = await app.realtime.io.in(ticketRoom(token)).fetchSockets();
      expect(inRoom.map((s) => s.id)).toEqual([holder.id]);
    });
  });
});
