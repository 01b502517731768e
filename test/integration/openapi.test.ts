/**
 * Issue 11 item 18: /docs listed its operations with no summary and no response schemas. Every
 * operation now has a summary, a success response with its schema, and, where it can fail, its
 * error responses with the shared error body; this guard keeps a new route from going undocumented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface Operation {
  summary?: string;
  tags?: string[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

/** Operations that take no input and no session, so never answer a 4xx of their own. */
const NEVER_REFUSED = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/centers',
  'GET /api/public-config',
  'GET /api/push/config',
]);

let database: TestDatabase;
let app: TestApp;
let operations: { name: string; op: Operation }[] = [];

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  app = await startTestApp(database);
  const res = await app.app.inject({ url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  const spec = res.json() as Spec;
  operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the OpenAPI document at /docs/json', () => {
  it('lists the operations', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it('gives every operation a summary and a tag', () => {
    const missing = operations.filter(({ op }) => !op.summary?.trim() || !op.tags?.length).map((o) => o.name);
    expect(missing).toEqual([]);
  });

  it('gives every operation a 2xx response, with a schema unless it is a 204', () => {
    const missing = operations
      .filter(({ op }) => {
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
        const described = success.filter(
          ([status, r]) => status === '204' || r.content?.['application/json']?.schema !== undefined,
        );
        return described.length === 0;
      })
      .map((o) => o.name);
    expect(missing).toEqual([]);
  });

  it('gives every operation that can be refused its 4xx responses, each the shared error body', () => {
    const missing: string[] = [];
    const wrongBody: string[] = [];
    for (const { name, op } of operations) {
      const refusals = Object.entries(op.responses ?? {}).filter(([status]) => /^4\d\d$/.test(status));
      if (refusals.length === 0 && !NEVER_REFUSED.has(name)) missing.push(name);
      for (const [status, r] of refusals) {
        const schema = r.content?.['application/json']?.schema as
          | { properties?: { error?: { properties?: Record<string, unknown> } } }
          | undefined;
        const fields = Object.keys(schema?.properties?.error?.properties ?? {});
        if (!fields.includes('code') || !fields.includes('message')) wrongBody.push(`${name} ${status}`);
        if (!r.description?.trim()) wrongBody.push(`${name} ${status} (no description)`);
      }
    }
    expect(missing).toEqual([]);
    expect(wrongBody).toEqual([]);
  });

  it('answers an error in the shared shape through the error schema (nothing dropped)', async () => {
    const res = await app.app.inject({ url: '/api/centers/999999/services' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: expect.any(String), details: { center: 999999 } },
    });
    const bad = await app.app.inject({ url: '/api/centers/abc/services' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation_failed', details: { in: 'params' } });
  });

  it('keeps every field of the public reads its schemas name only in part', async () => {
    const centers = (await app.app.inject({ url: '/api/centers' })).json() as Record<string, unknown>[];
    expect(centers[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        name: expect.any(String),
        timezone: expect.any(String),
      }),
    );
    const id = centers[0]!.id;
    const services = (await app.app.inject({ url: `/api/centers/${id}/services` })).json() as Record<
      string,
      unknown
    >[];
    expect(Object.keys(services[0]!)).toEqual(
      expect.arrayContaining([
        'id',
        'code',
        'name',
        'nameEn',
        'slaMinutes',
        'active',
        'issuingHours',
        'dailyQuota',
      ]),
    );
    const snapshot = (await app.app.inject({ url: `/api/centers/${id}/snapshot` })).json();
    expect(Object.keys(snapshot)).toEqual(
      expect.arrayContaining(['seq', 'centerId', 'services', 'counters', 'recentCalls']),
    );
  });
});
