/**
 * The embedded default as a user runs it: a real server process on a DATA_DIR, stopped with
 * SIGTERM and started again. Tickets, number sequences, counters and sessions survive; a
 * second process on the same DATA_DIR refuses to start with a clear message.
 */
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, spawnServer, startServer } from '../helpers/server-process.js';
import { Client } from '../helpers/test-app.js';

const PASSWORD = 'restart-test-password';

describe('restart on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-restart-'));
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD };
  let server: ServerProcess | null = null;

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every ticket, number, counter state and session across a restart', async () => {
    server = await startServer(env);
    expect(server.output()).toContain('Demo password:  the value of DEMO_PASSWORD');
    const citizen = new Client(server.url);
    const first = await citizen.post('/api/centers/1/tickets', { serviceId: 1 });
    expect(first.body.number).toBe('A001');
    const clerk = new Client(server.url);
    await clerk.login('clerk1', PASSWORD);
    expect((await clerk.post('/api/counters/1/open')).status).toBe(200);

    // A second process on the same data refuses to start, and says why.
    const second = spawnServer(env);
    const [code] = await once(second.child, 'exit');
    expect(code).toBe(1);
    expect(second.output()).toMatch(/DATA_DIR .* is in use by another Lượt process/);

    expect(await server.stop()).toBe(0);
    expect(existsSync(join(dataDir, 'luot.lock'))).toBe(false);

    server = await startServer(env);
    expect(server.output()).not.toContain('Demo center seeded');
    const again = new Client(server.url);
    again.cookie = clerk.cookie;
    expect((await again.get('/api/auth/me')).body.user.username).toBe('clerk1');
    const kept = await again.get(`/api/tickets/${first.body.token}`);
    expect(kept.body).toMatchObject({ id: first.body.id, number: 'A001', status: 'waiting' });
    const counters = await again.get('/api/centers/1/counters');
    expect(counters.body[0]).toMatchObject({ number: 1, state: 'open' });
    const next = await new Client(server.url).post('/api/centers/1/tickets', { serviceId: 1 });
    expect(next.body.number).toBe('A002');
    const called = await again.post('/api/counters/1/call-next');
    expect(called.body.ticket.number).toBe('A001');
  }, 180_000); // three server starts of up to 30 s each on a loaded 2-core box (vitest's 30 s default was hit)
});
