/**
 * Cookies behind TLS (issue 6): the staff session, the citizen's device cookie and a paired
 * device's token are HttpOnly, SameSite and Secure when PUBLIC_URL is https or the request
 * came over TLS (the proxy's X-Forwarded-Proto); on plain http they are not Secure, or the
 * browser would never send them back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

type Cookie = { name: string; attributes: string[] };

function cookiesOf(header: string | string[] | undefined): Cookie[] {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.map((line) => {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    return { name: pair!.split('=')[0]!, attributes: attributes.map((a) => a.toLowerCase()) };
  });
}

describe('cookies behind TLS', () => {
  let database: TestDatabase;
  let behindTls: TestApp;
  let plain: TestApp;
  /** Behind a balancer at 127.0.0.1 (where inject() comes from), named by TRUST_PROXY. */
  let balanced: TestApp;

  beforeAll(async () => {
    database = await pgliteDatabase();
    behindTls = await startTestApp(database, { env: { PUBLIC_URL: 'https://luot.example.vn' } });
    plain = await startTestApp(database);
    balanced = await startTestApp(database, { env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await behindTls?.close();
    await plain?.close();
    await balanced?.close();
    await database?.close();
  });

  /** The cookies set by signing in, taking a web ticket and pairing a device. */
  async function cookiesSetBy(app: TestApp, headers: Record<string, string>) {
    const login = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'manager', password: TEST_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const session = cookiesOf(login.headers['set-cookie']);
    const ticket = await app.app.inject({
      method: 'POST',
      url: '/api/centers/1/tickets',
      headers,
      payload: { serviceId: 1 },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const code = await app.app.inject({
      method: 'POST',
      url: '/api/centers/1/pairing-codes',
      headers: { ...headers, cookie: String(login.headers['set-cookie']).split(';')[0]! },
      payload: { kind: 'board', name: 'Bảng sảnh' },
    });
    expect(code.statusCode, code.body).toBe(201);
    const paired = await app.app.inject({
      method: 'POST',
      url: '/api/devices/pair',
      headers,
      payload: { code: code.json().code },
    });
    expect(paired.statusCode, paired.body).toBe(201);
    return [
      ...session,
      ...cookiesOf(ticket.headers['set-cookie']),
      ...cookiesOf(paired.headers['set-cookie']),
    ];
  }

  const expectAll = (cookies: Cookie[], secure: boolean) => {
    expect(cookies.map((c) => c.name).sort()).toEqual(['luot_device', 'luot_device_token', 'luot_session']);
    for (const cookie of cookies) {
      expect(cookie.attributes, cookie.name).toContain('httponly');
      expect(
        cookie.attributes.some((a) => a.startsWith('samesite=')),
        cookie.name,
      ).toBe(true);
      expect(cookie.attributes.includes('secure'), cookie.name).toBe(secure);
    }
  };

  it('marks every cookie Secure when PUBLIC_URL is https', async () => {
    expectAll(await cookiesSetBy(behindTls, { origin: 'https://luot.example.vn' }), true);
  });

  it('marks them Secure when the trusted proxy says the request came over TLS', async () => {
    expectAll(await cookiesSetBy(balanced, { 'x-forwarded-proto': 'https' }), true);
  });

  it('does not believe X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
    expectAll(await cookiesSetBy(plain, { 'x-forwarded-proto': 'https' }), false);
  });

  it('leaves them usable on plain http', async () => {
    expectAll(await cookiesSetBy(plain, {}), false);
  });
});
