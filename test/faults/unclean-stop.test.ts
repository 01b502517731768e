/**
 * kill -9 of the embedded server, as a crash or an OOM kill leaves it: started again on the same
 * DATA_DIR it takes over the stale lock by itself and is ready with its data. Also as a
 * container's PID 1 (a PID namespace of its own, through `unshare`), where the restarted server
 * has the very PID the lock names; and a second live server, in the same namespace or in another
 * container on the same volume, is refused with a clear message while the first keeps serving.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  type ServerProcess,
  type SpawnOptions,
  spawnServer,
  startServer,
} from '../helpers/server-process.js';
import { Client } from '../helpers/test-app.js';

const START_MS = 150_000;
const REFUSED = /Lượt cannot start: DATA_DIR .* is in use by another Lượt process \(pid \d+/;

/** A PID namespace of its own with /proc remounted: the server is PID 1, as in a container. */
const CONTAINER: SpawnOptions = {
  wrap: ['unshare', '--pid', '--fork', '--kill-child', '--mount-proc', '--'],
};
const canUnshare = spawnSync(CONTAINER.wrap![0]!, [...CONTAINER.wrap!.slice(1), 'true']).status === 0;
if (!canUnshare) console.warn('unshare --pid is not permitted here: the container PID 1 case is SKIPPED');

const roots: string[] = [];
const running: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function dataDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'luot-unclean-'));
  roots.push(root);
  return join(root, 'data');
}

/** The server's own host PID under `unshare`: its only child. */
function innerPid(server: ServerProcess): number {
  const pid = server.child.pid;
  return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim());
}

async function start(env: Record<string, string>, options?: SpawnOptions): Promise<ServerProcess> {
  const server = await startServer(env, START_MS, options);
  // unshare ignores SIGTERM: the server inside gets it, and unshare exits with it.
  const inner = options?.wrap ? innerPid(server) : null;
  running.push(async () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    const exited = once(server.child, 'exit');
    if (inner === null) server.child.kill('SIGTERM');
    else process.kill(inner, 'SIGTERM');
    await exited;
  });
  return server;
}

async function ready(server: ServerProcess): Promise<void> {
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
}

/** A second server on the same DATA_DIR: exits 1 at once, saying why. */
async function refused(env: Record<string, string>, options?: SpawnOptions): Promise<string> {
  const second = spawnServer(env, options);
  const [code] = await once(second.child, 'exit');
  expect(code).toBe(1);
  return second.output();
}

function lockRecord(dir: string): { pid: number; startTime: string | null } {
  const text = readFileSync(join(dir, 'luot.lock'), 'utf8');
  const bare = Number(text); // the format before start times were kept
  return Number.isInteger(bare) ? { pid: bare, startTime: null } : JSON.parse(text);
}

describe('an unclean stop of the embedded server', () => {
  it('kill -9, then started again: it takes over the stale lock and is ready with its data', async () => {
    const dir = dataDir();
    const env = { DATA_DIR: dir, DEMO_PASSWORD: 'unclean-stop-password' };
    const first = await start(env);
    const ticket = await new Client(first.url).post('/api/centers/1/tickets', { serviceId: 1 });
    expect(ticket.status).toBe(201);

    const exited = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    await exited;
    expect(lockRecord(dir).pid).toBe(first.child.pid); // left behind

    const again = await start(env);
    await ready(again);
    expect(again.output()).toContain(`took over the DATA_DIR lock left by pid ${first.child.pid}`);
    const kept = await new Client(again.url).get(`/api/tickets/${ticket.body.token}`);
    expect(kept.body).toMatchObject({ number: ticket.body.number, status: 'waiting' });
  }, 300_000);

  it('refuses a second live server on the same DATA_DIR, and the first keeps serving', async () => {
    const dir = dataDir();
    const env = { DATA_DIR: dir, DEMO_PASSWORD: 'unclean-stop-password' };
    const first = await start(env);
    expect(await refused(env)).toMatch(REFUSED);
    expect(await refused(env)).toContain(`(pid ${first.child.pid} on `);
    await ready(first);
    expect(lockRecord(dir).pid).toBe(first.child.pid);
  }, 300_000);
});

describe.runIf(canUnshare)('an unclean stop of the embedded server as a container PID 1', () => {
  it('a new PID 1 takes over the lock of the PID 1 killed before it; another live PID 1 is refused', async () => {
    const dir = dataDir();
    const env = { DATA_DIR: dir, DEMO_PASSWORD: 'unclean-stop-password' };
    const first = await start(env, CONTAINER);
    const before = lockRecord(dir);
    expect(before.pid).toBe(1);

    // Another container on the same volume, PID 1 too: refused while the first runs.
    expect(await refused(env, CONTAINER)).toMatch(REFUSED);
    await ready(first);

    // kill -9 of the first one's PID 1, from the host; unshare exits with it.
    const exited = once(first.child, 'exit');
    process.kill(innerPid(first), 'SIGKILL');
    await exited;
    expect(existsSync(join(dir, 'luot.lock'))).toBe(true);

    const again = await start(env, CONTAINER);
    await ready(again);
    expect(again.output()).toContain('took over the DATA_DIR lock left by pid 1');
    const after = lockRecord(dir);
    expect(after.pid).toBe(1);
    expect(after.startTime).not.toBe(before.startTime);
  }, 300_000);
});
