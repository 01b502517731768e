/**
 * Security headers and the CSP (issue 6, Security 2): pages and API answers carry a strict
 * policy (scripts from our own origin only, no framing), /docs gets its own scoped policy, and
 * HSTS is sent only when PUBLIC_URL is https. That the pages work under it is shown by the
 * browser tests, which fail on any CSP violation in the console.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSP_HEADER } from '../../server/src/http/security-headers.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

function directives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

eachDatabase('security headers', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let https: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    https = await startTestApp(database, { env: { PUBLIC_URL: 'https://luot.example.gov.vn' } });
  });
  afterAll(async () => {
    await app?.close();
    await https?.close();
    await database?.close();
  });

  it('sends a strict CSP and the usual headers on pages and API answers', async () => {
    const client = new Client(app.url);
    for (const path of ['/api/centers', '/display/?center=1', '/api/auth/me', '/healthz']) {
      const reply = await client.get(path);
      const csp = directives(reply.headers.get(CSP_HEADER));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('img-src'), path).toEqual(["'self'", 'data:']);
      expect(csp.get('connect-src'), path).toEqual(["'self'"]);
      expect(csp.get('media-src'), path).toEqual(["'self'"]);
      expect(csp.get('worker-src'), path).toEqual(["'self'"]);
      expect(csp.has('upgrade-insecure-requests'), path).toBe(false);
      expect(reply.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(reply.headers.get('x-frame-options'), path).toBe('DENY');
      expect(reply.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(reply.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('gives /docs a policy of its own that Swagger UI can run under, still with no framing', async () => {
    const client = new Client(app.url);
    for (const path of ['/docs', '/docs/static/index.html', '/docs/json']) {
      const reply = await client.get(path);
      expect(reply.status, path).toBeLessThan(400);
      const csp = directives(reply.headers.get(CSP_HEADER));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('font-src'), path).toContain('data:');
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
    }
    // The pages' policy is not relaxed by it.
    const page = directives((await client.get('/api/centers')).headers.get(CSP_HEADER));
    expect(page.get('font-src')).toEqual(["'self'"]);
  });

  it('sends HSTS and names the secure socket origin only behind https', async () => {
    const reply = await new Client(https.url).get('/api/centers');
    expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    const csp = directives(reply.headers.get(CSP_HEADER));
    expect(csp.get('connect-src')).toEqual(["'self'", 'wss://luot.example.gov.vn']);
  });
});
