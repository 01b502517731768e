/**
 * SIGTERM to the embedded server while it is still starting (its database open, not yet
 * listening): a container stopped right after it was started, an operator's Ctrl-C. The
 * handlers are in place before anything opens, so the start finishes, the server closes its
 * database and exits 0, and the DATA_DIR lock is released (nothing left to take over).
 */
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/server-process.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('a signal during the start of the embedded server', () => {
  it('finishes the start, closes the database, releases the lock and exits 0', async () => {
    const root = mkdtempSync(join(tmpdir(), 'luot-signal-'));
    roots.push(root);
    const dir = join(root, 'data');
    const lock = join(dir, 'luot.lock');
    const server = spawnServer({ DATA_DIR: dir, DEMO_PASSWORD: 'signal-at-start-password' });
    const exited = once(server.child, 'exit');
    try {
      // The lock is taken as the database opens: from then on the process holds it.
      for (let i = 0; i < 3000 && !existsSync(lock) && server.child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(existsSync(lock), server.output()).toBe(true);
      // A fresh cluster, its migrations and the seed take seconds: still starting.
      expect(server.output()).not.toContain('Lượt is running');
      server.child.kill('SIGTERM');

      const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ code, signal }, server.output()).toEqual({ code: 0, signal: null });
      expect(server.output()).toContain('Lượt is running');
      expect(existsSync(lock)).toBe(false);
      expect(server.output()).not.toMatch(/failed|uncaught|unhandled/i);
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    }
  }, 150_000);
});
