/**
 * HTTP only a socket can send, for the fuzz suite: bodies shorter or longer than their
 * Content-Length, two lengths, chunk sizes that are no number, control characters in headers,
 * headers past 16 KiB, request lines that are none. `responses`: how many answers to wait for;
 * `halfClose`: the client stops writing after the request (a body that never comes).
 */
import { BODY_LIMIT } from './fuzz-inputs.js';

export interface WireCase {
  label: string;
  text: string | Buffer;
  halfClose?: boolean;
  responses?: number;
}

const post = (head: string, rest = '') =>
  `POST /api/centers/1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${head}\r\n${rest}`;
const big = `{"name":"${'x'.repeat(BODY_LIMIT)}"}`;
const chunked = (body: string) =>
  `${body
    .match(/.{1,8000}/gs)!
    .map((c) => `${c.length.toString(16)}\r\n${c}\r\n`)
    .join('')}0\r\n\r\n`;

export const WIRE_CASES: WireCase[] = [
  {
    label: 'a body shorter than its length, then silence',
    text: post('Content-Length: 100\r\n', '{"serviceId":1}'),
    halfClose: true,
  },
  {
    label: 'a body longer than its length',
    text: post('Content-Length: 2\r\n', '{"serviceId":1}'),
    responses: 2,
  },
  { label: 'a length that is no number', text: post('Content-Length: abc\r\n', '{}'), responses: 1 },
  { label: 'a negative length', text: post('Content-Length: -1\r\n', '{}'), responses: 1 },
  { label: 'two lengths', text: post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}'), responses: 1 },
  {
    label: 'a length and chunked',
    text: post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', '2\r\n{}\r\n0\r\n\r\n'),
    responses: 1,
  },
  {
    label: 'a chunk size that is no number',
    text: post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n'),
    responses: 1,
  },
  {
    label: 'chunks past the body limit',
    text: post('Transfer-Encoding: chunked\r\n', chunked(big)),
    responses: 1,
  },
  {
    label: 'a chunked body that stops',
    text: post('Transfer-Encoding: chunked\r\n', '10\r\n{"a"'),
    halfClose: true,
  },
  {
    label: 'a length past the limit',
    text: post(`Content-Length: ${big.length}\r\n`, big),
    responses: 1,
  },
  {
    label: 'a control character in a header',
    text: post('X-A: a\u0001b\r\nContent-Length: 2\r\n', '{}'),
    responses: 1,
  },
  {
    label: 'NUL in the cookie',
    text: post('Cookie: luot_session=a\u0000b\r\nContent-Length: 2\r\n', '{}'),
    responses: 1,
  },
  {
    label: 'headers past the limit',
    text: post(`Cookie: ${'x'.repeat(20_000)}\r\nContent-Length: 2\r\n`, '{}'),
    responses: 1,
  },
  { label: 'a request line that is none', text: 'GARBAGE\r\n\r\n', responses: 1 },
  { label: 'an unknown method', text: 'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n', responses: 1 },
  { label: 'no Host', text: 'GET /healthz HTTP/1.1\r\n\r\n', responses: 1 },
  { label: 'a junk Host', text: 'GET /api/centers HTTP/1.1\r\nHost: [::1\r\n\r\n', responses: 1 },
  {
    label: 'an absolute URL',
    text: 'GET http://evil.example/api/centers HTTP/1.1\r\nHost: x\r\n\r\n',
    responses: 1,
  },
  { label: 'NUL in the path', text: 'GET /api/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n', responses: 1 },
  {
    label: 'a bad escape in the path',
    text: 'GET /api/centers/%zz HTTP/1.1\r\nHost: x\r\n\r\n',
    responses: 1,
  },
  { label: 'HTTP/1.0 without Host', text: 'GET /api/centers HTTP/1.0\r\n\r\n', responses: 1 },
  { label: 'HTTP/9', text: 'GET /api/centers HTTP/9.9\r\nHost: x\r\n\r\n', responses: 1 },
  {
    label: 'expect 100-continue',
    text: post('Expect: 100-continue\r\nContent-Length: 2\r\n', '{}'),
    responses: 2,
  },
  {
    label: 'an upgrade to nowhere',
    text: 'GET /api/centers HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
    responses: 1,
  },
  {
    label: 'a socket.io handshake with junk',
    text: 'GET /socket.io/?EIO=9&transport=junk HTTP/1.1\r\nHost: x\r\n\r\n',
    responses: 1,
  },
  {
    label: 'a socket.io poll with junk',
    text: `POST /socket.io/?EIO=4&transport=polling&sid=${'x'.repeat(20)} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
    responses: 1,
  },
];
