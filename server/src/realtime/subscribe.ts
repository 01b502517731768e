/**
 * `subscribe`: the server checks what a socket asks for, joins it to the room, and answers
 * with a snapshot, or with exactly the events after `sinceSeq` when that is a short list.
 * The socket joins before reading, so nothing committed after the read can be missed;
 * anything both replayed and emitted is dropped by the client's seq check. Public rooms get
 * snapshots and replays without what staff typed; `{ centerId, staff: true }` (a staff session
 * of the center) joins the center's staff room, which gets it all.
 */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import {
  type CenterSnapshot,
  type CounterSnapshot,
  type LiveEvent,
  PROTOCOL_VERSION,
  type SubscribeAck,
  type SubscribeRequest,
} from '../../../shared/src/protocol.js';
import { centerRoom, counterRoom, staffRoom, ticketRoom } from '../../../shared/src/rooms.js';
import {
  publicCenterSnapshot,
  publicCounterSnapshot,
  publicEvent,
  publicTicketSnapshot,
} from '../../../shared/src/staff-text.js';
import { mayActIn } from '../auth/actor.js';
import { actorOfSession } from '../auth/sessions.repository.js';
import { SESSION_COOKIE } from '../auth/staff-session.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { assertRoomAccess } from '../devices/device-access.js';
import { handshakeCookie } from '../devices/device-credentials.js';
import { DomainError, notFound } from '../errors.js';
import { currentSeq, eventsSince } from '../events/events.repository.js';
import { clientAddressOf, type TrustProxy } from '../http/client-address.js';
import { MinuteCounter } from '../http/minute-counter.js';
import { centerSnapshot, counterSnapshot, ticketSnapshot } from '../views/center-snapshot.js';
import type { RealtimeServer } from './io.js';
import { SharedReads } from './shared-reads.js';
import { StaffRecheck } from './staff-recheck.js';
import type { SubscribeLimits } from './subscribe-limits.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const SinceSeq = Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 }));
const ProtocolVersion = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Common = { sinceSeq: SinceSeq, protocolVersion: Type.Optional(ProtocolVersion) };
const SubscribeSchema = Compile(
  Type.Union([
    Type.Object(
      { centerId: Id, staff: Type.Optional(Type.Literal(true)), ...Common },
      { additionalProperties: false },
    ),
    Type.Object({ counterId: Id, ...Common }, { additionalProperties: false }),
    Type.Object(
      {
        ticketToken: Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
        ...Common,
      },
      { additionalProperties: false },
    ),
  ]),
);
const ProtocolVersionSchema = Compile(ProtocolVersion);

/**
 * The refusal when a subscribe speaks another protocol than this server, or null. Checked
 * before the request's shape: a client of another version may ask in a shape this one does
 * not know, and should hear "reload", not "bad input". Absent counts as 1 (DESIGN.md §15).
 */
function protocolRefusal(request: unknown): SubscribeAck | null {
  const given =
    typeof request === 'object' && request !== null && 'protocolVersion' in request
      ? request.protocolVersion
      : undefined;
  const version = given === undefined ? 1 : given;
  if (!ProtocolVersionSchema.Check(version)) {
    return {
      error: { code: 'validation_failed', message: 'protocolVersion must be a positive integer' },
    };
  }
  return version === PROTOCOL_VERSION ? null : mismatch(version);
}

function mismatch(clientVersion: number): SubscribeAck {
  const message = `this screen speaks protocol version ${clientVersion}, the server version ${PROTOCOL_VERSION}; reload the page`;
  return { error: { code: 'protocol_mismatch', message } };
}

export interface SubscribeOptions {
  db: Kysely<Database>;
  replayLimit: number;
  limits: SubscribeLimits;
  /** The same proxies HTTP trusts: the per-address limit counts the client, not a header. */
  trustProxy: TrustProxy;
  log: { warn(obj: object, msg: string): void };
}

type Socket = Parameters<Parameters<RealtimeServer['on']>[1]>[0];

/** Replays when the gap is short and the log still reaches back to it; otherwise null. */
async function replay(
  db: Kysely<Database>,
  centerId: number,
  sinceSeq: number,
  limit: number,
  counterId?: number,
): Promise<LiveEvent[] | null> {
  const seq = await currentSeq(db, centerId);
  if (sinceSeq > seq) return null; // the client is ahead of us: a restored database; start over
  const events = await eventsSince(db, centerId, sinceSeq, limit, counterId);
  return events.length > limit ? null : events;
}

async function counterCenter(db: Kysely<Database>, counterId: number): Promise<number> {
  const row = await db
    .selectFrom('counters')
    .select('center_id')
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (!row) throw notFound('counter', counterId);
  return row.center_id;
}

/** Per server (never per process: tests run several apps on several databases in one). */
interface Snapshots {
  center: SharedReads<CenterSnapshot>;
  counter: SharedReads<CounterSnapshot>;
}

/** The staff room is for a staff session that may act in the center; returns that session. */
async function assertStaffOf(db: Kysely<Database>, socket: Socket, centerId: number): Promise<string> {
  const session = handshakeCookie(socket.handshake, SESSION_COOKIE);
  const actor = session && session.length <= 128 ? await actorOfSession(db, session) : null;
  if (!session || !actor)
    throw new DomainError('unauthenticated', 'the staff room needs a staff session; sign in');
  if (!mayActIn(actor, centerId)) {
    throw new DomainError('forbidden', `you may not follow center ${centerId}`, { centerId });
  }
  return session;
}

async function answer(
  socket: Socket,
  request: SubscribeRequest,
  options: SubscribeOptions,
  snapshots: Snapshots,
  staffRecheck: StaffRecheck,
): Promise<SubscribeAck> {
  const { db, replayLimit } = options;
  if ('centerId' in request) {
    const { centerId, staff = false } = request;
    await assertCenterExists(db, centerId);
    if (staff) {
      const session = await assertStaffOf(db, socket, centerId);
      await socket.join(staffRoom(centerId));
      staffRecheck.joined(socket, session, centerId); // its session is read again now and then
    } else {
      await assertRoomAccess(db, socket.handshake, centerId); // paired devices only, if the center says so
      await socket.join(centerRoom(centerId));
    }
    if (request.sinceSeq !== undefined) {
      const events = await replay(db, centerId, request.sinceSeq, replayLimit);
      if (events) return { events: staff ? events : events.map(publicEvent) };
    }
    const snapshot = await snapshots.center.read(String(centerId), () => centerSnapshot(db, centerId));
    return { snapshot: staff ? snapshot : publicCenterSnapshot(snapshot) };
  }
  if ('counterId' in request) {
    const centerId = await counterCenter(db, request.counterId);
    await assertRoomAccess(db, socket.handshake, centerId);
    await socket.join(counterRoom(request.counterId));
    if (request.sinceSeq !== undefined) {
      const events = await replay(db, centerId, request.sinceSeq, replayLimit, request.counterId);
      if (events) return { events: events.map(publicEvent) };
    }
    const { counterId } = request;
    const snapshot = await snapshots.counter.read(String(counterId), () => counterSnapshot(db, counterId));
    return { snapshot: publicCounterSnapshot(snapshot) };
  }
  const found = await db
    .selectFrom('tickets')
    .select('id')
    .where('token', '=', request.ticketToken)
    .executeTakeFirst();
  if (!found) throw notFound('ticket', 'token');
  await socket.join(ticketRoom(request.ticketToken));
  const { centerId: _, ...snapshot } = await ticketSnapshot(db, request.ticketToken);
  return { snapshot: publicTicketSnapshot(snapshot) };
}

function roomOf(request: SubscribeRequest): string {
  if ('centerId' in request)
    return request.staff ? staffRoom(request.centerId) : centerRoom(request.centerId);
  if ('counterId' in request) return counterRoom(request.counterId);
  return ticketRoom(request.ticketToken);
}

/** The refusal when a limit is hit, or null. Every subscribe counts, even an invalid one. */
function overLimit(
  socket: Socket,
  address: string,
  counters: { byAddress: MinuteCounter; bySocket: MinuteCounter },
  limits: SubscribeLimits,
): SubscribeAck | null {
  const byAddress = counters.byAddress.hit(address, limits.perAddressPerMinute);
  const bySocket = counters.bySocket.hit(socket.id, limits.perSocketPerMinute);
  if (byAddress > 0) {
    const message = `more than ${limits.perAddressPerMinute} subscriptions a minute from this address (SUBSCRIBE_RATE_PER_MINUTE); retry in ${byAddress} s`;
    return { error: { code: 'rate_limited', message } };
  }
  if (bySocket > 0) {
    const message = `more than ${limits.perSocketPerMinute} subscriptions a minute on one connection (SUBSCRIBE_RATE_PER_SOCKET); retry in ${bySocket} s`;
    return { error: { code: 'rate_limited', message } };
  }
  return null;
}

export function handleSubscriptions(io: RealtimeServer, options: SubscribeOptions): void {
  const counters = { byAddress: new MinuteCounter(), bySocket: new MinuteCounter() };
  const snapshots: Snapshots = { center: new SharedReads(), counter: new SharedReads() };
  const staffRecheck = new StaffRecheck(options.db, options.log);
  const stopRecheck = staffRecheck.start(options.limits.staffRecheckMs);
  io.httpServer?.once('close', stopRecheck);
  io.on('connection', (socket) => {
    socket.on('disconnect', () => staffRecheck.gone(socket));
    // Once, from the handshake's own request (the upgrade, or the first poll).
    const address = clientAddressOf(socket.request, options.trustProxy);
    socket.on('subscribe', (request, ack) => {
      if (typeof ack !== 'function') return;
      const limited = overLimit(socket, address, counters, options.limits);
      if (limited) {
        ack(limited);
        return;
      }
      const refused = protocolRefusal(request);
      if (refused) {
        ack(refused);
        return;
      }
      if (!SubscribeSchema.Check(request)) {
        const first = SubscribeSchema.Errors(request)[0];
        ack({
          error: {
            code: 'validation_failed',
            message: `subscribe needs one of centerId, counterId or ticketToken (${first?.message ?? 'invalid'})`,
          },
        });
        return;
      }
      // socket.rooms holds the socket's own id room too.
      if (!socket.rooms.has(roomOf(request)) && socket.rooms.size - 1 >= options.limits.roomsPerSocket) {
        ack({
          error: {
            code: 'rate_limited',
            message: `one connection may follow at most ${options.limits.roomsPerSocket} rooms; unsubscribe first`,
          },
        });
        return;
      }
      answer(socket, request, options, snapshots, staffRecheck).then(ack, (error: unknown) => {
        if (error instanceof DomainError) {
          ack({ error: { code: error.code, message: error.message } });
          return;
        }
        options.log.warn({ err: error }, 'subscribe failed');
        ack({ error: { code: 'database_unavailable', message: 'could not read the current state; retry' } });
      });
    });
    socket.on('unsubscribe', (request) => {
      if (SubscribeSchema.Check(request)) void socket.leave(roomOf(request));
    });
  });
}
