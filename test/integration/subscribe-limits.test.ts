/**
 * Limits on socket subscribe (issue 6): rooms per connection, subscriptions a minute per
 * connection and per address. A refused subscribe is acknowledged with `rate_limited` and a
 * message that names the setting, and the socket stays connected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('subscribe limits', () => {
  let database: TestDatabase;
  let app: TestApp;
  const sockets: TestSocket[] = [];
  const open = () => {
    const socket = connectSocket(app.url);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, {
      env: {
        SUBSCRIBE_ROOMS_PER_SOCKET: '2',
        SUBSCRIBE_RATE_PER_SOCKET: '4',
        SUBSCRIBE_RATE_PER_MINUTE: '8',
      },
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
    await database?.close();
  });

  it('caps the rooms one connection follows, and subscriptions a minute on it', async () => {
    const socket = open();
    expect(await subscribe(socket, { centerId: 1 })).toHaveProperty('snapshot');
    expect(await subscribe(socket, { counterId: 1 })).toHaveProperty('snapshot');
    expect(await subscribe(socket, { counterId: 2 })).toEqual({
      error: {
        code: 'rate_limited',
        message: 'one connection may follow at most 2 rooms; unsubscribe first',
      },
    });
    socket.emit('unsubscribe', { counterId: 1 });
    expect(await subscribe(socket, { counterId: 2 })).toHaveProperty('snapshot');
    // The fifth subscribe on this connection within the minute.
    const fifth = await subscribe(socket, { centerId: 1 });
    expect(fifth).toMatchObject({ error: { code: 'rate_limited' } });
    expect(JSON.stringify(fifth)).toMatch(/more than 4 subscriptions a minute on one connection/);
    expect(socket.connected).toBe(true);
  });

  it('caps subscriptions a minute from one address across connections', async () => {
    // Five counted so far from 127.0.0.1; the address may make eight a minute.
    const acks = [];
    for (let i = 0; i < 4; i++) acks.push(await subscribe(open(), { centerId: 1 }));
    expect(acks.slice(0, 3).every((ack) => 'snapshot' in ack)).toBe(true);
    expect(acks[3]).toMatchObject({ error: { code: 'rate_limited' } });
    expect(JSON.stringify(acks[3])).toMatch(/more than 8 subscriptions a minute from this address/);
  });
});
