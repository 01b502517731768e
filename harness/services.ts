/**
 * Where the machine's real PostgreSQL and Redis are (TEST_POSTGRES_URL, TEST_REDIS_URL), and a
 * quick check that one answers. What a missing service means is the caller's policy: tests skip
 * or fail (test/helpers/services.ts), benchmarks leave the suite out.
 */
import { Socket } from 'node:net';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
