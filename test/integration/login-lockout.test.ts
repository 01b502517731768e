/**
 * Sign-in lockout (issue 6, Security 1): repeated failures lock a username and an address for
 * a while, whatever the password; the lock is in the database, so it holds on every instance;
 * a locked unknown user looks exactly like a locked real one; a success clears the username's
 * failures; and a lock ends when its time is up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError, StrictClient } from '../helpers/refusals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const PER_USER = 3;
const PER_IP = 5;

eachDatabase('sign-in lockout', (kind) => {
  let database: TestDatabase;
  let a: TestApp;
  /** A second instance on the same database. */
  let b: TestApp;
  let f: CenterFixture;
  let nextIp = 1;
  /** Each test signs in from addresses of its own (X-Forwarded-For from the trusted proxy, 127.0.0.1). */
  const freshIp = () => `198.51.100.${nextIp++}`;

  const login = (app: TestApp, username: string, password: string, ip: string) =>
    new StrictClient(app.url).request(
      'POST',
      '/api/auth/login',
      { username, password },
      {
        'x-forwarded-for': ip,
      },
    );

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const env = {
      LOGIN_MAX_FAILURES_PER_USER: String(PER_USER),
      LOGIN_MAX_FAILURES_PER_IP: String(PER_IP),
      LOGIN_FAILURE_WINDOW_MINUTES: '15',
      LOGIN_LOCK_MINUTES: '15',
      // The test's requests come from 127.0.0.1, standing in for the balancer.
      TRUST_PROXY: '127.0.0.1',
    };
    a = await startTestApp(database, { env });
    b = await startTestApp(database, { env });
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 6 }],
    });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
  });

  it('locks a username after repeated failures, on every instance and from every address, even with the right password', async () => {
    const username = f.usernames.clerk[0]!;
    for (let i = 0; i < PER_USER; i++) {
      // Alternating instances and addresses: the count is per username, kept in the database.
      const reply = await login(i % 2 ? b : a, username, 'wrong-password', freshIp());
      expectError(reply, 401, 'invalid_credentials', `failure ${i + 1}`);
    }
    for (const app of [a, b]) {
      const reply = await login(app, username, TEST_PASSWORD, freshIp());
      const error = expectError(reply, 429, 'rate_limited', 'locked');
      expect(error.message).toMatch(/try again in 15 minutes/);
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
    // Other users are not affected.
    expect((await login(a, f.usernames.clerk[1]!, TEST_PASSWORD, freshIp())).status).toBe(200);
  });

  it('locks an unknown username exactly like a real one: nothing to enumerate', async () => {
    const real = f.usernames.clerk[2]!;
    const unknown = `nobody_${kind}`;
    for (const username of [real, unknown]) {
      for (let i = 0; i < PER_USER; i++) await login(a, username, 'wrong-password', freshIp());
    }
    const answers = [];
    for (const username of [real, unknown]) {
      const reply = await login(b, username, 'wrong-password', freshIp());
      const error = expectError(reply, 429, 'rate_limited', username);
      answers.push({ code: error.code, message: error.message });
      expect(JSON.stringify(reply.body)).not.toContain(username);
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  it('clears a username’s failures when it signs in', async () => {
    const username = f.usernames.clerk[3]!;
    const ip = freshIp();
    const other = freshIp();
    for (let i = 0; i < PER_USER - 1; i++) await login(a, username, 'wrong-password', ip);
    expect((await login(a, username, TEST_PASSWORD, other)).status).toBe(200);
    for (let i = 0; i < PER_USER - 1; i++) {
      expectError(await login(b, username, 'wrong-password', other), 401, 'invalid_credentials');
    }
    expect((await login(b, username, TEST_PASSWORD, freshIp())).status).toBe(200);
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

  it('lets a username sign in again once its lock has run out', async () => {
    const username = f.usernames.clerk[5]!;
    for (let i = 0; i < PER_USER; i++) await login(a, username, 'wrong-password', freshIp());
    expectError(await login(a, username, TEST_PASSWORD, freshIp()), 429, 'rate_limited');
    // Time passes: the lock's end moves into the past, as fifteen minutes would.
    await database.db
      .updateTable('login_locks')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('key', '=', `user:${username.toLowerCase()}`)
      .execute();
    expect((await login(b, username, TEST_PASSWORD, freshIp())).status).toBe(200);
  });
});
