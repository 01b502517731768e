/**
 * Issue 11 item 10: without PUBLIC_URL, QR codes pointed at 127.0.0.1 when a kiosk was opened
 * on the server itself, which no phone can reach. The public config now names the request's
 * host, a loopback host swapped for the LAN address, and says it was not configured; and
 * browsers' /favicon.ico is no longer a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddress } from '../../server/src/http/lan-address.js';
import { originForPhones } from '../../server/src/http/public-config.routes.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  app = await startTestApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the public URL without PUBLIC_URL', () => {
  it('swaps a loopback host for the LAN address and keeps the port', () => {
    expect(originForPhones('http', '127.0.0.1:3000', '192.168.1.20')).toBe('http://192.168.1.20:3000');
    expect(originForPhones('http', 'localhost:3000', '192.168.1.20')).toBe('http://192.168.1.20:3000');
    expect(originForPhones('http', '[::1]:3000', '10.0.0.5')).toBe('http://10.0.0.5:3000');
  });

  it('keeps a host a phone can reach, and a loopback host when the machine has no LAN address', () => {
    expect(originForPhones('https', 'hcc.uongbi.gov.vn', '192.168.1.20')).toBe('https://hcc.uongbi.gov.vn');
    expect(originForPhones('http', '192.168.1.7:3000', '192.168.1.20')).toBe('http://192.168.1.7:3000');
    expect(originForPhones('http', '127.0.0.1:3000', null)).toBe('http://127.0.0.1:3000');
  });

  it('never throws on a Host no URL can hold (the fuzz suite sent X-Forwarded-Host: ",", which leaves none)', () => {
    expect(originForPhones('http', '', '192.168.1.20')).toBe('http://192.168.1.20');
    expect(originForPhones('http', 'a b', null)).toBe('http://localhost');
  });

  it('answers with the host the request was sent to, never a fixed 127.0.0.1, and says it is not configured', async () => {
    // fetch will not send another Host; inject does, through the same route.
    const res = await app.app.inject({
      url: '/api/public-config',
      headers: { host: 'kiosk-lan.example:3000' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ publicUrl: 'http://kiosk-lan.example:3000', configured: false });
    const loop = (await (await fetch(`${app.url}/api/public-config`)).json()) as { publicUrl: string };
    const lan = lanAddress();
    if (lan) expect(new URL(loop.publicUrl).hostname).toBe(lan);
    expect(new URL(loop.publicUrl).port).toBe(new URL(app.url).port);
  });
});

it('answers PUBLIC_URL as it is set, and says so', async () => {
  const set = await startTestApp(database, { env: { PUBLIC_URL: 'https://hcc.example.vn/' } });
  try {
    const res = await set.app.inject({ url: '/api/public-config' });
    expect(res.json()).toEqual({ publicUrl: 'https://hcc.example.vn', configured: true });
  } finally {
    await set.close();
  }
});

it('serves /favicon.ico as an image', async () => {
  const res = await fetch(`${app.url}/favicon.ico`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
});
