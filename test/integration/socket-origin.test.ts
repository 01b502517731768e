/**
 * The Socket.IO handshake keeps to the Origin rule of state-changing HTTP (issue 10, beyond the
 * list): no CORS guards a WebSocket, and it carries the cookies of its site, so a page of
 * another origin on the same site could otherwise follow the staff room on a clerk's session.
 * An Origin that is not ours is refused (PUBLIC_URL's origin when set, else the host the
 * request was sent to); none at all (kiosk scripts, the Node client) is let through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, subscribe } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Whether a socket with these headers connects; and, if it does, its staff subscribe's ack. */
async function handshake(url: string, headers: Record<string, string>, staff = false) {
  const socket = connectSocket(url, { extraHeaders: headers });
  try {
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (!connected || !staff) return { connected, ack: null };
    return { connected, ack: await subscribe(socket, { centerId: 1, staff: true }) };
  } finally {
    socket.disconnect();
  }
}

describe('the Origin of a socket handshake', () => {
  let database: TestDatabase;
  let app: TestApp;
  let behind: TestApp;
  let balanced: TestApp;
  let session: string;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    behind = await startTestApp(database, { env: { PUBLIC_URL: 'https://luot.example.gov.vn' } });
    balanced = await startTestApp(database, { env: { TRUST_PROXY: '127.0.0.1' } });
    session = (await new Client(app.url).login('clerk1')).cookie!;
  });
  afterAll(async () => {
    await app?.close();
    await behind?.close();
    await balanced?.close();
    await database?.close();
  });

  it("refuses another origin's page, even with a staff session's cookie, and admits our own", async () => {
    const port = new URL(app.url).port;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${Number(port) + 1}`, 'null']) {
      expect((await handshake(app.url, { origin, cookie: session }, true)).connected, origin).toBe(false);
    }
    const own = await handshake(app.url, { origin: app.url, cookie: session }, true);
    expect(own.connected).toBe(true);
    expect(own.ack && 'snapshot' in own.ack).toBe(true);
    // No Origin: not a browser page, no ambient cookie risk (kiosk scripts, the Node client).
    expect((await handshake(app.url, {})).connected).toBe(true);
  });

  it("holds to PUBLIC_URL's origin when it is set", async () => {
    expect((await handshake(behind.url, { origin: 'https://luot.example.gov.vn' })).connected).toBe(true);
    expect((await handshake(behind.url, { origin: behind.url })).connected).toBe(false);
    expect((await handshake(behind.url, { origin: 'http://luot.example.gov.vn' })).connected).toBe(false);
  });

  it('reads the origin the balancer was sent to only from a balancer TRUST_PROXY names', async () => {
    const forwarded = {
      origin: 'https://luot.lan',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'luot.lan',
    };
    expect((await handshake(balanced.url, forwarded)).connected).toBe(true);
    expect((await handshake(app.url, forwarded)).connected).toBe(false);
  });
});
