/**
 * What is refused before any route runs is refused in the same `{ error: { code, message } }`
 * shape as everything else (DESIGN.md §7): a URL whose escapes do not decode, a path parameter
 * past Fastify's maxParamLength, and what Node's HTTP parser refuses (a lying or doubled
 * Content-Length, a chunk size that is no number, a control character in a header, headers
 * past 16 KiB, a request line that is none, HTTP/1.1 without a Host). Fastify (and, for the Host,
 * Node with an empty body) answers those itself by default, as
 * `{ "error": "Bad Request", "message": "Client Error", "statusCode": 400 }`, which a client
 * reading `error.code` cannot read. Found by the fuzz suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { rawHttp } from '../helpers/raw-http.js';
import { expectRefusalShape } from '../helpers/refusals.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('malformed HTTP', () => {
  let database: TestDatabase;
  let app: TestApp;
  let port = 0;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    port = Number(new URL(app.url).port);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers a URL that does not decode, and a parameter past the length limit, as bad_request', async () => {
    for (const [url, status] of [
      ['/api/centers/%zz/services', 400],
      ['/api/centers/1/services/%E0%A4%A', 400],
      [`/api/tickets/${'x'.repeat(101)}`, 414],
    ] as const) {
      const res = await app.app.inject({ method: 'GET', url });
      const error = expectRefusalShape(res.statusCode, res.headers['content-type'] as string, res.body, url);
      expect(res.statusCode, url).toBe(status);
      expect(error.code, url).toBe('bad_request');
      // The URL is not echoed back: it is the client's own text, and may be long.
      expect(error.message, url).not.toContain('%zz');
    }
  });

  it("answers what Node's HTTP parser refuses in the error shape", async () => {
    const post = (head: string, rest = '') =>
      `POST /api/centers/1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${head}\r\n${rest}`;
    const cases: [label: string, request: string, status: number][] = [
      ['a length that is no number', post('Content-Length: abc\r\n', '{}'), 400],
      ['two lengths', post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}'), 400],
      [
        'a length and chunked',
        post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', '2\r\n{}\r\n0\r\n\r\n'),
        400,
      ],
      [
        'a chunk size that is no number',
        post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n'),
        400,
      ],
      ['a control character in a header', post('X-A: a\u0001b\r\nContent-Length: 2\r\n', '{}'), 400],
      ['headers past 16 KiB', post(`Cookie: ${'x'.repeat(20_000)}\r\nContent-Length: 2\r\n`, '{}'), 431],
      ['a request line that is none', 'GARBAGE\r\n\r\n', 400],
      ['HTTP/1.1 without a Host', 'GET /api/centers HTTP/1.1\r\n\r\n', 400],
      [
        'a body shorter than its length, then the end',
        post('Content-Length: 100\r\n', '{"serviceId":1}'),
        400,
      ],
    ];
    for (const [label, request, status] of cases) {
      const { responses, closedByServer } = await rawHttp(port, request, { halfClose: true, responses: 1 });
      const res = responses[0];
      expect(res, label).toBeDefined();
      expect(res!.status, label).toBe(status);
      expect(
        expectRefusalShape(res!.status, res!.headers['content-type'], res!.body, label).code,
        label,
      ).toBe('bad_request');
      // The parser's refusals end the connection (its bytes cannot be trusted to frame a next request).
      if (!label.includes('Host')) expect(res!.headers.connection ?? 'close', label).toBe('close');
      expect(closedByServer || responses.length === 1, label).toBe(true);
    }
  });
});
