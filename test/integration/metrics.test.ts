/**
 * /metrics speaks Prometheus: HTTP latency by route pattern, events by type, call → emit,
 * sockets by kind, pool and Redis state where they exist; a token when METRICS_TOKEN is set;
 * and never a citizen's token or a session id in the text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
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
  it('are open when METRICS_TOKEN is not set', async () => {
    const database = await openTestDatabase('pglite');
    const app = await startTestApp(database);
    try {
      const res = await fetch(`${app.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('luot_http_request_duration_seconds');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
