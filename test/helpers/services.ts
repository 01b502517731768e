/**
 * Which real services this run has. With CI=true a missing one is a failure, never a skip;
 * on a developer's machine without it, the suites that need it are skipped with a loud notice.
 */
import { Socket } from 'node:net';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true';

export function reachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port), hostname, () => done(true));
  });
}

export function missingServiceNotice(what: string, url: string): string {
  const bar = '!'.repeat(78);
  return `\n${bar}\n!! ${what} is not reachable at ${url}:\n!! the tests that need it are SKIPPED on this machine.\n!! With CI=true they fail instead. Start it and run the tests again.\n${bar}\n`;
}
