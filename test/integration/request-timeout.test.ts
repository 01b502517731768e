/**
 * A request must arrive whole within REQUEST_TIMEOUT_MS (issue 10, beyond the list): Fastify's
 * default is no limit, so a client that sent its headers and then trickled its body a byte at a
 * time (never idle, never done) held a connection and its parser for as long as it liked, and
 * a few thousand such clients held the server. Now it is answered 408 and closed.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('a request that never finishes arriving', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { REQUEST_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('is answered 408 and closed within the limit, however steadily it trickles', async () => {
    const { port } = new URL(app.url);
    const socket: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (d: Buffer) => {
      received += d.toString();
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = performance.now();
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    // A byte every 100 ms: the connection is never idle, the body never complete.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 100);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'still open'>((resolve) => {
      timer = setTimeout(() => resolve('still open'), 5_000);
    });
    try {
      expect(await Promise.race([closed.then(() => 'closed' as const), bound])).toBe('closed');
    } finally {
      clearInterval(trickle);
      clearTimeout(timer);
      socket.destroy();
    }
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
