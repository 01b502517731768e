/**
 * The protocol version on the wire (DESIGN.md §15): a subscribe carries `protocolVersion`; the
 * server's own is accepted, an absent one counts as 1, any other is refused with
 * `protocol_mismatch` and joins no room, and a value that is no positive integer is bad input.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type CenterSnapshot,
  type LiveEvent,
  PROTOCOL_VERSION,
  type SubscribeAck,
} from '../../shared/src/protocol.js';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

/** `subscribe` with any payload at all, past the typed event map. */
function rawSubscribe(socket: TestSocket, request: unknown): Promise<SubscribeAck> {
  const untyped = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    untyped.timeout(10_000).emit('subscribe', request, (err: Error | null, ack: SubscribeAck) => {
      if (err) reject(err);
      else resolve(ack);
    });
  });
}

eachDatabase('protocol version', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app?.close();
    await database?.close();
  });

  function socket(): Promise<TestSocket> {
    const s = connectSocket(app.url);
    sockets.push(s);
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  }

  async function newCenter() {
    const fx = await createCenterFixture(database.db, { services: ['X'], counters: [['X']] });
    const clerk = await new Client(app.url).login(fx.usernames.clerk[0]!);
    const issue = async () => {
      const res = await clerk.post<{ token: string }>(`/api/centers/${fx.centerId}/tickets`, {
        serviceId: fx.serviceIds.X,
        channel: 'kiosk',
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    return { fx, issue };
  }

  it('accepts the server’s own version, and a subscribe without one as version 1', async () => {
    const { fx } = await newCenter();
    const current = await subscribe(await socket(), {
      centerId: fx.centerId,
      protocolVersion: PROTOCOL_VERSION,
    });
    expect((current as { snapshot: CenterSnapshot }).snapshot.centerId).toBe(fx.centerId);
    const counter = await subscribe(await socket(), {
      counterId: fx.counterIds[0]!,
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(counter).toHaveProperty('snapshot');

    const absent = await subscribe(await socket(), { centerId: fx.centerId });
    // A screen deployed before the field existed speaks version 1.
    if (PROTOCOL_VERSION === 1) expect(absent).toHaveProperty('snapshot');
    else expect(absent).toMatchObject({ error: { code: 'protocol_mismatch' } });
  });

  it('refuses another version with protocol_mismatch naming both, and joins no room', async () => {
    const { fx, issue } = await newCenter();
    const other = PROTOCOL_VERSION + 1;
    const s = await socket();
    const events: LiveEvent[] = [];
    s.on('event', (e) => events.push(e));
    const ticket = await issue();
    for (const request of [
      { centerId: fx.centerId, protocolVersion: other },
      { centerId: fx.centerId, sinceSeq: 0, protocolVersion: other },
      { counterId: fx.counterIds[0]!, protocolVersion: other },
      { ticketToken: ticket.token, protocolVersion: other },
      // A newer client may ask in a shape this server does not know: it still hears "reload".
      { roomOfTheFuture: 'x', protocolVersion: other },
    ]) {
      const ack = await rawSubscribe(s, request);
      expect(ack, JSON.stringify(request)).toMatchObject({ error: { code: 'protocol_mismatch' } });
      const { message } = (ack as { error: { message: string } }).error;
      expect(message).toContain(String(other));
      expect(message).toContain(String(PROTOCOL_VERSION));
    }

    // In no room: a ticket issued now reaches a subscribed socket, not the refused one.
    const witness = await socket();
    const seen = new Promise<LiveEvent>((resolve) => witness.once('event', resolve));
    expect(
      await subscribe(witness, { centerId: fx.centerId, protocolVersion: PROTOCOL_VERSION }),
    ).toHaveProperty('snapshot');
    await issue();
    expect((await seen).type).toBe('ticket.issued');
    // A round trip on the refused socket: anything emitted to it before comes before its ack.
    expect(await rawSubscribe(s, { centerId: fx.centerId, protocolVersion: 'x' })).toHaveProperty('error');
    expect(events).toEqual([]);
    expect(s.connected).toBe(true);
  });

  it('refuses a protocolVersion that is no positive integer as bad input naming the field', async () => {
    const { fx } = await newCenter();
    const s = await socket();
    for (const protocolVersion of ['x', '1', 0, -1, 1.5, null, true, 2 ** 40, { v: 1 }]) {
      const ack = await rawSubscribe(s, { centerId: fx.centerId, protocolVersion });
      expect(ack, JSON.stringify(protocolVersion)).toMatchObject({ error: { code: 'validation_failed' } });
      expect((ack as { error: { message: string } }).error.message).toContain('protocolVersion');
    }
    // The socket is still served.
    expect(await subscribe(s, { centerId: fx.centerId, protocolVersion: PROTOCOL_VERSION })).toHaveProperty(
      'snapshot',
    );
  });
});
