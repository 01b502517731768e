/**
 * TRUST_PROXY (issue 10, High 1; DESIGN.md §14): X-Forwarded-For is believed only from the
 * balancers it names. Without it, a client that writes a new header on every request is still
 * one address to every per-address limit: issuance, sign-in, socket subscribe, pairing and
 * counter ratings. Behind a trusted balancer, each forwarded client counts on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

/** The same small limit for everything, so each is reached in a few requests. */
const LIMITS = {
  ISSUE_RATE_PER_MINUTE: '3',
  LOGIN_MAX_FAILURES_PER_IP: '3',
  LOGIN_MAX_FAILURES_PER_USER: '1000',
  SUBSCRIBE_RATE_PER_MINUTE: '3',
  WEB_TICKETS_PER_DEVICE: '1000',
  WEB_TICKETS_PER_SERVICE_DAY: '1000',
};

let forged = 0;
/** A new made-up client address for every request, as an attacker would send. */
const anotherAddress = () => `203.0.113.${(forged++ % 250) + 1}`;

describe('per-address limits and X-Forwarded-For', () => {
  let database: TestDatabase;
  let untrusting: TestApp;
  let balanced: TestApp;
  let f: CenterFixture;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await pgliteDatabase();
    f = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    untrusting = await startTestApp(database, { env: LIMITS });
    // The test's requests come from 127.0.0.1: here that address is the balancer.
    balanced = await startTestApp(database, { env: { ...LIMITS, TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await untrusting?.close();
    await balanced?.close();
    await database?.close();
  });

  const issue = (app: TestApp, from: string) =>
    new Client(app.url).request(
      'POST',
      `/api/centers/${f.centerId}/tickets`,
      { serviceId: f.serviceIds.A },
      { 'x-forwarded-for': from },
    );
  const signIn = (app: TestApp, from: string) =>
    new Client(app.url).request(
      'POST',
      '/api/auth/login',
      { username: `nobody-${forged}`, password: 'not the password at all' },
      { 'x-forwarded-for': from },
    );
  const pair = (app: TestApp, from: string) =>
    new Client(app.url).request(
      'POST',
      '/api/devices/pair',
      { code: '0000 0000' },
      { 'x-forwarded-for': from },
    );
  const rate = (app: TestApp, from: string) =>
    new Client(app.url).request(
      'POST',
      `/api/counters/${f.counterIds[0]}/rating`,
      { ticketId: 1, rating: 4 },
      { 'x-forwarded-for': from },
    );
  async function subscribeFrom(app: TestApp, from: string) {
    const socket = connectSocket(app.url, { extraHeaders: { 'x-forwarded-for': from } });
    sockets.push(socket);
    return subscribe(socket, { centerId: f.centerId });
  }

  /** The statuses of `n` requests sent one after another. */
  async function statuses(n: number, send: () => Promise<{ status: number }>) {
    const seen: number[] = [];
    for (let i = 0; i < n; i++) seen.push((await send()).status);
    return seen;
  }

  it('issuance: a forged header on every request does not escape the per-address limit', async () => {
    const seen = await statuses(4, () => issue(untrusting, anotherAddress()));
    expect(seen).toEqual([201, 201, 201, 429]);
  });

  it('sign-in: failures from forged addresses lock the one real address', async () => {
    const seen = await statuses(4, () => signIn(untrusting, anotherAddress()));
    expect(seen).toEqual([401, 401, 401, 429]);
  });

  it('subscribe: sockets that each claim another address share the real one’s limit', async () => {
    const acks = [];
    for (let i = 0; i < 4; i++) acks.push(await subscribeFrom(untrusting, anotherAddress()));
    expect(acks.slice(0, 3).every((ack) => 'snapshot' in ack)).toBe(true);
    expect(acks[3]).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('pairing and ratings: the forged header changes nothing', async () => {
    const pairing = await statuses(11, () => pair(untrusting, anotherAddress()));
    expect(pairing.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(pairing[10]).toBe(429);
    const ratings = await statuses(61, () => rate(untrusting, anotherAddress()));
    expect(ratings.slice(0, 60).every((s) => s !== 429)).toBe(true);
    expect(ratings[60]).toBe(429);
  });

  it('behind a trusted balancer each forwarded client has a limit of its own', async () => {
    const alice = '198.51.100.1';
    const bob = '198.51.100.2';
    expect(await statuses(4, () => issue(balanced, alice))).toEqual([201, 201, 201, 429]);
    expect((await issue(balanced, bob)).status).toBe(201);
    expect(await statuses(4, () => signIn(balanced, alice))).toEqual([401, 401, 401, 429]);
    expect((await signIn(balanced, bob)).status).toBe(401);
    const acks = [];
    for (let i = 0; i < 4; i++) acks.push(await subscribeFrom(balanced, alice));
    expect(acks[3]).toMatchObject({ error: { code: 'rate_limited' } });
    expect(await subscribeFrom(balanced, bob)).toHaveProperty('snapshot');
  });
});
