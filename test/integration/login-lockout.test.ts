/**
 * Sign-in limits (issue 6, Security 1; reworked in issue 10, item 14). Repeated failures lock
 * a username *from the address that failed* (admin included), so guessing from elsewhere
 * never locks the real user out; an address failing across usernames is locked; a username
 * guessed from many addresses is slowed down, never locked: each further attempt waits a
 * doubling, capped delay and the right password still signs in; an address the username
 * signed in from is spared the wait; only so many attempts wait at once, the rest are refused
 * at once. Locks are in the database, so they hold on every instance; an unknown username is
 * treated exactly like a real one; a lock ends when its time is up.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { SLOWED_CHANNEL } from '../../server/src/auth/login-lockout.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError, StrictClient } from '../helpers/refusals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const PER_USER = 3;
const PER_IP = 6;
const SLOW_AFTER = 4;
const SLOW_BASE_MS = 40;
const SLOW_MAX_MS = 160;

eachDatabase('sign-in lockout', (kind) => {
  let database: TestDatabase;
  let a: TestApp;
  /** A second instance on the same database. */
  let b: TestApp;
  let f: CenterFixture;
  let nextIp = 1;
  /** Each test signs in from addresses of its own (X-Forwarded-For from the trusted proxy, 127.0.0.1). */
  const freshIp = () => `198.51.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
  /** The delays sign-ins were made to wait, in order. */
  let delays: number[] = [];
  const onSlowed = (message: unknown) => {
    delays.push((message as { delayMs: number }).delayMs);
  };

  const login = (app: TestApp, username: string, password: string, ip: string) =>
    new StrictClient(app.url).request(
      'POST',
      '/api/auth/login',
      { username, password },
      {
        'x-forwarded-for': ip,
      },
    );
  const env = {
    LOGIN_MAX_FAILURES_PER_USER: String(PER_USER),
    LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
    LOGIN_FAILURE_WINDOW_MINUTES: '15',
    LOGIN_LOCK_MINUTES: '15',
    LOGIN_SLOW_AFTER_FAILURES: String(SLOW_AFTER),
    LOGIN_SLOW_BASE_MS: String(SLOW_BASE_MS),
    LOGIN_SLOW_MAX_MS: String(SLOW_MAX_MS),
    // The test's requests come from 127.0.0.1, standing in for the balancer.
    TRUST_PROXY: '127.0.0.1',
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await startTestApp(database, { env });
    b = await startTestApp(database, { env });
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 8 }],
    });
    subscribe(SLOWED_CHANNEL, onSlowed);
  });
  beforeEach(() => {
    delays = [];
  });

  afterAll(async () => {
    unsubscribe(SLOWED_CHANNEL, onSlowed);
    await a?.close();
    await b?.close();
    await database?.close();
  });

  it('locks a username only from the address that failed, admin included, on every instance', async () => {
    const attacker = freshIp();
    for (let i = 0; i < PER_USER; i++) {
      // Alternating instances: the count is kept in the database.
      const reply = await login(i % 2 ? b : a, 'admin', 'wrong-password', attacker);
      expectError(reply, 401, 'invalid_credentials', `failure ${i + 1}`);
    }
    for (const app of [a, b]) {
      // From there even the right password is refused …
      const reply = await login(app, 'admin', TEST_PASSWORD, attacker);
      const error = expectError(reply, 429, 'rate_limited', 'locked');
      expect(error.message).toMatch(/try again in 15 minutes/);
      expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
    // … but the admin at their own desk signs in, on either instance, without waiting.
    expect((await login(a, 'admin', TEST_PASSWORD, freshIp())).status).toBe(200);
    expect((await login(b, 'admin', TEST_PASSWORD, freshIp())).status).toBe(200);
    expect(delays).toEqual([]);
  });

  it('locks an unknown username exactly like a real one: nothing to enumerate', async () => {
    const real = f.usernames.clerk[2]!;
    const unknown = `nobody_${kind}`;
    const answers = [];
    for (const username of [real, unknown]) {
      const ip = freshIp();
      for (let i = 0; i < PER_USER; i++) await login(a, username, 'wrong-password', ip);
      const reply = await login(b, username, 'wrong-password', ip);
      const error = expectError(reply, 429, 'rate_limited', username);
      answers.push({ code: error.code, message: error.message });
      expect(JSON.stringify(reply.body)).not.toContain(username);
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  it('clears the failures of a username and address when it signs in there', async () => {
    const username = f.usernames.clerk[3]!;
    const ip = freshIp();
    for (let i = 0; i < PER_USER - 1; i++) await login(a, username, 'wrong-password', ip);
    expect((await login(a, username, TEST_PASSWORD, ip)).status).toBe(200);
    for (let i = 0; i < PER_USER - 1; i++) {
      expectError(await login(b, username, 'wrong-password', ip), 401, 'invalid_credentials');
    }
    expect((await login(b, username, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it('locks an address after failures across many usernames, and only that address', async () => {
    const ip = freshIp();
    for (let i = 0; i < PER_IP; i++) {
      // A different (unknown) username each time: no username reaches its own limit.
      expectError(await login(i % 2 ? a : b, `guess_${i}`, 'wrong-password', ip), 401, 'invalid_credentials');
    }
    const username = f.usernames.clerk[4]!;
    expectError(await login(a, username, TEST_PASSWORD, ip), 429, 'rate_limited', 'locked address');
    expect((await login(b, username, TEST_PASSWORD, freshIp())).status).toBe(200);
  });

  it('lets a username sign in again from an address once its lock there has run out', async () => {
    const username = f.usernames.clerk[5]!;
    const ip = freshIp();
    for (let i = 0; i < PER_USER; i++) await login(a, username, 'wrong-password', ip);
    expectError(await login(a, username, TEST_PASSWORD, ip), 429, 'rate_limited');
    // Time passes: the lock's end moves into the past, as fifteen minutes would.
    await database.db
      .updateTable('login_locks')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('key', '=', `pair:${username.toLowerCase()}@${ip}`)
      .execute();
    expect((await login(b, username, TEST_PASSWORD, ip)).status).toBe(200);
  });

  it('slows a username guessed from many addresses, doubling to a cap, and never locks it', async () => {
    for (const username of [f.usernames.clerk[0]!, `nobody_slowed_${kind}`]) {
      delays = [];
      // One guess from each address: no address reaches a lock.
      for (let i = 0; i < SLOW_AFTER; i++) {
        expectError(
          await login(i % 2 ? b : a, username, 'wrong-password', freshIp()),
          401,
          'invalid_credentials',
        );
      }
      expect(delays, `${username}: before the threshold`).toEqual([]);
      for (let i = 0; i < 4; i++) {
        const start = performance.now();
        expectError(
          await login(i % 2 ? b : a, username, 'wrong-password', freshIp()),
          401,
          'invalid_credentials',
        );
        expect(performance.now() - start).toBeGreaterThanOrEqual(delays.at(-1)! - 1);
      }
      expect(delays, username).toEqual([SLOW_BASE_MS, 2 * SLOW_BASE_MS, SLOW_MAX_MS, SLOW_MAX_MS]);
    }
    // The real user, from a new address, waits the capped delay and is let in.
    delays = [];
    expect((await login(a, f.usernames.clerk[0]!, TEST_PASSWORD, freshIp())).status).toBe(200);
    expect(delays).toEqual([SLOW_MAX_MS]);
  });

  it('spares the wait to an address the username signed in from before', async () => {
    const username = f.usernames.clerk[1]!;
    const desk = freshIp();
    expect((await login(a, username, TEST_PASSWORD, desk)).status).toBe(200);
    for (let i = 0; i < SLOW_AFTER + 1; i++) await login(b, username, 'wrong-password', freshIp());
    expect(delays).toEqual([SLOW_BASE_MS]);
    delays = [];
    expectError(await login(b, username, 'wrong-password', desk), 401, 'invalid_credentials');
    expect((await login(a, username, TEST_PASSWORD, desk)).status).toBe(200);
    expect(delays, 'from the desk').toEqual([]);
  });

  it('forgets the failures and locks of usernames and addresses never tried again, once their time is up', async () => {
    // A spray: usernames tried from addresses of their own, once or up to a lock, never again.
    const sprayed = [1, 2, 3].map((n) => `sprayed_${kind}_${n}`);
    for (const [n, username] of sprayed.entries()) {
      const ip = freshIp();
      for (let i = 0; i <= n; i++) await login(a, username, 'wrong-password', ip);
    }
    const db = database.db;
    const mine = (key: string) => sprayed.some((u) => key.includes(u));
    const left = async () => ({
      failures: (await db.selectFrom('login_failures').select('key').execute()).filter((r) => mine(r.key))
        .length,
      locks: (await db.selectFrom('login_locks').select('key').execute()).filter((r) => mine(r.key)).length,
    });
    const before = await left();
    expect(before.failures).toBeGreaterThan(0);
    expect(before.locks).toBe(1);
    // Time passes: the window and the lock run out, as fifteen minutes would.
    const sprayedKeys = `%sprayed_${kind}_%`;
    await sql`UPDATE login_failures SET at = now() - interval '1 day' WHERE key LIKE ${sprayedKeys}`.execute(
      db,
    );
    await sql`UPDATE login_locks SET locked_until = now() - interval '1 minute' WHERE key LIKE ${sprayedKeys}`.execute(
      db,
    );
    // Someone else fails, anywhere: what no longer counts goes, whoever it belonged to.
    expectError(
      await login(b, `sprayed_${kind}_next`, 'wrong-password', freshIp()),
      401,
      'invalid_credentials',
    );
    expect(await left()).toEqual({ failures: 0, locks: 0 });
  });

  it('refuses at once, without a timer, when too many sign-ins already wait', async () => {
    // An instance whose waits are long enough for attempts to overlap, with small caps.
    const c = await startTestApp(database, {
      env: {
        ...env,
        LOGIN_SLOW_BASE_MS: '1500',
        LOGIN_SLOW_MAX_MS: '1500',
        LOGIN_SLOW_MAX_PENDING: '3',
        LOGIN_SLOW_MAX_PENDING_PER_USER: '2',
      },
    });
    try {
      const [one, two] = [f.usernames.clerk[6]!, f.usernames.clerk[7]!];
      for (const username of [one, two]) {
        for (let i = 0; i < SLOW_AFTER; i++) await login(c, username, 'wrong-password', freshIp());
      }
      /** Sends the attempts at once; their replies in the order they came. */
      const race = async (usernames: string[]) => {
        const order: { username: string; status: number; retryAfter: string | null; message: string }[] = [];
        await Promise.all(
          usernames.map(async (username) => {
            const reply = await login(c, username, 'wrong-password', freshIp());
            const message = (reply.body as { error?: { message: string } }).error?.message ?? '';
            order.push({
              username,
              status: reply.status,
              retryAfter: reply.headers.get('retry-after'),
              message,
            });
          }),
        );
        return order;
      };
      // Three for one username: two wait, the third is refused before either has answered.
      const perUser = await race([one, one, one]);
      expect(perUser.map((r) => r.status)).toEqual([429, 401, 401]);
      expect(perUser[0]).toMatchObject({ retryAfter: '2', message: expect.stringMatching(/at once/) });
      // Two each for two usernames: three may wait on the instance, the fourth is refused.
      const total = await race([one, one, two, two]);
      expect(total.map((r) => r.status)).toEqual([429, 401, 401, 401]);
    } finally {
      await c.close();
    }
  });
});
