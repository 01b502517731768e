/**
 * Open sockets per client address are capped (SOCKETS_PER_ADDRESS; issue 10, beyond the list):
 * one machine can no longer open connections until the instance runs out of memory. A handshake
 * past the cap is refused before the connection opens (the client retries with its backoff); a
 * socket that closes frees its place; behind a trusted balancer each forwarded client has its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, type TestSocket } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('sockets per address', () => {
  let database: TestDatabase;
  let app: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { SOCKETS_PER_ADDRESS: '3', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
    await database?.close();
  });

  const open = async (address: string): Promise<{ socket: TestSocket; connected: boolean }> => {
    const socket = connectSocket(app.url, { extraHeaders: { 'x-forwarded-for': address } });
    sockets.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    return { socket, connected };
  };

  it('refuses the handshake past the cap, frees a place when a socket closes, and counts each address apart', async () => {
    const phone = '203.0.113.7';
    const first = await Promise.all([open(phone), open(phone), open(phone)]);
    expect(first.map((s) => s.connected)).toEqual([true, true, true]);
    expect((await open(phone)).connected).toBe(false);
    // Another client behind the balancer has places of its own.
    expect((await open('203.0.113.8')).connected).toBe(true);

    first[0]!.socket.disconnect();
    // The server sees the close a moment later: wait for it, bounded.
    for (let i = 0; i < 200 && app.realtime.io.engine.clientsCount > 3; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(app.realtime.io.engine.clientsCount).toBe(3);
    expect((await open(phone)).connected).toBe(true);
    expect((await open(phone)).connected).toBe(false);
  });
});
