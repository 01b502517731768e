/**
 * fast-check arbitraries for the fuzz suites: bodies of known field names and wrong values,
 * path parameters and query strings as they go in a URL (some escapes wrong on purpose), the
 * headers a route reads, and socket.io messages (events with payloads and acks or none,
 * binary attachments, packets that do not parse). The seed is fixed; FUZZ_SEED replays another.
 */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { createSession } from '../../server/src/auth/sessions.repository.js';
import { SESSION_COOKIE } from '../../server/src/auth/staff-session.js';
import type { Database } from '../../server/src/db/tables.js';
import { deepArray, HOSTILE_VALUES } from './fuzz-inputs.js';

export const SEED = Number(process.env.FUZZ_SEED ?? 20_250_806);

export type Who = 'anonymous' | 'admin' | 'clerk';
export const EVERYONE: Who[] = ['anonymous', 'admin', 'clerk'];

/** The seeded admin and clerk1 signed in: each one's user id and session cookie. */
export async function seededStaffSessions(
  db: Kysely<Database>,
): Promise<Record<Exclude<Who, 'anonymous'>, { userId: number; cookie: string }>> {
  const session = async (username: string) => {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return { userId: user.id, cookie: `${SESSION_COOKIE}=${await createSession(db, user.id)}` };
  };
  return { admin: await session('admin'), clerk: await session('clerk1') };
}

/** Field names the routes know, so generated objects get past the first "unknown property". */
export const KEYS = [
  ...['serviceId', 'priority', 'channel', 'reason', 'ticketId', 'outcome', 'note', 'counterId'],
  ...['decision', 'rating', 'comment', 'username', 'password', 'name', 'code', 'nameEn', 'serviceIds'],
  ...['centerIds', 'role', 'displayName', 'active', 'address', 'timezone', 'openingHours'],
  ...['priorityEvery', 'ageingMinutes', 'issuingHours', 'dailyQuota', 'slaMinutes', 'number'],
  ...['waitingTickets', 'moveTo', 'kind', 'requirePairedDevices', 'endpoint', 'keys', 'phone'],
  ...['locale', 'from', 'to', 'centerId', 'sinceSeq', 'ticketToken', 'staff', 'consent', 'limit'],
];
export const hostile = fc.constantFrom(...HOSTILE_VALUES);
export const scalar = fc.oneof(
  fc.integer(),
  fc.integer({ min: -2, max: 40 }),
  fc.constantFrom(0, -1, 2_147_483_648, 1e308, 1.5, Number.MAX_SAFE_INTEGER),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '\u0000', '\ud800', 'web', 'kiosk', 'elderly', 'confirm', 'remove', 'clerk', 'admin'),
  fc.constantFrom('resolved', '24:00', '25:00', 'Asia/Ho_Chi_Minh', 'Mars/Olympus', '2025-02-30', 'A'),
  fc.boolean(),
  fc.constant(null),
  hostile,
);
export const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  fc.array(scalar, { maxLength: 5 }),
  fc.array(fc.record({ from: scalar, to: scalar }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
export const body: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }) },
  fc.jsonValue({ maxDepth: 4 }),
  hostile,
);
/** Path parameters as they go in the URL: already encoded, some of them wrongly. */
export const param = fc.oneof(
  fc.string().map(encodeURIComponent),
  fc.integer().map(String),
  fc.nat({ max: 60 }).map(String),
  fc.constantFrom('0', '-1', '2147483648', '99999999999', '1.5', '1e3', '%201', '0x10', 'null', 'NaN'),
  fc.constantFrom('%00', '1%00', '%ED%A0%80', '%', '%zz', '%E0%A4%A', '..%2F..%2Fetc', '%2e%2e', '__proto__'),
  fc.constantFrom('x'.repeat(101), '1'.repeat(5_000), '%F0%9F%98%80', 'a;b', 'a,b'),
  fc.stringMatching(/^[A-Za-z0-9_-]{10,70}$/),
);
export const queryName = fc.oneof(
  fc.constantFrom(...KEYS),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'a[b]', 'a.b', ''),
  fc.constantFrom('%00', '%ED%A0%80', '%', 'x'.repeat(2_000)),
  fc.string().map(encodeURIComponent),
);
export const queryValue = fc.oneof(
  fc.string().map(encodeURIComponent),
  fc.constantFrom(
    '',
    '1',
    '-1',
    '0',
    '1e308',
    'NaN',
    'null',
    'true',
    '2025-01-01',
    '2025-02-29',
    '0000-01-01',
  ),
  fc.constantFrom('%00', 'a%00', '%ED%A0%80', '%', '%zz', '%E0%A4%A', 'x'.repeat(20_000), '%5B%5D'),
  fc.integer().map(String),
);
/** A query string: unknown names, known ones, repeats. */
export const query = fc
  .array(fc.tuple(queryName, queryValue, fc.nat({ max: 2 })), { maxLength: 5 })
  .map((pairs) =>
    pairs.flatMap(([k, v, times]) => Array.from({ length: times + 1 }, () => `${k}=${v}`)).join('&'),
  );
export const junk = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.constantFrom('', ' ', ';', '=', ',', 'null', 'undefined', '\t', 'x'.repeat(8_000)),
);
/** Headers a route reads: its session, a device token, the client's address, where it came from. */
export const headers = fc.record(
  {
    cookie: fc.oneof(
      junk,
      junk.map((j) => `${SESSION_COOKIE}=${j}`),
      fc.constantFrom(
        `${SESSION_COOKIE}=%E0%A4%A`,
        `${SESSION_COOKIE}=a; ${SESSION_COOKIE}=b`,
        `${SESSION_COOKIE}=${'A'.repeat(43)}`,
        `luot_device=${'x'.repeat(300)}`,
        `luot_device_token=${'A'.repeat(43)}`,
        ';;;;==;;',
      ),
    ),
    authorization: fc.oneof(
      junk,
      junk.map((j) => `Bearer ${j}`),
      fc.constantFrom(
        `Bearer ${'A'.repeat(43)}`,
        'Basic YWRtaW46YWRtaW4=',
        'Bearer',
        `Bearer ${'A'.repeat(9_000)}`,
      ),
    ),
    'x-forwarded-for': fc.oneof(
      junk,
      fc.ipV4(),
      fc.ipV6(),
      fc.constantFrom('unknown', '999.1.1.1', '::ffff:1.2.3.4', '[::1]:80', '1.1.1.1, ,', ', ,'),
      fc.constant(Array.from({ length: 1_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(', ')),
    ),
    'x-forwarded-host': junk,
    'x-forwarded-proto': fc.oneof(junk, fc.constantFrom('https', 'http', 'https, http', 'gopher')),
    origin: fc.oneof(
      junk,
      fc.constantFrom('null', 'http://evil.example', 'http://localhost:80', 'http://[::1'),
    ),
    'accept-language': junk,
    accept: junk,
    'if-none-match': junk,
    'if-modified-since': fc.oneof(
      junk,
      fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'Sat, 01 Jan 10000 00:00:00 GMT'),
    ),
    range: fc.oneof(
      junk,
      fc.constantFrom('bytes=0-0', 'bytes=-0', 'bytes=99999999-', 'bytes=1-0', 'bytes=0-1,2-3,4-5'),
    ),
  },
  { requiredKeys: [] },
);

const id = fc.oneof(
  fc.integer(),
  fc.nat({ max: 20 }),
  fc.jsonValue({ maxDepth: 1 }),
  fc.constant(2_147_483_648),
  hostile,
);
const flag = fc.oneof(fc.constant(true), fc.constantFrom(false, 'true', 1, null, [true]), hostile);
const sinceSeq = fc.oneof(id, fc.nat({ max: 50 }));

/** What a client may put in `subscribe` or `unsubscribe`: near misses of each kind, and anything. */
export const socketPayload = (ticketToken: string) =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    hostile,
    fc.record({ centerId: id, sinceSeq, staff: flag }, { requiredKeys: [] }),
    fc.record({ counterId: id, sinceSeq }, { requiredKeys: [] }),
    fc.record(
      {
        ticketToken: fc.oneof(
          fc.string(),
          fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
          hostile,
          fc.constant(ticketToken),
        ),
        sinceSeq: id,
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 3 }),
  );

/** Event names: the two the server listens to, Socket.IO's reserved ones, prototype names, junk. */
export const socketEvent = fc.oneof(
  { weight: 6, arbitrary: fc.constant('subscribe') },
  { weight: 2, arbitrary: fc.constant('unsubscribe') },
  fc.constantFrom('foo', 'error', 'connection', 'connect', 'disconnect', 'disconnecting', 'newListener'),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'event',
    'Subscribe',
    'subscribe ',
  ),
  fc.constantFrom('', 'x'.repeat(10_000), 'sub\u0000scribe'),
  fc.integer(),
);
/** Socket.IO's reserved names: a packet naming one does not parse, and costs the connection. */
export const RESERVED_EVENT = /^(connect|disconnect|disconnecting|newListener)$/;

/** Packets as text: some that do not parse, a DISCONNECT, 100,000 deep, just under and over 1 MB. */
const rawPacket = fc.oneof(
  fc.constantFrom('2', '2[', '2{}', '2[]', '2[null]', '2"x"', '2[{}]', '7', '3', '31[]', '3abc', '1', '0'),
  fc.constantFrom('2/nope,["subscribe",{}]', '299999999999999999999["subscribe",0]', '5-["x"]', '51-'),
  fc.string().map((s) => `2${s}`),
  fc.constant(`21["subscribe",${deepArray(100_000)}]`),
  fc.constant(`21["subscribe",{"ticketToken":"${'x'.repeat(900_000)}"}]`),
  fc.constant(`21["subscribe","${'x'.repeat(1_100_000)}"]`),
);

/**
 * One message on the wire: an event with a payload, arguments where the ack goes (`extra`) and
 * an ack id or none; a subscribe with binary attachments (its placeholder pointing at one, past
 * them, or 50,000 deep); or a raw packet.
 */
export const socketMessage = (ticketToken: string) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('event' as const),
        event: socketEvent,
        payload: socketPayload(ticketToken),
        extra: fc.oneof(
          fc.constant([]),
          fc.array(fc.oneof(fc.jsonValue({ maxDepth: 1 }), hostile), { minLength: 1, maxLength: 2 }),
        ),
        ack: fc.boolean(),
      }),
    },
    fc.record({
      kind: fc.constant('binary' as const),
      at: fc.constantFrom('centerId', 'ticketToken', 'sinceSeq'),
      num: fc.constantFrom<unknown>(0, 0, 1, -1, 'x'),
      count: fc.constantFrom(1, 1, 2),
      deep: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('raw' as const), text: rawPacket }),
  );
