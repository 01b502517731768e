/**
 * Fuzzing the sockets (issue 10, "beyond the list"; HTTP is in fuzz.test.ts): a handshake with
 * junk cookies and an `auth` that is no object or holds the wrong types, then every client
 * event the server listens to (`subscribe`, `unsubscribe`: server/src/realtime/subscribe.ts)
 * and others, with generated, deep, huge, NUL and wrong-typed payloads, an ack id or none,
 * arguments where the ack function should be, binary attachments, the staff room, and packets
 * that do not parse, sent as written (raw-socket.ts) by anonymous, admin and clerk sockets.
 * Every ack is a well-formed snapshot, events or error; only what does not parse may cost a
 * connection; the staff room answers staff only; nothing a socket sends writes anything; and
 * afterwards a board connects and is served as ever. FUZZ_SEED replays another seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/src/auth/staff-session.js';
import { connectSocket, subscribe } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import {
  EVERYONE,
  RESERVED_EVENT,
  SEED,
  seededStaffSessions,
  socketMessage,
  type Who,
} from '../helpers/fuzz-arbitraries.js';
import { deepArray, toJson } from '../helpers/fuzz-inputs.js';
import { type AckReply, RawSocket } from '../helpers/raw-socket.js';
import { fingerprint } from '../helpers/refusals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const RUNS = 1_500;
/** A fresh connection this often, as boards come and go. */
const MESSAGES_PER_CONNECTION = 150;

const COOKIE_JUNK = [
  `${SESSION_COOKIE}=${'x'.repeat(200)}`,
  `${SESSION_COOKIE}=%E0%A4%A`,
  `${SESSION_COOKIE}=a; ${SESSION_COOKIE}=b`,
  'x'.repeat(9_000),
  ';;;;==',
  `luot_device_token=${'A'.repeat(43)}`,
];
/** The handshake's `auth`, as the JSON text after `0`: wrong types, prototype keys, deep, huge, not JSON. */
const AUTH_JUNK = [
  '',
  `{"deviceToken":"${'A'.repeat(43)}"}`,
  '{"deviceToken":123}',
  '{"deviceToken":{"$ne":null}}',
  '{"deviceToken":["a"]}',
  '{"deviceToken":"\\u0000"}',
  '{"deviceToken":"\\ud800"}',
  '{"__proto__":{"deviceToken":"x"}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `{"deviceToken":${deepArray(5_000)}}`,
  `{"deviceToken":"${'x'.repeat(500_000)}"}`,
  '[1,2]',
  '"text"',
  'null',
  '1',
  '{',
];

describe('fuzzing sockets [pglite]', () => {
  let database: TestDatabase;
  let app: TestApp;
  let ticketToken = '';
  const cookies: Record<Who, string> = { anonymous: '', admin: '', clerk: '' };
  const sockets: RawSocket[] = [];
  const stats = { packets: 0, snapshot: 0, events: 0, error: 0, closed: 0 };
  const identity = (who: Who): Record<string, string> => (cookies[who] ? { cookie: cookies[who] } : {});
  const open = async (headers: Record<string, string> = {}) => {
    const socket = await RawSocket.open(app.url, headers);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
    database = await pgliteDatabase();
    app = await startTestApp(database);
    for (const [who, { cookie }] of Object.entries(await seededStaffSessions(database.db))) {
      cookies[who as 'admin' | 'clerk'] = cookie;
    }
    const issued = await app.app.inject({
      method: 'POST',
      url: '/api/centers/1/tickets',
      payload: { serviceId: 1 },
    });
    expect(issued.statusCode).toBe(201);
    ticketToken = (issued.json() as { token: string }).token;
  });
  afterAll(async () => {
    console.log(`fuzz sockets: ${JSON.stringify(stats)}`);
    for (const s of sockets) s.close();
    await app?.close();
    await database?.close();
  });

  /** An ack must be one of snapshot, events or error, each well formed; null if the connection was cut. */
  function checkAck(reply: AckReply, label: string): Record<string, unknown> | null {
    if ('closed' in reply) {
      stats.closed++;
      return null;
    }
    expect(reply.ack, label).toHaveLength(1);
    const ack = reply.ack[0] as Record<string, unknown>;
    expect(Object.keys(ack), label).toHaveLength(1);
    if ('error' in ack) {
      const error = ack.error as { code: unknown; message: unknown };
      expect(typeof error.code, label).toBe('string');
      expect(error.code, label).not.toBe('database_unavailable');
      expect(typeof error.message, label).toBe('string');
      stats.error++;
    } else if ('events' in ack) {
      expect(Array.isArray(ack.events), label).toBe(true);
      for (const e of ack.events as { seq: unknown; type: unknown }[]) {
        expect(Number.isInteger(e.seq), label).toBe(true);
        expect(typeof e.type, label).toBe('string');
      }
      stats.events++;
    } else {
      expect(ack.snapshot, label).toEqual(expect.any(Object));
      expect(Object.keys(ack.snapshot as object).length, label).toBeGreaterThan(0);
      stats.snapshot++;
    }
    return ack;
  }

  /** A subscribe the server refuses at once: the connection is alive and took what came before. */
  async function probe(socket: RawSocket, label: string): Promise<boolean> {
    const reply = await socket.request('["subscribe",0]');
    stats.packets++;
    if ('closed' in reply) return false;
    expect((reply.ack[0] as { error: { code: string } }).error.code, label).toBe('validation_failed');
    return true;
  }

  it('answers a junk handshake (cookies, auth that is no object or a wrong type), and the staff room only staff', async () => {
    const handshakes = [
      ...EVERYONE.map((who) => ({ who: who as string, headers: identity(who), auth: '' })),
      ...COOKIE_JUNK.map((cookie) => ({ who: 'junk cookie', headers: { cookie }, auth: '' })),
      ...AUTH_JUNK.map((auth) => ({ who: 'anonymous', headers: {}, auth })),
      ...['/nope,', '/\u0000,', `/${'x'.repeat(5_000)},`].map((ns) => ({
        who: 'anonymous',
        headers: {},
        auth: ns,
      })),
    ];
    for (const h of handshakes) {
      const socket = await open(h.headers);
      const answer = await socket.connect(h.auth);
      stats.packets++;
      const label = `${h.who} ${JSON.stringify(h.headers).slice(0, 100)} ${h.auth.slice(0, 100)} → ${answer.slice(0, 200)}`;
      // Connected, refused (4{...}, 4/nope,{...}), or cut for a packet that does not parse: never a crash.
      expect(/^(0\{"sid"|4(\/[^,]*,)?\{|closed)/.test(answer), label).toBe(true);
      if (!answer.startsWith('0')) continue;
      const staff = h.who === 'admin' || h.who === 'clerk';
      for (const request of [
        { centerId: 1 },
        { centerId: 1, sinceSeq: 0 },
        { counterId: 2 },
        { ticketToken },
        { centerId: 1, staff: true },
        { centerId: 1, staff: true, sinceSeq: 0 },
      ]) {
        stats.packets++;
        const ack = checkAck(
          await socket.request(toJson(['subscribe', request])),
          `${label} ${JSON.stringify(request)}`,
        );
        expect(ack, label).not.toBeNull();
        if ('staff' in request && staff) expect(ack, label).not.toHaveProperty('error');
        if ('staff' in request && !staff)
          expect(ack, `${label}: the staff room is for staff`).toHaveProperty(
            'error.code',
            'unauthenticated',
          );
      }
      socket.close();
    }
  });

  it('answers every client event with generated payloads, acks or none, attachments and junk packets, and stays up', async () => {
    const dbBefore = await fingerprint(database.db);
    let socket: RawSocket | null = null;
    let sent = 0;
    const cutBy: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(socketMessage(ticketToken), fc.constantFrom(...EVERYONE), async (m, who) => {
        if (!socket || socket.closed || sent++ % MESSAGES_PER_CONNECTION === 0) {
          socket?.close();
          socket = await open(identity(who));
          expect(await socket.connect()).toMatch(/^0\{"sid"/);
        }
        const s = socket;
        let label = JSON.stringify(m).slice(0, 300);
        let expectAck = false;
        let reply: AckReply | null = null;
        stats.packets++;
        if (m.kind === 'event') {
          const args = toJson([m.event, m.payload, ...m.extra]);
          label = args.slice(0, 300);
          // Only a subscribe with an ack id and nothing between its payload and the ack is answered;
          // an ack id elsewhere gets nothing, and the probe below shows the connection is alive.
          expectAck = m.ack && m.event === 'subscribe' && m.extra.length === 0;
          if (expectAck) reply = await s.request(args);
          else s.send(m.ack ? `2999999${args}` : `2${args}`);
        } else if (m.kind === 'binary') {
          const placeholder = JSON.stringify({ _placeholder: true, num: m.num });
          const buffers = Array.from({ length: m.count }, (_, i) => Buffer.from([0, 1, 2, i, 0xff]));
          // A placeholder that points nowhere, or one 50,000 deep, may cost the connection.
          expectAck = typeof m.num === 'number' && m.num >= 0 && m.num < m.count && !m.deep;
          const at = m.deep ? `${'['.repeat(50_000)}${placeholder}${']'.repeat(50_000)}` : placeholder;
          reply = await s.request(`["subscribe",{"${m.at}":${at}}]`, buffers);
        } else {
          s.send(m.text);
          // A client's DISCONNECT leaves it outside the namespace: the next message opens anew.
          if (m.text === '1') {
            s.close();
            socket = null;
            return;
          }
        }
        if (reply) {
          const ack = checkAck(reply, label);
          if (ack === null && expectAck)
            throw new Error(`${label}: the connection was cut instead of an ack`);
          if (ack && m.kind === 'binary')
            expect(ack, label).toHaveProperty('error.code', 'validation_failed');
        }
        if (s.closed || !(await probe(s, label))) {
          cutBy[m.kind] = (cutBy[m.kind] ?? 0) + 1;
          // Cut only for what does not parse: a reserved name, a raw packet, an attachment gone wrong.
          if (m.kind === 'event')
            expect(RESERVED_EVENT.test(String(m.event)), `${label} cut the connection`).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    console.log(`connections cut by the server, by kind of message: ${JSON.stringify(cutBy)}`);
    expect(stats.error).toBeGreaterThan(0);
    expect(stats.snapshot).toBeGreaterThan(0);
    // Nothing a socket sends writes anything.
    expect(await fingerprint(database.db)).toEqual(dbBefore);
    // A board connecting now is served as ever, and HTTP answers.
    const board = connectSocket(app.url);
    try {
      expect(await subscribe(board, { centerId: 1 })).toHaveProperty('snapshot');
    } finally {
      board.disconnect();
    }
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
