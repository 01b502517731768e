/**
 * What a hostile client sends beyond a wrong type (issue 10, items 10–12 and names): unknown
 * fields on PATCH, bodies nested thousands deep, U+0000 and half surrogates in any string or
 * key, prototype keys, malformed or sly push endpoints, report days outside the calendar,
 * and names that show nothing or reorder the screen. Each is a 400 naming the field (or 400
 * bad_request for what is not JSON), never a 500, and changes nothing, audit log included.
 */
import Fastify from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatorCompiler } from '../../server/src/http/validation.js';
import type { ErrorCode } from '../../shared/src/errors.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError, StrictClient } from '../helpers/refusals.js';
import { type Reply, startTestApp, type TestApp } from '../helpers/test-app.js';

type Body = Record<string, unknown>;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Names that show nothing, or that would reorder what is around them on a screen. */
const BAD_NAMES: [label: string, name: string][] = [
  ['empty', ''],
  ['spaces', '   '],
  ['no-break and ideographic spaces', '\u00a0\u3000'],
  ['zero-width space', '\u200b'],
  ['zero-width joiners', '\u200b\u200c\u200d'],
  ['word joiner', '\u2060'],
  ['BOM', '\ufeff'],
  ['a combining mark alone', '\u0301'],
  ['combining marks alone', ' \u0301\u0303\u0323 '],
  ['Hangul filler', '\u3164'],
  ['blank Braille', '\u2800'],
  ['RLO override', 'Quầy \u202e1'],
  ['LRE embedding', '\u202aTrung tâm'],
  ['PDF', 'Trung tâm\u202c'],
  ['isolates', 'Quầy \u20661\u2069'],
  ['FSI', '\u2068Quầy'],
  ['LRM', 'Quầy\u200e 1'],
  ['RLM', 'Quầy\u200f 1'],
  ['a newline', 'Quầy\n1'],
  ['a tab', 'Quầy\t1'],
];
/** Hundreds of requests, each with the database read before and after: room on a loaded machine. */
const SLOW = 120_000;
const VIETNAMESE = 'Lĩnh vực Đất đai – Hộ tịch'.normalize('NFC');

eachDatabase('hostile input', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let admin: StrictClient;
  let anonymous: StrictClient;
  let counterId: number;
  let serviceId: number;
  let userId: number;
  let made = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A'], ['B']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    admin = await new StrictClient(app.url).login('admin');
    anonymous = new StrictClient(app.url);
    counterId = f.counterIds[0]!;
    serviceId = f.serviceIds.A!;
    const user = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', f.usernames.clerk[0]!)
      .executeTakeFirstOrThrow();
    userId = user.id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Everything a refused request must leave as it was, configuration and audit log included. */
  const state = async () => ({
    tickets: await database.db.selectFrom('tickets').select(['id', 'status']).orderBy('id').execute(),
    push: await database.db.selectFrom('push_subscriptions').select('endpoint').orderBy('endpoint').execute(),
    audit: await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    centers: await database.db.selectFrom('centers').selectAll().orderBy('id').execute(),
    services: await database.db.selectFrom('services').selectAll().orderBy('id').execute(),
    counters: await database.db.selectFrom('counters').selectAll().orderBy('id').execute(),
    users: await database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'role'])
      .orderBy('id')
      .execute(),
    codes: await database.db.selectFrom('pairing_codes').select('id').orderBy('id').execute(),
  });
  async function refused(
    label: string,
    send: () => Promise<Reply>,
    field: string,
    code: ErrorCode = 'validation_failed',
  ) {
    const before = await state();
    const error = expectError(await send(), 400, code, label);
    if (code === 'validation_failed') {
      expect(error.message, label).toContain(field);
      expect(error.details, label).toMatchObject({ field });
    }
    expect(await state(), `${label} changed something`).toEqual(before);
    return error;
  }

  describe('unknown fields', () => {
    it(
      'refuses an unknown field on every configuration PATCH, and writes no audit entry',
      async () => {
        const patches: [string, Body][] = [
          [`/api/config/centers/${f.centerId}`, { name: 'Trung tâm mới' }],
          [`/api/config/counters/${counterId}`, { name: 'Quầy mới' }],
          [`/api/config/services/${serviceId}`, { name: 'Lĩnh vực mới' }],
          [`/api/config/users/${userId}`, { displayName: 'Cán bộ mới' }],
        ];
        for (const [path, valid] of patches) {
          for (const extra of [{ junk: 1 }, { note: 'x'.repeat(1000) }, { constructor: 1 }, { Name: 'x' }]) {
            const field = Object.keys(extra)[0]!;
            await refused(
              `${path} +${field}`,
              () => admin.request('PATCH', path, { ...valid, ...extra }),
              field,
            );
            await refused(`${path} only ${field}`, () => admin.request('PATCH', path, extra), field);
          }
        }
      },
      SLOW,
    );

    it('will not start with a body schema that lets unknown fields through (Type.Partial drops the rule)', async () => {
      const probe = Fastify();
      probe.setValidatorCompiler(validatorCompiler);
      const open = Type.Partial(Type.Object({ name: Type.String() }, { additionalProperties: false }));
      probe.patch('/things/:id', { schema: { body: open } }, async () => ({}));
      await expect(probe.ready()).rejects.toThrow(/PATCH \/things\/:id: body accepts unknown fields/);
      await probe.close();

      const nested = Fastify();
      nested.setValidatorCompiler(validatorCompiler);
      const inner = Type.Object(
        { hours: Type.Array(Type.Object({ from: Type.String() })) },
        { additionalProperties: false },
      );
      nested.post('/things', { schema: { body: inner } }, async () => ({}));
      await expect(nested.ready()).rejects.toThrow(/body\.hours\[\] accepts unknown fields/);
      await nested.close();
    });
  });

  describe('depth, NUL and prototype keys, on every route that takes a body', () => {
    /** Every POST and PATCH the OpenAPI document lists, its path parameters filled in. */
    let routes: { method: string; path: string; takesBody: boolean }[] = [];
    beforeAll(async () => {
      const spec = (await anonymous.get('/docs/json')).body as {
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      };
      routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([method]) => method === 'post' || method === 'patch')
          .map(([method, op]) => ({
            method: method.toUpperCase(),
            path: path.replace(/\{token\}|\{ref\}/g, 'x'.repeat(24)).replace(/\{[A-Za-z]+\}/g, '1'),
            takesBody: op.requestBody !== undefined,
          })),
      );
    });

    it('finds the routes', () => {
      expect(routes.filter((r) => r.takesBody).length).toBeGreaterThan(25);
      expect(routes.some((r) => r.method === 'PATCH')).toBe(true);
    });

    it('answers a body nested thousands deep with 400 naming where, never 500', async () => {
      const bodies = [
        [`{"junk":${deepArray(20_000)}}`, 'junk.0.0.0.0.0.0.0'],
        [`{"junk":${deepObject(5_000)}}`, 'junk.a.a.a.a.a.a.a'],
        [`{"name":${deepArray(9)}}`, 'name.0.0.0.0.0.0.0'],
      ] as const;
      for (const route of routes) {
        for (const [body, field] of bodies) {
          const reply = await anonymous.request(route.method, route.path, body);
          if (!route.takesBody) continue; // no schema: the body is never read (StrictClient checks < 500)
          const error = expectError(reply, 400, 'validation_failed', `${route.method} ${route.path}`);
          expect(error.details).toMatchObject({ in: 'body', field });
          expect(error.message).toContain('must not nest deeper than 8 levels');
        }
      }
    });

    it('answers U+0000 or half a surrogate pair in any string or key, at any depth, with 400 naming it', async () => {
      const bodies: [string, string, RegExp][] = [
        ['{"a\\u0000b":1}', 'a\\u0000b', /key must not contain U\+0000/],
        ['{"x":"a\\u0000"}', 'x', /must not contain U\+0000/],
        ['{"x":[1,{"y":"\\u0000"}]}', 'x.1.y', /must not contain U\+0000/],
        ['{"x":{"\\u0000":1}}', 'x.\\u0000', /key must not contain U\+0000/],
        ['{"x":"\\ud800"}', 'x', /half of a surrogate pair/],
        ['{"\\udc00":1}', '\\udc00', /key must not contain half of a surrogate pair/],
      ];
      for (const route of routes.filter((r) => r.takesBody)) {
        for (const [body, field, reason] of bodies) {
          const error = expectError(
            await anonymous.request(route.method, route.path, body),
            400,
            'validation_failed',
            `${route.method} ${route.path} ${body}`,
          );
          expect(error.details).toMatchObject({ in: 'body', field });
          expect(error.message).toMatch(reason);
        }
      }
    });

    it('refuses prototype keys as malformed JSON (secure-json-parse), and a bare "constructor" as unknown', async () => {
      const path = `/api/config/centers/${f.centerId}`;
      for (const body of [
        '{"__proto__":{"role":"admin"}}',
        '{"name":"x","constructor":{"prototype":{"role":"admin"}}}',
        '{"openingHours":[{"from":"08:00","to":"17:00","__proto__":{}}]}',
      ]) {
        await refused(body, () => admin.request('PATCH', path, body), '', 'bad_request');
      }
      await refused('constructor', () => admin.request('PATCH', path, '{"constructor":{}}'), 'constructor');
    });

    it('stores a body that nests as deep as the API needs', async () => {
      const hours = [{ from: '07:30', to: '11:30' }];
      const reply = await admin.request('PATCH', `/api/config/services/${f.serviceIds.B}`, {
        issuingHours: hours,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    });
  });

  describe('push endpoints', () => {
    let token: string;
    beforeAll(async () => {
      const ticket = await anonymous.post(`/api/centers/${f.centerId}/tickets`, { serviceId });
      expect(ticket.status).toBe(201);
      token = ticket.body.token;
    });
    const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };

    it('refuses a malformed, sly or unknown endpoint with 400 naming body.endpoint', async () => {
      const cases: [string, RegExp][] = [
        ['https://[::1', /is not a URL/],
        ['https://%%%%%%%%%%%%', /is not a URL/],
        ['https://fcm.googleapis.com:99999/x', /is not a URL/],
        ['https://fcm.googleapis.com:8443/send/x', /port 443/],
        ['https://fcm.googleapis.com:80/send/x', /port 443/],
        ['https://x@fcm.googleapis.com/send/x', /user name or password/],
        ['https://u:p@fcm.googleapis.com/send/x', /user name or password/],
        ['https://fcm.googleapis.com@evil.example/x', /user name or password/],
        ['https://142.250.66.10/send/x', /IP address/],
        ['https://[2404:6800:4005::200a]/send/x', /IP address/],
        ['https://0x7f.1/send/xxxxxx', /IP address/],
        ['https://evil.example/fcm.googleapis.com', /not a known push service/],
        ['https://fcm.googleapis.com.evil.example/x', /not a known push service/],
        ['https://googleapis.com/send/x', /not a known push service/],
      ];
      for (const [endpoint, reason] of cases) {
        const error = await refused(
          endpoint,
          () => anonymous.post(`/api/tickets/${token}/push`, { endpoint, keys }),
          'endpoint',
        );
        expect(error.message, endpoint).toMatch(/^body\.endpoint /);
        expect(error.message, endpoint).toMatch(reason);
      }
    });

    it('accepts the known push services on port 443, written either way', async () => {
      for (const endpoint of [
        'https://fcm.googleapis.com/fcm/send/abc',
        'https://fcm.googleapis.com:443/fcm/send/def',
        'https://updates.push.services.mozilla.com/wpush/v2/ghi',
        'https://web.push.apple.com/jkl',
      ]) {
        const reply = await anonymous.post(`/api/tickets/${token}/push`, { endpoint, keys });
        expect(reply.status, `${endpoint} ${JSON.stringify(reply.body)}`).toBe(201);
      }
    });
  });

  describe('report days', () => {
    const paths = () => [`/api/centers/${f.centerId}/reports`, `/api/centers/${f.centerId}/reports.csv`];

    it('refuses a day outside 2000-01-01 … 2100-12-31, or not in the calendar, naming the field', async () => {
      const cases: [from: string, to: string, field: string, reason: RegExp][] = [
        ['0000-01-01', '0000-01-02', 'from', /between 2000-01-01 and 2100-12-31/],
        ['0000-01-01', '2025-01-02', 'from', /between/],
        ['1999-12-31', '2000-01-01', 'from', /between/],
        ['2100-12-31', '2101-01-01', 'to', /between/],
        ['9999-12-30', '9999-12-31', 'from', /between/],
        ['2025-02-30', '2025-03-01', 'from', /not a real date/],
        ['2024-02-28', '2025-02-29', 'to', /not a real date/],
        ['2025-13-01', '2025-13-02', 'from', /not a real date/],
        ['2025-00-10', '2025-01-10', 'from', /not a real date/],
        ['2025-01-32', '2025-02-01', 'from', /not a real date/],
        ['2025-01-10', '2025-01-09', 'to', /before from/],
      ];
      for (const path of paths()) {
        for (const [from, to, field, reason] of cases) {
          const error = await refused(
            `${path} ${from}..${to}`,
            () => admin.get(`${path}?from=${from}&to=${to}`),
            field,
          );
          expect(error.message).toMatch(new RegExp(`^querystring\\.${field} `));
          expect(error.message).toMatch(reason);
          expect(error.details).toMatchObject({ in: 'querystring' });
        }
        for (const bad of ['20250101', '2025-1-01', '+02025-01-01', '2025-01-01T00:00', '２０２５-01-01'])
          await refused(`${path} ${bad}`, () => admin.get(`${path}?from=${bad}&to=2025-01-01`), 'from');
      }
    });

    it('answers the first and last allowed days and a leap day', async () => {
      for (const path of paths()) {
        for (const [from, to] of [
          ['2000-01-01', '2000-01-01'],
          ['2100-12-31', '2100-12-31'],
          ['2024-02-29', '2024-02-29'],
        ]) {
          expect((await admin.get(`${path}?from=${from}&to=${to}`)).status, `${path} ${from}`).toBe(200);
        }
      }
    });
  });

  describe('names', () => {
    /** Every field that holds a name a person gives, and how to send one. */
    const nameFields = (): { label: string; field: string; send: (name: string) => Promise<Reply> }[] => {
      const n = () => ++made;
      const letters = () => String.fromCharCode(65 + (n() % 26), 65 + (Math.floor(made / 26) % 26));
      return [
        {
          label: 'PATCH center',
          field: 'name',
          send: (name) => admin.request('PATCH', `/api/config/centers/${f.centerId}`, { name }),
        },
        { label: 'POST center', field: 'name', send: (name) => admin.post('/api/config/centers', { name }) },
        {
          label: 'POST service name',
          field: 'name',
          send: (name) =>
            admin.post(`/api/config/centers/${f.centerId}/services`, {
              code: `Z${letters()}`,
              name,
              nameEn: 'Service',
            }),
        },
        {
          label: 'POST service nameEn',
          field: 'nameEn',
          send: (nameEn) =>
            admin.post(`/api/config/centers/${f.centerId}/services`, {
              code: `Y${letters()}`,
              name: 'Lĩnh vực',
              nameEn,
            }),
        },
        {
          label: 'PATCH service name',
          field: 'name',
          send: (name) => admin.request('PATCH', `/api/config/services/${serviceId}`, { name }),
        },
        {
          label: 'PATCH service nameEn',
          field: 'nameEn',
          send: (nameEn) => admin.request('PATCH', `/api/config/services/${serviceId}`, { nameEn }),
        },
        {
          label: 'POST counter',
          field: 'name',
          send: (name) =>
            admin.post(`/api/config/centers/${f.centerId}/counters`, {
              number: 100 + n(),
              name,
              serviceIds: [serviceId],
            }),
        },
        {
          label: 'PATCH counter',
          field: 'name',
          send: (name) => admin.request('PATCH', `/api/config/counters/${counterId}`, { name }),
        },
        {
          label: 'POST user',
          field: 'displayName',
          send: (displayName) =>
            admin.post('/api/config/users', {
              username: `hostile.${process.pid}.${n()}`,
              displayName,
              role: 'clerk',
              centerIds: [f.centerId],
              password: 'Đèn-lồng trăng rằm 2026 #hostile',
            }),
        },
        {
          label: 'PATCH user',
          field: 'displayName',
          send: (displayName) => admin.request('PATCH', `/api/config/users/${userId}`, { displayName }),
        },
        {
          label: 'POST pairing code',
          field: 'name',
          send: (name) => admin.post(`/api/centers/${f.centerId}/pairing-codes`, { kind: 'board', name }),
        },
      ];
    };

    it(
      'refuses blank, invisible-only and bidi-laden names with 400 naming the field',
      async () => {
        for (const target of nameFields()) {
          for (const [label, name] of BAD_NAMES) {
            const error = await refused(`${target.label} ${label}`, () => target.send(name), target.field);
            expect(error.message).toMatch(new RegExp(`^body\\.${target.field} `));
            if (/\u202e/.test(name)) expect(error.message).toContain('U+202E');
          }
        }
      },
      SLOW,
    );

    it('accepts Vietnamese in NFC and NFD, trims the edges, and keeps the name in NFC', async () => {
      const stored = async () => {
        const [center, service, counter, user] = await Promise.all([
          database.db
            .selectFrom('centers')
            .select('name')
            .where('id', '=', f.centerId)
            .executeTakeFirstOrThrow(),
          database.db
            .selectFrom('services')
            .select(['name', 'name_en'])
            .where('id', '=', serviceId)
            .executeTakeFirstOrThrow(),
          database.db
            .selectFrom('counters')
            .select('name')
            .where('id', '=', counterId)
            .executeTakeFirstOrThrow(),
          database.db
            .selectFrom('users')
            .select('display_name')
            .where('id', '=', userId)
            .executeTakeFirstOrThrow(),
        ]);
        return [center.name, service.name, service.name_en, counter.name, user.display_name];
      };
      const accepted = (reply: Reply, label: string) =>
        expect(reply.status, `${label} ${JSON.stringify(reply.body)}`).toBeLessThan(300);
      for (const [typed, kept] of [
        [VIETNAMESE, VIETNAMESE],
        [VIETNAMESE.normalize('NFD'), VIETNAMESE],
        [`  ${VIETNAMESE}\u3000`, VIETNAMESE],
        [`\u200b${VIETNAMESE}\ufeff`, VIETNAMESE],
        ['Quầy 👩‍💻 số 1', 'Quầy 👩‍💻 số 1'],
      ] as const) {
        for (const target of nameFields()) accepted(await target.send(typed), target.label);
        expect(await stored(), JSON.stringify(typed)).toEqual([kept, kept, kept, kept, kept]);
      }
      const codes = await anonymous.get(`/api/centers/${f.centerId}/services`);
      expect(codes.body.some((s: { name: string }) => s.name === VIETNAMESE)).toBe(true);
    });
  });
});
