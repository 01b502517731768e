/**
 * /metrics speaks Prometheus: HTTP latency by route pattern, events by type, call → emit,
 * sockets by kind, pool and Redis state where they exist; a token when METRICS_TOKEN is set;
 * and never a citizen's token or a session id in the text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRAPES_PER_MINUTE } from '../../server/src/metrics/metrics.routes.js';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const TOKEN = 'metrics-token-for-tests';

eachDatabase('metrics', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let socket: TestSocket;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database, { env: { METRICS_TOKEN: TOKEN } });
    socket = connectSocket(app.url);
    await subscribe(socket, { centerId: 1 });
  });
  afterAll(async () => {
    socket?.disconnect();
    await app?.close();
    await database?.close();
  });

  const scrape = (auth?: string) =>
    fetch(`${app.url}/metrics`, auth ? { headers: { authorization: auth } } : {}).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  it('counts what happened, labelled by route pattern and event type', async () => {
    const issued = await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 1 });
    const clerk = await new Client(app.url).login('clerk1');
    await clerk.post('/api/counters/1/open');
    expect((await clerk.post('/api/counters/1/call-next')).status).toBe(200);

    const { status, text } = await scrape(`Bearer ${TOKEN}`);
    expect(status).toBe(200);
    expect(text).toMatch(/luot_events_emitted_total\{type="ticket.called"\} 1/);
    expect(text).toMatch(/luot_events_emitted_total\{type="ticket.issued"\} 1/);
    expect(text).toMatch(/luot_call_to_emit_seconds_count 1/);
    expect(text).toMatch(
      /luot_http_request_duration_seconds_count\{method="POST",route="\/api\/counters\/:counterId\/call-next",status="200"\} 1/,
    );
    expect(text).toMatch(/luot_sockets_connected\{kind="center"\} 1/);
    if (kind === 'postgres') expect(text).toMatch(/luot_db_pool_clients\{state="total"\} \d+/);
    // Nothing secret in the text: not the citizen's token, not the session id.
    expect(text).not.toContain(issued.body.token);
    expect(text).not.toContain(clerk.cookie!.split('=')[1]!);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).error.code).toBe('unauthenticated');
    expect((await scrape('Bearer wrong')).status).toBe(401);
  });
});

describe('metrics without a token', () => {
  // Open by default (metrics.routes.ts says why): so what is in them, and what a scrape costs, matter.
  let database: TestDatabase;
  let app: TestApp;
  let scrapes = 0;
  const scrape = async () => {
    scrapes++;
    const res = await fetch(`${app.url}/metrics`);
    return { status: res.status, text: await res.text() };
  };
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await startTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('are open when METRICS_TOKEN is not set', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.text).toContain('luot_http_request_duration_seconds');
  });

  it('name no center, service, counter, person, device, ticket, token or address', async () => {
    const secret = 'Bímật';
    const f = await createCenterFixture(database.db, { services: ['Q'], counters: [['Q']] });
    const admin = await new Client(app.url).login('admin');
    const renamed = [
      admin.request('PATCH', `/api/config/centers/${f.centerId}`, { name: `Trung tâm ${secret}` }),
      admin.request('PATCH', `/api/config/services/${f.serviceIds.Q}`, { name: `Lĩnh vực ${secret}` }),
      admin.request('PATCH', `/api/config/counters/${f.counterIds[0]}`, { name: `Quầy ${secret}` }),
      admin.post(`/api/centers/${f.centerId}/pairing-codes`, { kind: 'board', name: `Bảng ${secret}` }),
    ];
    for (const reply of await Promise.all(renamed)) expect(reply.status).toBeLessThan(300);
    const ticket = await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
      serviceId: f.serviceIds.Q,
    });
    expect(ticket.status).toBe(201);
    await new Client(app.url).get(`/api/tickets/${ticket.body.token}`);
    await new Client(app.url).get(`/api/centers/${f.centerId}/snapshot?nocache=${secret}`);

    const { text } = await scrape();
    for (const word of [
      secret,
      ticket.body.token,
      ticket.body.number,
      admin.cookie!.split('=')[1]!,
      '127.0.0.1',
    ])
      expect(text).not.toContain(word);
    // Route patterns, never a path with its ids.
    expect(text).not.toMatch(/route="[^"]*\/\d/);
    expect(text).toContain('route="/api/tickets/:token"');
    // Labels from a closed set, so a client cannot grow the text by what it sends.
    const labels = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((m) => m[1]));
    const allowed = ['kind', 'le', 'method', 'route', 'state', 'status', 'type'];
    for (const label of labels) expect(allowed).toContain(label);
  });

  it('refuse an address that scrapes faster than any Prometheus would', async () => {
    while (scrapes < SCRAPES_PER_MINUTE) expect((await scrape()).status).toBe(200);
    const refused = await scrape();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text).error.code).toBe('rate_limited');
  });
});
