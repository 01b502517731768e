/**
 * Fuzzing every route the app registers (issue 6, Security 6; issue 10, "beyond the list";
 * the sockets are in fuzz-sockets.test.ts). The routes are read from the app (app-routes.ts),
 * those OpenAPI hides included, and the suite fails if one gets no request, so a route added
 * later is fuzzed without anyone listing it. Each route gets: every known body field made
 * wrong in every way (fuzz-inputs.ts), bodies no serializer would write, bodies in other
 * content types or with a lying Content-Length, generated bodies, path parameters, query
 * strings and the headers that matter (fuzz-arbitraries.ts), anonymously, as an admin and as a
 * clerk; the methods a path does not have; and HTTP on the wire that `inject` cannot send.
 * Never a 5xx, never a crash (the server still answers afterwards), every refusal in the
 * `{ error: { code, message } }` shape, and every batch of requests that were all refused
 * leaves the database exactly as it was. The seed is fixed and printed; FUZZ_SEED replays another.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfSession, createSession } from '../../server/src/auth/sessions.repository.js';
import { SESSION_COOKIE } from '../../server/src/auth/staff-session.js';
import { webBuildIsCurrent } from '../../server/src/http/web-pages.js';
import { type AppRoute, appRoutes, type Method, routeKey, undocumentedGaps } from '../helpers/app-routes.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import {
  body,
  EVERYONE,
  headers,
  param,
  query,
  queryValue,
  SEED,
  seededStaffSessions,
  type Who,
} from '../helpers/fuzz-arbitraries.js';
import {
  exampleOf,
  fieldPaths,
  HOSTILE_VALUES,
  OTHER_BODIES,
  RAW_BODIES,
  toJson,
  withValue,
} from '../helpers/fuzz-inputs.js';
import { rawHttp } from '../helpers/raw-http.js';
import { expectRefusalShape, fingerprint } from '../helpers/refusals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { WIRE_CASES } from '../helpers/wire-cases.js';

/** Requests between two fingerprints of the database. */
const BATCH = 40;
const RUNS = { body: 20, param: 20, query: 8, header: 8 };
/** A phase sends thousands of requests, some of 64 KiB: room on a loaded 2-core machine. */
const SLOW = 120_000;
const BODY_METHODS = new Set<Method>(['POST', 'PATCH', 'PUT', 'DELETE']);

describe('fuzzing [pglite]', () => {
  let database: TestDatabase;
  let app: TestApp;
  let routes: AppRoute[] = [];
  let webBuilt = true;
  const cookies: Record<Who, string> = { anonymous: '', admin: '', clerk: '' };
  const userIds: Record<Exclude<Who, 'anonymous'>, number> = { admin: 0, clerk: 0 };
  /** Valid values of each path parameter, so a body is validated past its params. */
  const valid: Record<string, string> = {};
  /** Valid ids by body field name, for example bodies. */
  const ids: Record<string, number> = {};
  const stats = {
    requests: 0,
    rejected: 0,
    rejectedVerified: 0,
    accepted: 0,
    wire: 0,
    batches: 0,
  };
  /** Per route: requests sent, and answers that came from the route (not the router's 404). */
  const reached = new Map<string, { sent: number; handled: number }>();

  let before: Awaited<ReturnType<typeof fingerprint>>;
  let pending = { count: 0, allRejected: true };

  async function checkpoint() {
    const now = await fingerprint(database.db);
    if (pending.count > 0 && pending.allRejected) {
      expect(now, `${pending.count} refused requests changed the database`).toEqual(before);
      stats.rejectedVerified += pending.count;
      stats.batches++;
    }
    before = now;
    pending = { count: 0, allRejected: true };
  }

  /** A fresh session for whoever lost theirs (signed out, or a password changed by the fuzz). */
  async function renewSessions() {
    for (const who of ['admin', 'clerk'] as const) {
      const id = cookies[who].split('=')[1]!;
      if (await actorOfSession(database.db, id)) continue;
      await database.db.updateTable('users').set({ active: true }).where('id', '=', userIds[who]).execute();
      cookies[who] = `${SESSION_COOKIE}=${await createSession(database.db, userIds[who])}`;
      pending.allRejected = false;
    }
  }

  interface Request {
    method: string;
    url: string;
    who?: Who;
    headers?: Record<string, string>;
    payload?: string | Buffer;
    route?: AppRoute;
    label?: string;
  }

  async function send(r: Request) {
    const headers = { ...(r.who && cookies[r.who] ? { cookie: cookies[r.who] } : {}), ...r.headers };
    const res = await app.app.inject({
      method: r.method as Method,
      url: r.url,
      headers,
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    });
    stats.requests++;
    const shown = r.label ?? String(r.payload ?? '').slice(0, 200);
    const label = `${r.who ?? 'anonymous'} ${r.method} ${r.url.slice(0, 300)} ${JSON.stringify(headers).slice(0, 300)} ${shown} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    const unbuiltPage = !webBuilt && res.statusCode === 503 && res.body.includes('has not been built yet');
    if (!unbuiltPage) expect(res.statusCode, label).toBeLessThan(500);
    if (res.statusCode >= 400) {
      stats.rejected++;
      if (r.method !== 'HEAD' && !unbuiltPage)
        expectRefusalShape(res.statusCode, res.headers['content-type'] as string, res.body, label);
    } else {
      stats.accepted++;
      pending.allRejected = false;
    }
    if (r.route) {
      const key = routeKey(r.route.method, r.route.path);
      const seen = reached.get(key) ?? { sent: 0, handled: 0 };
      seen.sent++;
      if (!res.body.startsWith('{"error":{"code":"not_found","message":"no route ')) seen.handled++;
      reached.set(key, seen);
    }
    if (res.statusCode < 400 && /^\/api\/(auth\/logout|config\/users)/.test(r.url)) await renewSessions();
    pending.count++;
    if (pending.count >= BATCH) await checkpoint();
    return res;
  }

  /** The route's URL with its parameters filled: valid ones unless given; a wildcard a real file. */
  const fill = (route: AppRoute, values: Record<string, string> = {}) =>
    route.path
      .replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? encodeURIComponent(valid[name] ?? '1'))
      .replace(/\*$/, values['*'] ?? (route.path.startsWith('/docs') ? 'swagger-ui.css' : 'index.js'));
  const run = (property: fc.IAsyncProperty<any>, numRuns: number) =>
    fc.assert(property, { numRuns, seed: SEED, endOnFailure: false });
  const bodyRoutes = () => routes.filter((r) => BODY_METHODS.has(r.method));

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
    webBuilt = webBuildIsCurrent();
    database = await openTestDatabase('pglite');
    app = await startTestApp(database, {
      env: {
        // X-Forwarded-* is read (from inject's 127.0.0.1), so its junk reaches the parser.
        TRUST_PROXY: '127.0.0.1',
        // The fuzz signs in with junk thousands of times: no lock, no wait (they have their own tests).
        LOGIN_MAX_FAILURES_PER_USER: '1000',
        LOGIN_SLOW_AFTER_FAILURES: '1000000',
      },
    });
    for (const [who, { userId, cookie }] of Object.entries(await seededStaffSessions(database.db))) {
      userIds[who as 'admin' | 'clerk'] = userId;
      cookies[who as 'admin' | 'clerk'] = cookie;
    }
    const issued = await app.app.inject({
      method: 'POST',
      url: '/api/centers/1/tickets',
      payload: { serviceId: 1 },
    });
    expect(issued.statusCode).toBe(201);
    const ticket = issued.json() as { id: number; token: string };
    // A target for user routes that is not one of the fuzz's own identities.
    const target = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clerk8')
      .executeTakeFirstOrThrow();
    Object.assign(valid, {
      centerId: '1',
      counterId: '2',
      serviceId: '2',
      userId: String(target.id),
      deviceId: '1',
      id: String(ticket.id),
      ref: String(ticket.id),
      token: ticket.token,
    });
    Object.assign(ids, { serviceId: 2, counterId: 2, centerId: 1, ticketId: ticket.id });
    routes = await appRoutes(app.app);
    before = await fingerprint(database.db);
  });
  afterAll(async () => {
    console.log(
      `fuzz: ${routes.length} routes; ${stats.requests} requests (${stats.rejected} refused, ${stats.accepted} accepted; ` +
        `${stats.rejectedVerified} refusals checked unchanging in ${stats.batches} batches), ` +
        `${stats.wire} raw HTTP exchanges`,
    );
    await app?.close();
    await database?.close();
  });

  it('reads every route from the app, those OpenAPI hides included', () => {
    expect(undocumentedGaps(app.app, routes)).toEqual([]);
    const keys = routes.map((r) => routeKey(r.method, r.path));
    for (const known of [
      'GET /metrics',
      'GET /healthz',
      'PATCH /api/config/centers/:',
      'GET /display/',
      'GET /assets/*',
    ])
      expect(keys).toContain(known);
    expect(routes.filter((r) => !r.documented).length).toBeGreaterThan(20);
    expect(routes.length).toBeGreaterThan(120);
  });

  it(
    'answers every known body field made wrong in every way, as anyone, without a 5xx',
    async () => {
      const targets = routes.filter((r) => r.body);
      expect(targets.length).toBeGreaterThan(35);
      for (const [r, route] of targets.entries()) {
        const schema = route.body!;
        const example = exampleOf(schema, ids);
        for (const who of EVERYONE)
          await send({ method: route.method, url: fill(route), who, route, ...json(toJson(example)) });
        for (const [i, path] of fieldPaths(schema).entries()) {
          for (const [j, v] of HOSTILE_VALUES.entries()) {
            const text = toJson(withValue(example, path, v, schema, ids));
            // Each value goes in as each of the three in turn, so across fields and routes as all three.
            const who = EVERYONE[(r + i + j) % 3]!;
            await send({ method: route.method, url: fill(route), who, route, ...json(text) });
          }
        }
      }
      await checkpoint();
    },
    SLOW,
  );

  it(
    'answers bodies no serializer would write, other content types and lying lengths on every route that takes a body',
    async () => {
      // Each body as each of the three in turn: every body reaches a third of the routes as each.
      for (const [r, route] of bodyRoutes().entries()) {
        for (const [i, raw] of RAW_BODIES.entries()) {
          const who = EVERYONE[(r + i) % 3]!;
          await send({
            method: route.method,
            url: fill(route),
            who,
            route,
            label: raw.label,
            ...json(raw.payload),
          });
        }
        for (const [i, other] of OTHER_BODIES.entries()) {
          const who = EVERYONE[(r + i) % 3]!;
          const { headers, payload, label } = other;
          await send({ method: route.method, url: fill(route), who, route, headers, payload, label });
        }
      }
      await checkpoint();
    },
    SLOW,
  );

  it(
    'answers generated bodies on every route without a 5xx',
    async () => {
      for (const route of routes) {
        const numRuns = BODY_METHODS.has(route.method) ? RUNS.body : 3;
        await run(
          fc.asyncProperty(body, fc.constantFrom(...EVERYONE), async (payload, who) => {
            await send({ method: route.method, url: fill(route), who, route, ...json(toJson(payload)) });
          }),
          numRuns,
        );
      }
      await checkpoint();
    },
    SLOW,
  );

  it(
    'answers generated path parameters on every route that has them without a 5xx',
    async () => {
      const targets = routes.filter((r) => r.params.length > 0 || r.path.endsWith('*'));
      expect(targets.length).toBeGreaterThan(60);
      for (const route of targets) {
        const names = route.path.endsWith('*') ? [...route.params, '*'] : route.params;
        const arb = fc.record(
          Object.fromEntries(names.map((p) => [p, param])) as Record<string, fc.Arbitrary<string>>,
        );
        await run(
          fc.asyncProperty(arb, fc.constantFrom(...EVERYONE), async (values, who) => {
            await send({ method: route.method, url: fill(route, values), who, route });
          }),
          RUNS.param,
        );
      }
      await checkpoint();
    },
    SLOW,
  );

  it(
    'answers generated query strings on every route without a 5xx',
    async () => {
      const day = fc.oneof(
        fc.string().map(encodeURIComponent),
        fc
          .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        fc.constantFrom('2025-02-29', '2024-02-29', '0000-00-00', '2025-13-01', '2025-01-01T00:00', '%00'),
      );
      for (const route of routes) {
        // Routes with a query schema also get its own names with values that nearly fit.
        const own = route.query
          ? fc
              .array(fc.tuple(fc.constantFrom(...route.query), fc.oneof(day, queryValue)), { maxLength: 4 })
              .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))
          : query;
        await run(
          fc.asyncProperty(fc.oneof(query, own), fc.constantFrom(...EVERYONE), async (q, who) => {
            await send({ method: route.method, url: `${fill(route)}?${q}`, who, route, ...bodyFor(route) });
          }),
          route.query ? RUNS.query * 5 : RUNS.query,
        );
      }
      await checkpoint();
    },
    SLOW,
  );

  it(
    'answers junk in the headers that matter on every route without a 5xx',
    async () => {
      for (const route of routes) {
        await run(
          fc.asyncProperty(headers, fc.constantFrom(...EVERYONE), async (h, who) => {
            // A junk cookie replaces the session; other junk comes with it.
            await send({ method: route.method, url: fill(route), who, route, ...bodyFor(route, h) });
          }),
          RUNS.header,
        );
      }
      await checkpoint();
    },
    SLOW,
  );

  it('answers every path with the methods it does not have, as a 404 in the error shape', async () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of routes) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
    for (const [path, methods] of byPath) {
      const route = routes.find((r) => r.path === path)!;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'SEARCH']) {
        if (methods.has(method)) continue;
        const res = await send({ method, url: fill(route), who: 'admin', ...json('{}') });
        expect(res.statusCode, `${method} ${path}`).toBe(404);
      }
    }
    await checkpoint();
  });

  it('answers HTTP that only a socket can send (lying lengths, bad chunks, bad headers) without a 5xx', async () => {
    const port = Number(new URL(app.url).port);
    for (const c of WIRE_CASES) {
      const { responses, closedByServer } = await rawHttp(port, c.text, {
        halfClose: c.halfClose,
        responses: c.responses,
      });
      stats.wire++;
      const label = `${c.label} → ${closedByServer ? 'closed' : 'open'} ${JSON.stringify(responses).slice(0, 500)}`;
      // The server answers, or hangs up on what is not HTTP; it never leaves a request hanging.
      expect(responses.length > 0 || closedByServer, label).toBe(true);
      for (const res of responses) {
        expect(res.status, label).toBeLessThan(500);
        // Engine.io answers its own path in its own shape; everything else is ours.
        if (res.status >= 400 && !String(c.text).includes('/socket.io/'))
          expectRefusalShape(res.status, res.headers['content-type'], res.body, label);
      }
    }
  });

  it('reached every route, checked refusals against the database, and the server is still up', async () => {
    const missed = routes
      .map((r) => ({ key: routeKey(r.method, r.path), wildcard: r.path.endsWith('*') }))
      .filter(({ key, wildcard }) => {
        const seen = reached.get(key);
        return !seen || seen.sent < 10 || (!wildcard && seen.handled === 0);
      })
      .map(({ key }) => `${key} ${JSON.stringify(reached.get(key))}`);
    expect(missed, 'routes the fuzz did not reach').toEqual([]);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await app.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(stats.requests).toBeGreaterThanOrEqual(12_000);
    // Most refusals fell in batches refused whole, so their unchanged database was checked.
    expect(stats.rejectedVerified).toBeGreaterThan(stats.rejected / 2);
  });
});

/** A JSON body as inject sends it. */
function json(payload: string | Buffer): { headers: Record<string, string>; payload: string | Buffer } {
  return { headers: { 'content-type': 'application/json' }, payload };
}

/** What a route gets with a query or headers: a body if its method takes one (`{}`), plus `headers`. */
function bodyFor(route: AppRoute, headers: Record<string, string> = {}) {
  return BODY_METHODS.has(route.method)
    ? { headers: { 'content-type': 'application/json', ...headers }, payload: '{}' }
    : { headers };
}
