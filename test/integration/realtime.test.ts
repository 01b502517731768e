/**
 * The realtime contract of DESIGN.md §6–7 end to end: subscribe and its snapshots, input
 * checks on the socket, seq-ordered delivery to center, counter and ticket rooms, replay on
 * reconnect and its bound, position pushes and transfer to the citizen's room.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowToEvent } from '../../server/src/events/events.repository.js';
import type {
  CenterSnapshot,
  CounterSnapshot,
  EventType,
  LiveEvent,
  SubscribeAck,
  TicketSnapshot,
  WireTicket,
} from '../../shared/src/protocol.js';
import { publicEvent } from '../../shared/src/staff-text.js';
import { connectSocket, subscribe, TestBoard, type TestSocket } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, type Reply, startTestApp, type TestApp } from '../helpers/test-app.js';

type Issued = WireTicket & { token: string };

/** Every event a raw socket receives, in arrival order, and a way to wait for one. */
class EventLog {
  readonly events: LiveEvent[] = [];
  #waiters: { predicate: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];

  constructor(socket: TestSocket) {
    socket.on('event', (event) => {
      this.events.push(event);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.predicate(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  /** The first event from now on (or already logged) that matches. */
  next(predicate: (e: LiveEvent) => boolean, timeoutMs = 10_000): Promise<LiveEvent> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the awaited event never came')), timeoutMs);
      this.#waiters.push({
        predicate,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  untilSeq(seq: number): Promise<LiveEvent> {
    return this.next((e) => e.seq >= seq && e.type !== 'ticket.position');
  }
}

/** `subscribe` with anything at all, as a careless or hostile client might send it. */
function rawSubscribe(socket: TestSocket, ...args: unknown[]): Promise<SubscribeAck> {
  const untyped = socket as unknown as Socket;
  return new Promise((resolve, reject) => {
    untyped.timeout(10_000).emit('subscribe', ...args, (err: Error | null, ack: SubscribeAck) => {
      if (err) reject(err);
      else resolve(ack);
    });
  });
}

async function must<T = any>(reply: Promise<Reply<T>>, status = 200): Promise<T> {
  const res = await reply;
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

function snapshotOf<T>(ack: SubscribeAck): T {
  if (!('snapshot' in ack)) throw new Error(`expected a snapshot, got ${JSON.stringify(ack)}`);
  return ack.snapshot as T;
}

eachDatabase('realtime', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  /** A second instance on the same data whose replay bound is small. */
  let shortReplayApp: TestApp;
  const sockets: TestSocket[] = [];
  const boards: TestBoard[] = [];
  /** Every token issued here: none may show up in a center or counter room. */
  const tokens: string[] = [];
  /** What center and counter rooms delivered here, checked for tokens at the end. */
  const roomLogs: EventLog[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    shortReplayApp = await startTestApp(database, { env: { REPLAY_LIMIT: '5' } });
  });
  afterAll(async () => {
    for (const board of boards) board.close();
    for (const socket of sockets) socket.disconnect();
    await shortReplayApp?.close();
    await app?.close();
    await database?.close();
  });

  function socket(url = app.url): Promise<TestSocket> {
    const s = connectSocket(url);
    sockets.push(s);
    return new Promise((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  }

  async function board(centerId: number, url = app.url): Promise<TestBoard> {
    const b = new TestBoard(url, centerId);
    boards.push(b);
    await b.until(() => b.snapshots.length === 1);
    return b;
  }

  /** A center of the test's own, so its seq starts at 0, and a signed-in clerk of it. */
  async function newCenter(url = app.url) {
    const fx: CenterFixture = await createCenterFixture(database.db, {
      services: ['X', 'Y'],
      counters: [['X'], ['X', 'Y'], ['Y']],
    });
    const clerk = await new Client(url).login(fx.usernames.clerk[0]!);
    const issue = async (code: 'X' | 'Y'): Promise<Issued> => {
      const ticket = await must<Issued>(
        clerk.post(`/api/centers/${fx.centerId}/tickets`, {
          serviceId: fx.serviceIds[code],
          channel: 'kiosk',
        }),
        201,
      );
      tokens.push(ticket.token);
      return ticket;
    };
    const act = (path: string, body?: unknown) => must<any>(clerk.post(path, body));
    const counter = (i: number) => fx.counterIds[i]!;
    return { fx, clerk, issue, act, counter };
  }

  async function loggedEvents(centerId: number): Promise<LiveEvent[]> {
    const rows = await database.db
      .selectFrom('ticket_events')
      .select(['seq', 'type', 'at', 'center_id', 'payload'])
      .where('center_id', '=', centerId)
      .orderBy('seq')
      .execute();
    // As a client receives them: through JSON.
    return JSON.parse(JSON.stringify(rows.map(rowToEvent)));
  }

  const seqsFrom = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('answers subscribe {centerId} with a snapshot at the current seq that reflects the state', async () => {
    const { fx, issue, act, counter } = await newCenter();
    const [x1, x2] = [await issue('X'), await issue('X'), await issue('X')];
    await issue('Y');
    await act(`/api/counters/${counter(0)}/open`);
    await act(`/api/counters/${counter(1)}/open`);
    const atFirst = (await act(`/api/counters/${counter(0)}/call-next`)).ticket;
    const atSecond = (await act(`/api/counters/${counter(1)}/call-next`)).ticket;
    expect([atFirst.id, atSecond.id]).toEqual([x1!.id, x2!.id]);
    await act(`/api/tickets/${x2!.id}/start`);

    const s = await socket();
    const snapshot = snapshotOf<CenterSnapshot>(await subscribe(s, { centerId: fx.centerId }));
    const logged = await loggedEvents(fx.centerId);
    expect(snapshot.seq).toBe(logged.length);
    expect(snapshot.seq).toBe(9);
    expect(snapshot.centerId).toBe(fx.centerId);
    expect(snapshot.services).toEqual([
      { id: fx.serviceIds.X, waiting: 1 },
      { id: fx.serviceIds.Y, waiting: 1 },
    ]);
    expect(
      snapshot.counters.map((c) => [c.id, c.state, c.ticket?.id ?? null, c.ticket?.status ?? null]),
    ).toEqual([
      [counter(0), 'open', x1!.id, 'called'],
      [counter(1), 'open', x2!.id, 'serving'],
      [counter(2), 'closed', null, null],
    ]);
    expect(snapshot.counters[1]!.serviceIds).toEqual([fx.serviceIds.X, fx.serviceIds.Y]);
    const calls = logged.filter((e) => e.type === 'ticket.called');
    expect(snapshot.recentCalls).toEqual([
      {
        seq: calls[1]!.seq,
        ticketId: x2!.id,
        number: x2!.number,
        serviceId: fx.serviceIds.X,
        counterId: counter(1),
        counterNumber: 2,
        at: calls[1]!.at,
        recall: false,
      },
      {
        seq: calls[0]!.seq,
        ticketId: x1!.id,
        number: x1!.number,
        serviceId: fx.serviceIds.X,
        counterId: counter(0),
        counterNumber: 1,
        at: calls[0]!.at,
        recall: false,
      },
    ]);
    // The same read as the HTTP snapshot.
    expect(await must(new Client(app.url).get(`/api/centers/${fx.centerId}/snapshot`))).toEqual(snapshot);
  });

  it('refuses unknown centers, counters and tokens with not_found', async () => {
    const s = await socket();
    for (const request of [
      { centerId: 2_000_000 },
      { centerId: 2_000_000, sinceSeq: 0 },
      { counterId: 2_000_000 },
      { counterId: 2_000_000, sinceSeq: 3 },
      { ticketToken: 'AAAAAAAAAAAAAAAAAAAAAAAA' },
    ]) {
      const ack = await subscribe(s, request);
      expect(ack, JSON.stringify(request)).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(s.connected).toBe(true);
  });

  it('refuses malformed subscribe payloads with validation_failed, ignores those without an ack, and stays up', async () => {
    const s = await socket();
    const malformed: unknown[] = [
      {},
      { sinceSeq: 3 },
      { centerId: '1' },
      { centerId: 1.5 },
      { centerId: 0 },
      { centerId: -4 },
      { centerId: 2 ** 40 },
      { centerId: null },
      { counterId: true },
      { ticketToken: 12345 },
      { ticketToken: 'short' },
      { ticketToken: 'has spaces and / slashes!!' },
      { centerId: 1, sinceSeq: 'zero' },
      { centerId: 1, sinceSeq: -1 },
      { centerId: 1, admin: true },
      { centerId: 1, counterId: 1 },
      { centerId: 1, ticketToken: 'AAAAAAAAAAAAAAAAAAAAAAAA' },
      'center:1',
      42,
      null,
      [1],
      [{ centerId: 1 }],
      new Uint8Array([1, 2, 3]),
    ];
    for (const request of malformed) {
      const ack = await rawSubscribe(s, request);
      expect(ack, JSON.stringify(request)).toMatchObject({ error: { code: 'validation_failed' } });
      expect(typeof (ack as { error: { message: string } }).error.message).toBe('string');
    }
    // No ack to answer: ignored, and the socket joins nothing.
    const untyped = s as unknown as Socket;
    untyped.emit('subscribe', { centerId: 1 });
    untyped.emit('subscribe');
    untyped.emit('subscribe', 'garbage');
    untyped.emit('unsubscribe', 'garbage');
    untyped.emit('unsubscribe');
    untyped.emit('no-such-event', { centerId: 1 });
    // The server still answers this socket, other sockets and HTTP.
    expect(snapshotOf<CenterSnapshot>(await subscribe(s, { centerId: 1 })).centerId).toBe(1);
    const other = await socket();
    expect(snapshotOf<CenterSnapshot>(await subscribe(other, { centerId: 1 })).centerId).toBe(1);
    expect((await new Client(app.url).get('/healthz')).status).toBe(200);
    expect(s.connected).toBe(true);
  });

  it('delivers every event of a center, in seq order with the right types, and nothing of another center', async () => {
    const { fx, issue, act, counter } = await newCenter();
    const b = await board(fx.centerId);
    const s = await socket();
    const log = new EventLog(s);
    roomLogs.push(log);
    expect(snapshotOf<CenterSnapshot>(await subscribe(s, { centerId: fx.centerId })).seq).toBe(0);
    const elsewhere = new Client(app.url);
    const c1 = counter(0);

    const t1 = await issue('X');
    const t2 = await issue('X');
    await act(`/api/counters/${c1}/open`);
    await act(`/api/counters/${c1}/call-next`);
    await act(`/api/tickets/${t1.id}/recall`);
    await act(`/api/tickets/${t1.id}/start`);
    await act(`/api/tickets/${t1.id}/hold`);
    await act(`/api/tickets/${t1.id}/resume`, {});
    await act(`/api/tickets/${t1.id}/start`);
    await act(`/api/tickets/${t1.id}/complete`, { outcome: 'resolved' });
    // Another center's change between two of ours.
    await must(elsewhere.post('/api/centers/1/tickets', { serviceId: 1 }), 201);
    await act(`/api/counters/${c1}/call-next`);
    await act(`/api/tickets/${t2.id}/return`);
    await act(`/api/counters/${c1}/call-next`);
    await act(`/api/tickets/${t2.id}/no-show`);
    await act(`/api/tickets/${t2.id}/reactivate`);
    await act(`/api/tickets/${t2.id}/cancel`, { reason: 'citizen_left' });
    const t3 = await issue('Y');
    await act(`/api/counters/${c1}/call`, { ticketId: t3.id, reason: 'hẹn trước' });
    await act(`/api/tickets/${t3.id}/start`);
    const moved = (await act(`/api/tickets/${t3.id}/transfer`, { serviceId: fx.serviceIds.X })).ticket;
    await act(`/api/counters/${c1}/pause`, { reason: 'nghỉ trưa' });
    await must(elsewhere.post('/api/centers/1/tickets', { serviceId: 1 }), 201);
    await act(`/api/counters/${c1}/close`);

    const expected: EventType[] = [
      'ticket.issued',
      'ticket.issued',
      'counter.changed',
      'ticket.called',
      'ticket.recalled',
      'ticket.serving',
      'ticket.held',
      'ticket.resumed',
      'ticket.serving',
      'ticket.done',
      'ticket.called',
      'ticket.returned',
      'ticket.called',
      'ticket.no_show',
      'ticket.reactivated',
      'ticket.cancelled',
      'ticket.issued',
      'ticket.called',
      'ticket.serving',
      'ticket.transferred',
      'counter.changed',
      'counter.changed',
    ];
    const last = expected.length;
    await log.untilSeq(last);
    await b.untilSeq(last);

    // Raw arrival order is already seq order, each once, all of this center.
    expect(log.events.map((e) => e.seq)).toEqual(seqsFrom(1, last));
    expect(log.events.map((e) => e.type)).toEqual(expected);
    expect(log.events.every((e) => e.centerId === fx.centerId)).toBe(true);
    expect(b.applied).toEqual(log.events);
    // The log as a board may read it: without what staff typed (the staff room has that).
    expect(log.events).toEqual((await loggedEvents(fx.centerId)).map(publicEvent));

    // A few payloads, as a board reads them.
    const byType = (type: EventType) => log.events.filter((e) => e.type === type);
    expect(byType('ticket.called').map((e) => [e.ticket?.id, e.counterId, e.reason])).toEqual([
      [t1.id, c1, 'oldest'],
      [t2.id, c1, 'oldest'],
      [t2.id, c1, 'oldest'],
      [t3.id, c1, 'specific'],
    ]);
    // The clerk's reason for the call out of order is for staff only (staff-text.test.ts).
    expect(byType('ticket.called')[3]!).not.toHaveProperty('note');
    expect(byType('ticket.transferred')[0]).toMatchObject({
      ticket: { id: t3.id, status: 'done' },
      transferredTo: { id: moved.id, serviceId: fx.serviceIds.X, status: 'waiting' },
      counterId: c1,
    });
    expect(
      byType('counter.changed').map((e) => [e.counterId, e.counter?.state, e.counter?.pauseReason]),
    ).toEqual([
      [c1, 'open', null],
      // A board sees the reason's code, never the clerk's words (those go to the staff room).
      [c1, 'paused', 'other'],
      [c1, 'closed', null],
    ]);
  });

  it('gives boards that join in the middle of a burst of concurrent changes every event once, in order', async () => {
    const { fx, issue } = await newCenter();
    const early = await socket();
    const earlyLog = new EventLog(early);
    roomLogs.push(earlyLog);
    snapshotOf<CenterSnapshot>(await subscribe(early, { centerId: fx.centerId }));

    const burst = Array.from({ length: 24 }, (_, i) => issue(i % 3 === 0 ? 'Y' : 'X'));
    // Boards subscribing while the burst commits: some events overtake their snapshot, and
    // boards asking at the same moment share one snapshot read.
    const late = Array.from({ length: 12 }, () => {
      const b = new TestBoard(app.url, fx.centerId);
      boards.push(b);
      return b;
    });
    await Promise.all(burst);
    const last = 24;
    await earlyLog.untilSeq(last);
    expect([...earlyLog.events.map((e) => e.seq)].sort((a, b) => a - b)).toEqual(seqsFrom(1, last));
    const logged = await loggedEvents(fx.centerId);
    for (const b of late) {
      await b.untilSeq(last);
      expect(b.snapshots).toHaveLength(1);
      const from = b.snapshots[0]!.seq;
      expect(b.applied.map((e) => e.seq)).toEqual(seqsFrom(from + 1, last));
      expect(b.applied).toEqual(logged.slice(from));
    }
  });

  it('replays exactly the missed events to a board that reconnects with sinceSeq', async () => {
    const { fx, issue, act, counter } = await newCenter();
    const b = await board(fx.centerId);
    const t1 = await issue('X');
    await act(`/api/counters/${counter(0)}/open`);
    await b.untilSeq(2);

    b.disconnect();
    const t2 = await issue('X');
    await act(`/api/counters/${counter(0)}/call-next`);
    await act(`/api/tickets/${t1.id}/start`);
    await act(`/api/tickets/${t1.id}/complete`, {});
    await act(`/api/counters/${counter(0)}/call-next`);
    await act(`/api/tickets/${t2.id}/recall`);
    expect(b.applied.map((e) => e.seq)).toEqual([1, 2]);

    b.reconnect(app.url);
    await b.untilSeq(8);
    // Live again after the replay.
    await issue('Y');
    await b.untilSeq(9);

    const logged = await loggedEvents(fx.centerId);
    expect(logged.map((e) => e.seq)).toEqual(seqsFrom(1, 9));
    expect(b.applied.map((e) => e.seq)).toEqual(seqsFrom(1, 9));
    // A public board: the logged events as the public sees them (no holder of the counter).
    expect(b.applied).toEqual(logged.map(publicEvent));
    // The gap was filled by a replay, not a second snapshot.
    expect(b.snapshots.map((s) => s.seq)).toEqual([0]);
  });

  it('answers a raw reconnect with sinceSeq with the events after it, and an empty list when nothing was missed', async () => {
    const { fx, issue } = await newCenter();
    await issue('X');
    await issue('Y');
    await issue('X');
    const s = await socket();
    const ack = await subscribe(s, { centerId: fx.centerId, sinceSeq: 1 });
    expect(ack).toEqual({ events: (await loggedEvents(fx.centerId)).slice(1) });
    expect(await subscribe(s, { centerId: fx.centerId, sinceSeq: 3 })).toEqual({ events: [] });
    // A client ahead of the server (a restored database) starts over from a snapshot.
    expect(snapshotOf<CenterSnapshot>(await subscribe(s, { centerId: fx.centerId, sinceSeq: 50 })).seq).toBe(
      3,
    );
  });

  it('sends a fresh snapshot instead of a replay past REPLAY_LIMIT', async () => {
    const { fx, issue, act, counter } = await newCenter(shortReplayApp.url);
    const b = await board(fx.centerId, shortReplayApp.url);
    const t1 = await issue('X');
    await b.untilSeq(1);

    // Exactly the bound (5 missed): still a replay.
    b.disconnect();
    await issue('X');
    await issue('X');
    await issue('Y');
    await act(`/api/counters/${counter(0)}/open`);
    await act(`/api/counters/${counter(0)}/call-next`);
    b.reconnect(shortReplayApp.url);
    await b.untilSeq(6);
    expect(b.snapshots.map((s) => s.seq)).toEqual([0]);
    expect(b.applied.map((e) => e.seq)).toEqual(seqsFrom(1, 6));

    // One past the bound (6 missed): a fresh snapshot, and live events after it.
    b.disconnect();
    await act(`/api/tickets/${t1.id}/start`);
    await act(`/api/tickets/${t1.id}/complete`, {});
    await act(`/api/counters/${counter(1)}/open`);
    await act(`/api/counters/${counter(0)}/call-next`);
    await act(`/api/counters/${counter(1)}/call-next`);
    await issue('Y');
    b.reconnect(shortReplayApp.url);
    await b.until(() => b.snapshots.length === 2);
    const fresh = b.snapshots[1]!;
    expect(fresh.seq).toBe(12);
    expect(fresh.services).toEqual([
      { id: fx.serviceIds.X, waiting: 0 },
      { id: fx.serviceIds.Y, waiting: 2 },
    ]);
    expect(fresh.counters.map((c) => [c.state, c.ticket?.status ?? null])).toEqual([
      ['open', 'called'],
      ['open', 'called'],
      ['closed', null],
    ]);
    await issue('X');
    await b.untilSeq(13);
    expect(b.applied.map((e) => e.seq)).toEqual([...seqsFrom(1, 6), 13]);
  });

  it('tells a counter room only about that counter, from a snapshot with its ticket', async () => {
    const { fx, issue, act, counter } = await newCenter();
    const [c1, c2] = [counter(0), counter(1)];
    const t1 = await issue('X');
    await act(`/api/counters/${c1}/open`);
    await act(`/api/counters/${c2}/open`);
    await act(`/api/counters/${c1}/call-next`);

    const s = await socket();
    const log = new EventLog(s);
    roomLogs.push(log);
    const snapshot = snapshotOf<CounterSnapshot>(await subscribe(s, { counterId: c1 }));
    expect(snapshot).toMatchObject({
      seq: 4,
      counter: { id: c1, number: 1, state: 'open', serviceIds: [fx.serviceIds.X] },
      ticket: { id: t1.id, status: 'called', counterId: c1 },
    });

    const t2 = await issue('X');
    await act(`/api/counters/${c2}/call-next`); // t2 at the other counter
    await act(`/api/tickets/${t1.id}/start`);
    await act(`/api/tickets/${t2.id}/start`);
    await act(`/api/tickets/${t2.id}/complete`, {});
    await act(`/api/tickets/${t1.id}/complete`, {});
    await act(`/api/counters/${c2}/pause`, { reason: 'họp' });
    const t3 = await issue('X');
    await act(`/api/counters/${c1}/call-next`);
    await act(`/api/tickets/${t3.id}/no-show`);
    await act(`/api/counters/${c2}/close`);
    await act(`/api/counters/${c1}/close`);
    // Ours is the last change: had any of the other counter's reached us, it would have come first.
    const last = (await loggedEvents(fx.centerId)).at(-1)!.seq;
    await log.untilSeq(last);

    const mine = log.events.filter((e) => e.type !== 'ticket.position');
    expect(mine.map((e) => [e.type, e.ticket?.id ?? null])).toEqual([
      ['ticket.serving', t1.id],
      ['ticket.done', t1.id],
      ['ticket.called', t3.id],
      ['ticket.no_show', t3.id],
      ['counter.changed', null],
    ]);
    expect(log.events.every((e) => e.counterId === c1)).toBe(true);
    expect(mine.at(-1)!.counter).toMatchObject({ id: c1, state: 'closed' });

    // Reconnecting, a counter display gets the events of its counter only.
    const again = await socket();
    const replayed = await subscribe(again, { counterId: c1, sinceSeq: snapshot.seq });
    expect(replayed).toEqual({ events: mine });
    const fresh = snapshotOf<CounterSnapshot>(await subscribe(again, { counterId: c1 }));
    expect(fresh).toMatchObject({ seq: last, counter: { id: c1, state: 'closed' }, ticket: null });
  });
  /** A center-room socket of the test, logged and checked for tokens at the end. */
  async function watchCenter(centerId: number): Promise<EventLog> {
    const s = await socket();
    const log = new EventLog(s);
    roomLogs.push(log);
    snapshotOf<CenterSnapshot>(await subscribe(s, { centerId }));
    return log;
  }

  /** Every event emitted to this socket so far has arrived once its next ack has. */
  async function flush(s: TestSocket, token: string): Promise<void> {
    snapshotOf<TicketSnapshot>(await subscribe(s, { ticketToken: token }));
  }

  it('pushes a citizen their position as the tickets ahead are called, then their call', async () => {
    const { fx, issue, act, counter } = await newCenter();
    const c1 = counter(0);
    const centerLog = await watchCenter(fx.centerId);
    await act(`/api/counters/${c1}/open`);
    const first = await issue('X');
    const second = await issue('X');
    const mine = await issue('X');
    await issue('Y'); // another service: never ahead of this ticket
    await app.publisher.idle();

    const citizen = await socket();
    const log = new EventLog(citizen);
    const snapshot = snapshotOf<TicketSnapshot>(await subscribe(citizen, { ticketToken: mine.token }));
    expect(snapshot).toEqual({
      seq: 5,
      ticket: {
        id: mine.id,
        number: 'X003',
        serviceId: fx.serviceIds.X,
        status: 'waiting',
        priority: null,
        channel: 'kiosk',
        issuedAt: mine.issuedAt,
        position: 3,
        // 3 × the service's 600 s default, one counter open.
        estimatedWaitSeconds: 1800,
        servingCounters: [1],
      },
      counter: null,
    });

    const positions = () =>
      log.events.filter((e) => e.type === 'ticket.position').map((e) => e.ticket!.position);
    for (const [ahead, position] of [
      [first, 2],
      [second, 1],
    ] as const) {
      await act(`/api/counters/${c1}/call-next`);
      await log.next((e) => e.type === 'ticket.position' && e.ticket?.position === position);
      await act(`/api/tickets/${ahead.id}/start`);
      await act(`/api/tickets/${ahead.id}/complete`, {});
      await app.publisher.idle();
      await flush(citizen, mine.token);
      expect(positions().at(-1)).toBe(position);
    }
    const moves = positions().filter((p, i, all) => i === 0 || all[i - 1] !== p);
    expect([snapshot.ticket.position, ...moves]).toEqual([3, 2, 1]);

    await act(`/api/counters/${c1}/call-next`);
    const called = await log.next((e) => e.type === 'ticket.called');
    expect(called).toMatchObject({
      type: 'ticket.called',
      counterId: c1,
      centerId: fx.centerId,
      ticket: { id: mine.id, status: 'called', counterId: c1 },
    });
    await app.publisher.idle();
    await flush(citizen, mine.token);

    // Only this ticket's news reaches its room, and nothing after the call.
    expect(log.events.every((e) => e.ticket?.id === mine.id)).toBe(true);
    expect(log.events.at(-1)).toEqual(called);
    for (const e of log.events.filter((e) => e.type === 'ticket.position')) {
      expect(e.ticket).toMatchObject({ status: 'waiting', estimatedWaitSeconds: expect.any(Number) });
      expect(e.seq).toBeGreaterThan(snapshot.seq);
    }
    // The center room heard the calls but never a position.
    await centerLog.untilSeq(called.seq);
    expect(centerLog.events.filter((e) => e.type === 'ticket.position')).toEqual([]);

    // Once called, the citizen's snapshot names the counter.
    const after = snapshotOf<TicketSnapshot>(await subscribe(citizen, { ticketToken: mine.token }));
    expect(after).toMatchObject({ ticket: { status: 'called' }, counter: { id: c1, number: 1 } });
    expect(after.ticket.position).toBeUndefined();
  });

  it('tells the citizen of a transfer, and their token then reads the new ticket', async () => {
    const { fx, issue, act, counter, clerk } = await newCenter();
    const c2 = counter(1); // serves X, then Y
    await watchCenter(fx.centerId);
    await act(`/api/counters/${c2}/open`);
    const mine = await issue('X');
    const later = await issue('Y');

    const citizen = await socket();
    const log = new EventLog(citizen);
    snapshotOf<TicketSnapshot>(await subscribe(citizen, { ticketToken: mine.token }));
    await act(`/api/counters/${c2}/call-next`);
    await act(`/api/tickets/${mine.id}/start`);
    const moved: WireTicket = (await act(`/api/tickets/${mine.id}/transfer`, { serviceId: fx.serviceIds.Y }))
      .ticket;

    const transferred = await log.next((e) => e.type === 'ticket.transferred');
    expect(transferred).toMatchObject({
      counterId: c2,
      ticket: { id: mine.id, status: 'done', number: 'X001' },
      transferredTo: { id: moved.id, serviceId: fx.serviceIds.Y, status: 'waiting', number: 'Y002' },
    });
    // The new ticket keeps the original issue time, so it is ahead of the Y ticket taken later.
    expect(moved.issuedAt).toBe(mine.issuedAt);
    const position = await log.next((e) => e.type === 'ticket.position' && e.ticket?.id === moved.id);
    expect(position.ticket).toMatchObject({ position: 1, serviceId: fx.serviceIds.Y });

    const read = await must(clerk.get(`/api/tickets/${mine.token}`));
    expect(read).toMatchObject({ id: moved.id, serviceId: fx.serviceIds.Y, status: 'waiting', position: 1 });
    expect(read.counter).toBeNull();
    const again = snapshotOf<TicketSnapshot>(await subscribe(citizen, { ticketToken: mine.token }));
    expect(again.ticket).toMatchObject({ id: moved.id, status: 'waiting', position: 1 });

    // The token follows the new ticket: its call reaches the same room.
    const next = (await act(`/api/counters/${c2}/call-next`)).ticket;
    expect(next.id).toBe(moved.id);
    const called = await log.next((e) => e.type === 'ticket.called' && e.ticket?.id === moved.id);
    expect(called).toMatchObject({ counterId: c2, ticket: { status: 'called', number: 'Y002' } });
    expect(log.events.filter((e) => e.type === 'ticket.called').map((e) => e.ticket?.id)).toEqual([
      mine.id,
      moved.id,
    ]);
    expect(log.events.some((e) => e.ticket?.id === later.id)).toBe(false);
  });

  it('sends an event once to a socket in several of the rooms it goes to, and nothing after unsubscribe', async () => {
    const { fx, issue, act, counter } = await newCenter();
    const c1 = counter(0);
    await act(`/api/counters/${c1}/open`);
    const mine = await issue('X');
    await app.publisher.idle();
    const s = await socket();
    const log = new EventLog(s);
    snapshotOf<CenterSnapshot>(await subscribe(s, { centerId: fx.centerId }));
    snapshotOf<CounterSnapshot>(await subscribe(s, { counterId: c1 }));
    snapshotOf<TicketSnapshot>(await subscribe(s, { ticketToken: mine.token }));

    await act(`/api/counters/${c1}/call-next`);
    await app.publisher.idle();
    await flush(s, mine.token);
    expect(log.events.map((e) => [e.type, e.seq])).toEqual([['ticket.called', 3]]);

    s.emit('unsubscribe', { centerId: fx.centerId });
    s.emit('unsubscribe', { counterId: c1 });
    s.emit('unsubscribe', { ticketToken: mine.token });
    // Round trips on the same connection: the server has handled what was sent before, and
    // whatever it emitted to this socket before has arrived.
    const barrier = () => rawSubscribe(s, {});
    await barrier();
    await issue('X');
    await act(`/api/tickets/${mine.id}/start`);
    await app.publisher.idle();
    await barrier();
    expect(log.events.map((e) => e.seq)).toEqual([3]);
  });

  // Checks what the tests above delivered, so it runs last and with them.
  it('never lets a token into what center and counter rooms receive', async () => {
    expect(tokens.length).toBeGreaterThan(20);
    expect(roomLogs.length).toBeGreaterThan(3);
    const delivered = JSON.stringify([
      ...roomLogs.map((log) => log.events),
      ...boards.map((b) => [b.applied, b.snapshots]),
    ]);
    expect(delivered.length).toBeGreaterThan(1000);
    for (const token of tokens) expect(delivered).not.toContain(token);
  });
});
