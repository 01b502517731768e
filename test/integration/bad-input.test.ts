/**
 * Every route of DESIGN.md §7 that takes input, fed what a careless or hostile client sends:
 * each request is refused with its status, code and (for a 400) the field, never with a 5xx,
 * and the database is exactly as it was before.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/src/errors.js';
import { canTransition, type TicketAction, type TicketStatus } from '../../shared/src/ticket-state.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectRefused, StrictClient } from '../helpers/refusals.js';
import { type Reply, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const MAX_ID = 2_147_483_647;
const BAD_IDS = ['0', '-1', '2147483648', '1.5', 'abc'];
const STATES = ['waiting', 'called', 'serving', 'held', 'no_show', 'done', 'cancelled'] as const;
type State = (typeof STATES)[number] & TicketStatus;
type Body = Record<string, unknown>;

/** The staff transitions by path segment; bodies are ones the schema accepts. */
const TRANSITIONS: { action: TicketAction; segment: string; body?: (f: CenterFixture) => Body }[] = [
  { action: 'recall', segment: 'recall' },
  { action: 'start', segment: 'start' },
  { action: 'complete', segment: 'complete', body: () => ({}) },
  { action: 'no_show', segment: 'no-show' },
  { action: 'return', segment: 'return' },
  { action: 'hold', segment: 'hold' },
  { action: 'resume', segment: 'resume' },
  { action: 'reactivate', segment: 'reactivate' },
  { action: 'cancel', segment: 'cancel', body: () => ({ reason: 'citizen_left' }) },
  { action: 'transfer', segment: 'transfer', body: (f) => ({ serviceId: f.serviceIds.B }) },
];

eachDatabase('bad input', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let clerk: StrictClient;
  let citizen: StrictClient;
  /** One ticket in each state. */
  const tickets = {} as Record<State, { id: number; token: string }>;
  /** Counters: one holding the called ticket, one the serving one, one where the ticket is held, one free, one closed. */
  const counters = { called: 0, serving: 0, held: 0, free: 0, closed: 0 };

  async function ok(reply: Promise<Reply>, status = 200): Promise<any> {
    const r = await reply;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  }
  async function issue(): Promise<{ id: number; token: string }> {
    const body = await ok(
      citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.A }),
      201,
    );
    return { id: body.id, token: body.token };
  }
  const act = (id: number, segment: string, body?: unknown) =>
    ok(clerk.post(`/api/tickets/${id}/${segment}`, body));
  const callAt = (counterId: number, ticketId: number) =>
    ok(clerk.post(`/api/counters/${counterId}/call`, { ticketId, reason: 'thử nghiệm' }));

  const refused = (
    label: string,
    send: () => Promise<Reply>,
    status: number,
    code: ErrorCode,
    field?: string,
  ) => expectRefused(database.db, label, send, status, code, field);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A', 'B', 'C'],
      counters: [
        ['A', 'B'],
        ['A', 'B'],
        ['A', 'B'],
        ['A', 'B'],
        ['A', 'B'],
        ['A', 'B'],
      ],
    });
    await database.db
      .updateTable('services')
      .set({ active: false })
      .where('id', '=', f.serviceIds.C!)
      .execute();
    clerk = await new StrictClient(app.url).login(f.usernames.clerk[0]!);
    citizen = new StrictClient(app.url);

    const [called, serving, held, free, done, closed] = f.counterIds as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    Object.assign(counters, { called, serving, held, free, closed });
    for (const id of [called, serving, held, free, done]) await ok(clerk.post(`/api/counters/${id}/open`));
    tickets.waiting = await issue();
    tickets.called = await issue();
    await callAt(called, tickets.called.id);
    tickets.serving = await issue();
    await callAt(serving, tickets.serving.id);
    await act(tickets.serving.id, 'start');
    tickets.held = await issue();
    await callAt(held, tickets.held.id);
    await act(tickets.held.id, 'start');
    await act(tickets.held.id, 'hold');
    tickets.no_show = await issue();
    await callAt(free, tickets.no_show.id);
    await act(tickets.no_show.id, 'no-show');
    tickets.done = await issue();
    await callAt(done, tickets.done.id);
    await act(tickets.done.id, 'start');
    await act(tickets.done.id, 'complete', { outcome: 'resolved' });
    tickets.cancelled = await issue();
    await ok(citizen.post(`/api/tickets/${tickets.cancelled.token}/cancel`));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Every route with an id in its path; bodies are ones the schema accepts. */
  const pathRoutes = () => {
    const post = (who: StrictClient, path: (id: string) => string, param: string, body?: () => Body) => ({
      who,
      path,
      param,
      send: (id: string) => who.request('POST', path(id), body?.()),
    });
    const get = (path: (id: string) => string) => ({
      who: citizen,
      path,
      param: 'centerId',
      send: (id: string) => citizen.get(path(id)),
    });
    const counter = (segment: string, body?: () => Body) =>
      post(clerk, (id) => `/api/counters/${id}/${segment}`, 'counterId', body);
    const ticket = (segment: string, body?: () => Body) =>
      post(clerk, (id) => `/api/tickets/${id}/${segment}`, 'id', body);
    return [
      post(
        citizen,
        (id) => `/api/centers/${id}/tickets`,
        'centerId',
        () => ({ serviceId: f.serviceIds.A }),
      ),
      get((id) => `/api/centers/${id}/services`),
      get((id) => `/api/centers/${id}/counters`),
      get((id) => `/api/centers/${id}/snapshot`),
      counter('open'),
      counter('pause', () => ({ reason: 'nghỉ trưa' })),
      counter('close'),
      counter('call-next'),
      counter('call', () => ({ ticketId: tickets.waiting.id, reason: 'người cao tuổi' })),
      ...TRANSITIONS.map(({ segment, body }) =>
        segment === 'cancel'
          ? post(
              clerk,
              (id) => `/api/tickets/${id}/cancel`,
              'ref',
              () => ({ reason: 'citizen_left' }),
            )
          : ticket(segment, body && (() => body(f))),
      ),
    ];
  };

  it('refuses path ids that are not positive 32-bit integers, naming the parameter', async () => {
    for (const route of pathRoutes()) {
      for (const id of BAD_IDS) {
        await refused(route.path(id), () => route.send(id), 400, 'validation_failed', route.param);
      }
    }
  });

  it('answers 404 not_found for path ids that name nothing', async () => {
    for (const route of pathRoutes()) {
      await refused(route.path(String(MAX_ID)), () => route.send(String(MAX_ID)), 404, 'not_found');
    }
  });

  it('refuses malformed tokens with 400 and answers 404 for unknown ones', async () => {
    const malformed = ['abc', 'x'.repeat(65), `${'a'.repeat(20)}%21`, '-1', `${'a'.repeat(20)}%00`];
    for (const token of malformed) {
      await refused(
        `GET ${token}`,
        () => citizen.get(`/api/tickets/${token}`),
        400,
        'validation_failed',
        'token',
      );
      await refused(
        `cancel ${token}`,
        () => citizen.post(`/api/tickets/${token}/cancel`),
        400,
        'validation_failed',
        'ref',
      );
    }
    const unknown = 'x'.repeat(24);
    await refused('GET unknown', () => citizen.get(`/api/tickets/${unknown}`), 404, 'not_found');
    await refused('cancel unknown', () => citizen.post(`/api/tickets/${unknown}/cancel`), 404, 'not_found');
  });

  interface BodyRoute {
    label: string;
    who: () => StrictClient;
    path: () => string;
    /** A body the schema accepts (the request may still be refused later, e.g. a wrong password). */
    valid: () => Body;
    required: string[];
    ints?: string[];
    texts?: [field: string, maxLength: number][];
    enums?: string[];
  }
  const bodyRoutes: BodyRoute[] = [
    {
      label: 'issue',
      who: () => citizen,
      path: () => `/api/centers/${f.centerId}/tickets`,
      valid: () => ({ serviceId: f.serviceIds.A, priority: 'elderly', channel: 'web' }),
      required: ['serviceId'],
      ints: ['serviceId'],
      enums: ['priority', 'channel'],
    },
    {
      label: 'login',
      who: () => citizen,
      path: () => '/api/auth/login',
      valid: () => ({ username: f.usernames.clerk[0], password: TEST_PASSWORD }),
      required: ['username', 'password'],
      texts: [
        ['username', 64],
        ['password', 256],
      ],
    },
    {
      label: 'pause',
      who: () => clerk,
      path: () => `/api/counters/${counters.free}/pause`,
      valid: () => ({ reason: 'nghỉ trưa' }),
      required: ['reason'],
      texts: [['reason', 200]],
    },
    {
      label: 'call',
      who: () => clerk,
      path: () => `/api/counters/${counters.free}/call`,
      valid: () => ({ ticketId: tickets.waiting.id, reason: 'người cao tuổi' }),
      required: ['ticketId', 'reason'],
      ints: ['ticketId'],
      texts: [['reason', 500]],
    },
    {
      label: 'complete',
      who: () => clerk,
      path: () => `/api/tickets/${tickets.serving.id}/complete`,
      valid: () => ({ outcome: 'received', note: 'đã nhận hồ sơ' }),
      required: [],
      enums: ['outcome'],
      texts: [['note', 1000]],
    },
    {
      label: 'resume',
      who: () => clerk,
      path: () => `/api/tickets/${tickets.held.id}/resume`,
      valid: () => ({ counterId: counters.held }),
      required: [],
      ints: ['counterId'],
    },
    {
      label: 'transfer',
      who: () => clerk,
      path: () => `/api/tickets/${tickets.serving.id}/transfer`,
      valid: () => ({ serviceId: f.serviceIds.B }),
      required: ['serviceId'],
      ints: ['serviceId'],
    },
  ];

  /** Bodies that are JSON objects but wrong in one field, and the field a 400 must name. */
  function badFields(route: BodyRoute): { label: string; body: Body | string; field: string }[] {
    const valid = route.valid();
    const cases: { label: string; body: Body | string; field: string }[] = [];
    const set = (field: string, value: unknown) => ({
      label: `${field}: ${JSON.stringify(value)?.slice(0, 20)}`,
      body: { ...valid, [field]: value },
      field,
    });
    for (const field of route.required) {
      const { [field]: _, ...rest } = valid;
      cases.push({ label: `without ${field}`, body: rest, field });
    }
    for (const field of route.ints ?? []) {
      // Bodies are not coerced: the digits of a valid id as a string are refused.
      for (const value of [String(valid[field]), 0, -1, 2 ** 31, 1.5, null, true, [valid[field]], {}])
        cases.push(set(field, value));
      const huge = JSON.stringify({ ...valid, [field]: 0 }).replace(`"${field}":0`, `"${field}":1e400`);
      cases.push({ label: `${field}: 1e400`, body: huge, field });
    }
    for (const [field, max] of route.texts ?? []) {
      // Postgres stores neither U+0000 nor half a surrogate pair, though JSON carries both.
      for (const value of ['', 'ư'.repeat(max + 1), 'a\u0000b', 'a\ud800b', '\udc00', 42, null, ['x']])
        cases.push(set(field, value));
    }
    for (const field of route.enums ?? []) {
      for (const value of ['bogus', '', String(valid[field]).toUpperCase(), 1, ['x']])
        cases.push(set(field, value));
    }
    cases.push(set('extra', 1));
    cases.push(set('serviceID', 1));
    return cases;
  }

  it.each(bodyRoutes)(
    '$label: refuses wrong types, missing and unknown fields, naming the field',
    async (route) => {
      for (const { label, body, field } of badFields(route)) {
        await refused(
          `${route.label} ${label}`,
          () => route.who().post(route.path(), body),
          400,
          'validation_failed',
          field,
        );
      }
    },
  );

  /** Requests whose body is not a JSON object at all, for any POST route. */
  function badBodies(validJson: string, bodyMayBeAbsent: boolean) {
    const json = { 'content-type': 'application/json' };
    return [
      {
        label: 'an array',
        body: `[${validJson}]`,
        headers: json,
        status: 400,
        code: 'validation_failed',
        field: 'body',
      },
      {
        label: 'a string',
        body: '"serviceId=1"',
        headers: json,
        status: 400,
        code: 'validation_failed',
        field: 'body',
      },
      { label: 'a number', body: '42', headers: json, status: 400, code: 'validation_failed', field: 'body' },
      ...(bodyMayBeAbsent
        ? []
        : [
            {
              label: 'null',
              body: 'null',
              headers: json,
              status: 400,
              code: 'validation_failed',
              field: 'body',
            },
          ]),
      { label: 'malformed JSON', body: '{"serviceId": 1,', headers: json, status: 400, code: 'bad_request' },
      {
        label: 'a trailing comma',
        body: `${validJson.slice(0, -1)},}`,
        headers: json,
        status: 400,
        code: 'bad_request',
      },
      {
        label: '__proto__',
        body: '{"__proto__": {"admin": true}}',
        headers: json,
        status: 400,
        code: 'bad_request',
      },
      { label: 'an empty JSON body', body: '', headers: json, status: 400, code: 'bad_request' },
      {
        label: 'text/plain',
        body: validJson,
        headers: { 'content-type': 'text/plain' },
        status: 400,
        code: 'validation_failed',
        field: 'body',
      },
      {
        label: 'a form',
        body: 'serviceId=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 415,
        code: 'bad_request',
      },
      {
        label: 'XML',
        body: '<serviceId>1</serviceId>',
        headers: { 'content-type': 'application/xml' },
        status: 415,
        code: 'bad_request',
      },
      {
        label: 'a body over 64 KiB',
        body: JSON.stringify({ note: 'x'.repeat(70_000) }),
        headers: json,
        status: 413,
        code: 'bad_request',
      },
    ] as {
      label: string;
      body: string;
      headers: Record<string, string>;
      status: number;
      code: ErrorCode;
      field?: string;
    }[];
  }

  it.each(bodyRoutes)('$label: refuses a body that is not a JSON object, or not JSON', async (route) => {
    for (const c of badBodies(JSON.stringify(route.valid()), route.required.length === 0)) {
      await refused(
        `${route.label} ${c.label}`,
        () => route.who().request('POST', route.path(), c.body, c.headers),
        c.status,
        c.code,
        c.field,
      );
    }
  });

  it('refuses any body on the actions that take none, instead of ignoring it', async () => {
    // Each action would succeed without a body: only the body stops it.
    const actions: [StrictClient, string][] = [
      [clerk, `/api/counters/${counters.closed}/open`],
      [clerk, `/api/counters/${counters.free}/close`],
      [clerk, `/api/counters/${counters.free}/call-next`],
      [clerk, `/api/tickets/${tickets.called.id}/recall`],
      [clerk, `/api/tickets/${tickets.called.id}/start`],
      [clerk, `/api/tickets/${tickets.called.id}/no-show`],
      [clerk, `/api/tickets/${tickets.called.id}/return`],
      [clerk, `/api/tickets/${tickets.serving.id}/hold`],
      [clerk, `/api/tickets/${tickets.no_show.id}/reactivate`],
      [clerk, `/api/tickets/${tickets.waiting.id}/cancel`],
      [citizen, `/api/tickets/${tickets.waiting.token}/cancel`],
    ];
    for (const [who, path] of actions) {
      await refused(`${path} {extra}`, () => who.post(path, { extra: 1 }), 400, 'validation_failed', 'extra');
      for (const c of badBodies('{}', true)) {
        await refused(
          `${path} ${c.label}`,
          () => who.request('POST', path, c.body, c.headers),
          c.status,
          c.code,
          c.field,
        );
      }
    }
  });

  it('answers 404 not_found for ids in the body that name nothing in this center', async () => {
    const demoService = 1; // the seeded demo center's, not this center's
    const cases: [string, () => Promise<Reply>][] = [
      [
        'issue unknown service',
        () => citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: MAX_ID }),
      ],
      [
        'issue other center’s service',
        () => citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: demoService }),
      ],
      [
        'call unknown ticket',
        () => clerk.post(`/api/counters/${counters.free}/call`, { ticketId: MAX_ID, reason: 'thử' }),
      ],
      [
        'transfer to unknown service',
        () => clerk.post(`/api/tickets/${tickets.serving.id}/transfer`, { serviceId: MAX_ID }),
      ],
      [
        'transfer to other center’s service',
        () => clerk.post(`/api/tickets/${tickets.serving.id}/transfer`, { serviceId: demoService }),
      ],
      [
        'resume at unknown counter',
        () => clerk.post(`/api/tickets/${tickets.held.id}/resume`, { counterId: MAX_ID }),
      ],
    ];
    for (const [label, send] of cases) await refused(label, send, 404, 'not_found');
  });

  it('refuses every transition the lifecycle does not allow, with 409 and the current state', async () => {
    let checked = 0;
    for (const status of STATES) {
      const { id, token } = tickets[status];
      for (const { action, segment, body } of TRANSITIONS) {
        if (canTransition(status, action)) continue;
        const error = await refused(
          `${segment} ${status}`,
          () => clerk.request('POST', `/api/tickets/${id}/${segment}`, body?.(f)),
          409,
          'illegal_transition',
        );
        expect(error.details, `${segment} ${status}`).toMatchObject({ currentStatus: status, action });
        expect(error.message).toContain(status);
        checked++;
      }
      if (!canTransition(status, 'cancel')) {
        const error = await refused(
          `citizen cancel ${status}`,
          () => citizen.post(`/api/tickets/${token}/cancel`),
          409,
          'illegal_transition',
        );
        expect(error.details).toMatchObject({ currentStatus: status });
      }
      if (!canTransition(status, 'call')) {
        const error = await refused(
          `call ${status}`,
          () => clerk.post(`/api/counters/${counters.free}/call`, { ticketId: id, reason: 'thử' }),
          409,
          'illegal_transition',
        );
        expect(error.details).toMatchObject({ currentStatus: status, action: 'call' });
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('refuses to call, resume, pause or close where the counter is busy or closed', async () => {
    const waiting = tickets.waiting.id;
    const cases: [string, () => Promise<Reply>, ErrorCode][] = [
      [
        'call at a busy counter',
        () => clerk.post(`/api/counters/${counters.called}/call`, { ticketId: waiting, reason: 'thử' }),
        'counter_busy',
      ],
      [
        'call-next at a busy counter',
        () => clerk.post(`/api/counters/${counters.serving}/call-next`),
        'counter_busy',
      ],
      [
        'call-next at a closed counter',
        () => clerk.post(`/api/counters/${counters.closed}/call-next`),
        'counter_not_open',
      ],
      [
        'call at a closed counter',
        () => clerk.post(`/api/counters/${counters.closed}/call`, { ticketId: waiting, reason: 'thử' }),
        'counter_not_open',
      ],
      [
        'resume at a busy counter',
        () => clerk.post(`/api/tickets/${tickets.held.id}/resume`, { counterId: counters.called }),
        'counter_busy',
      ],
      [
        'resume at a closed counter',
        () => clerk.post(`/api/tickets/${tickets.held.id}/resume`, { counterId: counters.closed }),
        'counter_not_open',
      ],
      [
        'pause with a ticket in hand',
        () => clerk.post(`/api/counters/${counters.called}/pause`, { reason: 'x' }),
        'counter_busy',
      ],
      [
        'close with a ticket in hand',
        () => clerk.post(`/api/counters/${counters.serving}/close`),
        'counter_busy',
      ],
      [
        'issue for an inactive service',
        () => citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.C }),
        'service_inactive',
      ],
      [
        'transfer to an inactive service',
        () => clerk.post(`/api/tickets/${tickets.serving.id}/transfer`, { serviceId: f.serviceIds.C }),
        'service_inactive',
      ],
    ];
    for (const [label, send, code] of cases) await refused(label, send, 409, code);
  });

  // Last: these change the database.
  it('accepts the same requests once their input is right, bodies left out where optional', async () => {
    expect((await ok(clerk.post(`/api/counters/${counters.closed}/open`, {}))).state).toBe('open');
    const paused = await ok(clerk.post(`/api/counters/${counters.free}/pause`, { reason: 'họp 😀' }));
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'other', pauseNote: 'họp 😀' });
    const done = await ok(clerk.post(`/api/tickets/${tickets.serving.id}/complete`));
    expect(done.ticket).toMatchObject({ status: 'done' });
    const resumed = await ok(clerk.post(`/api/tickets/${tickets.held.id}/resume`));
    expect(resumed.ticket).toMatchObject({ status: 'called', counterId: counters.held });
    const issued = await ok(
      citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.B, priority: null }),
      201,
    );
    expect(issued).toMatchObject({ status: 'waiting', priority: null, channel: 'web' });
    expect((await ok(citizen.post(`/api/tickets/${issued.token}/cancel`))).ticket.status).toBe('cancelled');
  });
});
