/**
 * The embedded data directory (password hashes, the VAPID private key, phone numbers) is its
 * owner's alone: a real server started under the usual umask 022 leaves DATA_DIR and every
 * directory in it 0700-or-less and every file 0600-or-less, while it runs and after it stops;
 * and a directory an earlier version left readable is tightened at start, with a log line.
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, type SpawnOptions, startServer } from '../helpers/server-process.js';
import { Client } from '../helpers/test-app.js';

const UMASK_022: SpawnOptions = { wrap: ['sh', '-c', 'umask 022 && exec "$0" "$@"'] };

/** Every path under `dir`, itself included, that group or others may use at all. */
function readableByOthers(dir: string): { entries: number; loose: string[] } {
  const loose: string[] = [];
  let entries = 0;
  const walk = (path: string) => {
    const stat = lstatSync(path);
    entries++;
    if (stat.mode & 0o077) loose.push(`${(stat.mode & 0o777).toString(8)} ${path}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return { entries, loose };
}

function loosen(path: string): void {
  const stat = lstatSync(path);
  chmodSync(path, stat.isDirectory() ? 0o755 : 0o644);
  if (stat.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
}

describe('the embedded data directory is its owner’s alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'luot-modes-'));
  const dataDir = join(root, 'data');
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: 'modes-test-password' };
  let server: ServerProcess | null = null;

  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a new DATA_DIR: 0700 directories and 0600 files, while it runs and after it stops', async () => {
    server = await startServer(env, 150_000, UMASK_022);
    const citizen = new Client(server.url);
    expect((await citizen.post('/api/centers/1/tickets', { serviceId: 1 })).status).toBe(201);
    const running = readableByOthers(dataDir);
    expect(running.entries).toBeGreaterThan(100); // PGlite's cluster is in there, not just the lock
    expect(running.loose).toEqual([]);
    expect(await server.stop()).toBe(0);
    server = null;
    expect(readableByOthers(dataDir).loose).toEqual([]);
  }, 300_000);

  it('a DATA_DIR left readable (an earlier version, a copy) is tightened at start, and says so', async () => {
    await server?.stop(); // left running if the test before failed
    loosen(dataDir);
    writeFileSync(join(dataDir, 'pglite', 'left-by-hand'), 'x', { mode: 0o666 });
    chmodSync(join(dataDir, 'pglite', 'left-by-hand'), 0o666);
    expect(readableByOthers(dataDir).loose.length).toBeGreaterThan(100);
    server = await startServer(env, 150_000, UMASK_022);
    expect(server.output()).toMatch(
      /DATA_DIR had \d+ files or directories other users could read: now 0600 \/ 0700/,
    );
    expect(readableByOthers(dataDir).loose).toEqual([]);
    expect((await new Client(server.url).get('/api/centers/1/services')).status).toBe(200);
  }, 300_000);
});
