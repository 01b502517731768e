/**
 * What a hostile client sends, as data for the fuzz suite: values of every wrong type and at
 * every edge, JSON texts no serializer would write (deep, huge, NUL, half surrogates,
 * prototype keys, numbers past a double), bodies in other content types, and a valid example
 * of a route's body built from its schema, so one field at a time can be made wrong.
 */
import type { JsonSchema } from './app-routes.js';

/** Fastify's bodyLimit in app.ts. */
export const BODY_LIMIT = 64 * 1024;

/** JSON text put in place as written (what JSON.stringify cannot say: -0, 1e309, proto keys). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of `value`, with any RawJson inside written out as it is. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof RawJson)) return v;
    raws.push(v.text);
    return `\u0001raw${raws.length - 1}\u0001`;
  });
  return (text ?? '').replace(/"\\u0001raw(\d+)\\u0001"/g, (_, i: string) => raws[Number(i)]!);
}

export const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
export const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

/** Each value put in each known field, one at a time. */
export const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  new RawJson('-0'),
  new RawJson('1e309'),
  new RawJson('-1e309'),
  new RawJson('123456789012345678901234567890'),
  'NaN',
  '-0',
  '1e308',
  '1',
  'true',
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u202eevil\u202c',
  '😀'.repeat(60),
  "' OR 1=1 --",
  '../../../etc/passwd',
  'x'.repeat(BODY_LIMIT - 2_000),
  'x'.repeat(BODY_LIMIT + 10),
  [],
  [1, 'a', {}],
  Array.from({ length: 20_000 }, () => 1),
  {},
  { '\u0000': 1 },
  { prototype: 1 },
  { constructor: { prototype: 1 } },
  new RawJson('{"__proto__":{"admin":true}}'),
  new RawJson('{"constructor":{"prototype":{"admin":true}}}'),
  nested(9),
  nested(300),
  new RawJson(deepArray(5_000)),
];

const manyKeys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;

/** Whole bodies as text (or bytes), sent as application/json. */
export const RAW_BODIES: { label: string; payload: string | Buffer }[] = [
  { label: 'arrays 300 deep', payload: deepArray(300) },
  { label: 'arrays 30,000 deep', payload: deepArray(30_000) },
  { label: 'objects 3,000 deep', payload: deepObject(3_000) },
  { label: 'objects 10,000 deep', payload: deepObject(10_000) },
  { label: 'a field 20,000 deep', payload: `{"name":${deepArray(20_000)}}` },
  { label: 'a string near the limit', payload: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT - 100) }) },
  { label: 'a string over the limit', payload: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT) }) },
  { label: 'an array of 30,000', payload: `[${Array.from({ length: 30_000 }, () => 0).join(',')}]` },
  { label: '5,000 keys', payload: manyKeys(5_000) },
  { label: 'NUL in a key', payload: '{"a\\u0000":1}' },
  { label: 'NUL in a value', payload: '{"name":"\\u0000"}' },
  { label: 'a raw NUL byte', payload: '{"name":"a\u0000"}' },
  { label: 'a lone high surrogate key', payload: '{"\\ud800":1}' },
  { label: 'a lone low surrogate value', payload: '{"name":"\\udc00"}' },
  { label: '__proto__', payload: '{"__proto__":{"role":"admin"}}' },
  { label: 'constructor.prototype', payload: '{"constructor":{"prototype":{"role":"admin"}}}' },
  { label: 'prototype', payload: '{"prototype":{"role":"admin"}}' },
  { label: 'nested __proto__', payload: '{"a":[{"__proto__":{}}]}' },
  { label: '1e309', payload: '{"serviceId":1e309,"number":1e309}' },
  { label: '-0', payload: '{"serviceId":-0,"number":-0,"rating":-0}' },
  { label: 'a huge integer', payload: '{"ticketId":123456789012345678901234567890}' },
  { label: 'duplicate keys', payload: '{"serviceId":1,"serviceId":"x"}' },
  { label: 'null', payload: 'null' },
  { label: 'a number', payload: '0' },
  { label: 'a string', payload: '"x"' },
  { label: 'true', payload: 'true' },
  { label: 'an empty array', payload: '[]' },
  { label: 'empty', payload: '' },
  { label: 'whitespace', payload: ' \n\t ' },
  { label: 'a BOM', payload: '\ufeff{}' },
  { label: 'truncated', payload: '{"name":"x' },
  { label: 'trailing garbage', payload: '{}garbage' },
  { label: 'two documents', payload: '{}{}' },
  { label: 'not UTF-8', payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { label: 'UTF-16', payload: Buffer.from('{"name":"x"}', 'utf16le') },
  { label: 'a comment', payload: '{/* x */}' },
  { label: 'single quotes', payload: "{'name':'x'}" },
  { label: 'NaN literal', payload: '{"serviceId":NaN}' },
];

/** Bodies that are not JSON, or say they are not, or lie about their length. */
export const OTHER_BODIES: { label: string; headers: Record<string, string>; payload: string | Buffer }[] = [
  { label: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: 'hello' },
  { label: 'text/plain JSON', headers: { 'content-type': 'text/plain' }, payload: '{"serviceId":1}' },
  {
    label: 'form-urlencoded',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'serviceId=1&name=x&__proto__[a]=1',
  },
  {
    label: 'multipart',
    headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
    payload: '--XyZ\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\n1\r\n--XyZ--\r\n',
  },
  {
    label: 'multipart without boundary',
    headers: { 'content-type': 'multipart/form-data' },
    payload: '--\r\n',
  },
  {
    label: 'octet-stream',
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from([0, 1, 2, 255]),
  },
  { label: 'no content-type', headers: {}, payload: '{"serviceId":1}' },
  { label: 'an empty content-type', headers: { 'content-type': '' }, payload: '{}' },
  { label: 'a junk content-type', headers: { 'content-type': ';;;===' }, payload: '{}' },
  { label: 'JSON in UTF-16', headers: { 'content-type': 'application/json; charset=utf-16' }, payload: '{}' },
  {
    label: 'JSON in latin1',
    headers: { 'content-type': 'application/json; charset=latin1' },
    payload: '{"name":"\xe9"}',
  },
  { label: 'JSON in capitals', headers: { 'content-type': 'APPLICATION/JSON' }, payload: '{}' },
  { label: 'JSON-ish', headers: { 'content-type': 'application/jsonx' }, payload: '{}' },
  { label: 'problem+json', headers: { 'content-type': 'application/problem+json' }, payload: '{}' },
  {
    label: 'a long content-length',
    headers: { 'content-type': 'application/json', 'content-length': '100' },
    payload: '{}',
  },
  {
    label: 'a short content-length',
    headers: { 'content-type': 'application/json', 'content-length': '1' },
    payload: '{"a":1}',
  },
  {
    label: 'a zero content-length',
    headers: { 'content-type': 'application/json', 'content-length': '0' },
    payload: '{"a":1}',
  },
  {
    label: 'a content-length past the limit',
    headers: { 'content-type': 'application/json', 'content-length': String(10 * BODY_LIMIT) },
    payload: '{}',
  },
  {
    label: 'gzip that is not',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: '{}',
  },
  {
    label: 'an unknown encoding',
    headers: { 'content-type': 'application/json', 'content-encoding': 'br, x' },
    payload: '{}',
  },
];

/** Known-good values by field name or pattern, so an example body passes its schema. */
const BY_NAME: Record<string, unknown> = {
  timezone: 'Asia/Ho_Chi_Minh',
  username: 'fuzz.user',
  password: 'a long fuzz pass phrase 42',
  phone: '0912345678',
  endpoint: 'https://fcm.googleapis.com/fcm/send/fuzz',
  p256dh: 'B'.repeat(87),
  auth: 'A'.repeat(22),
  from: '08:00',
  to: '11:00',
};
const CANDIDATES = ['FZ', '1234 5678', '0912345678', 'fuzz.user', '08:00', '2025-01-02', 'Tên thử'];

function exampleString(s: JsonSchema, name: string): string {
  if (typeof BY_NAME[name] === 'string') return BY_NAME[name] as string;
  const min = Number(s.minLength ?? 0);
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    const fit = CANDIDATES.find((c) => re.test(c) && c.length >= min);
    if (fit) return fit;
  }
  return 'Tên thử'.padEnd(min, 'x');
}

/**
 * A body that passes `schema` (as far as a schema can say), with ids the caller knows exist.
 * `ids` maps field names (`serviceId`, `centerIds`) to a valid id.
 */
export function exampleOf(schema: JsonSchema, ids: Record<string, number>, name = ''): unknown {
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return exampleOf(largest(branches), ids, name);
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? null;
  const id = ids[name] ?? ids[name.replace(/s$/, '')];
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, exampleOf(props[k] ?? {}, ids, k)]));
    }
    case 'array': {
      const n = Number(schema.minItems ?? 0);
      return Array.from({ length: n }, () => exampleOf((schema.items ?? {}) as JsonSchema, ids, name));
    }
    case 'integer':
    case 'number':
      return id ?? Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      return exampleString(schema, name);
    default:
      return null;
  }
}

const propsOf = (s: JsonSchema) => Object.keys((s.properties ?? {}) as object).length;
const largest = (branches: JsonSchema[]) =>
  branches.reduce((best, b) => (propsOf(b) > propsOf(best) ? b : best), branches[0]!);

/** Every place in a body a value can go, as paths: [] (the body itself), ['keys', 'auth'], ['items', 0, 'from']. */
export function fieldPaths(schema: JsonSchema, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const objects = branches ?? [schema];
  const seen = new Set<string>();
  for (const s of objects) {
    for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...fieldPaths(child, [...at, key]));
    }
    if (s.type === 'array' && s.items) out.push(...fieldPaths(s.items as JsonSchema, [...at, 0]).slice(1));
  }
  return out;
}

/** `example` with `value` put at `path`, creating what lies on the way (a copy; `example` is untouched). */
export function withValue(
  example: unknown,
  path: readonly (string | number)[],
  value: unknown,
  schema: JsonSchema,
  ids: Record<string, number>,
): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const s = branches ? largest(branches) : schema;
  if (typeof head === 'number') {
    const items = (s.items ?? {}) as JsonSchema;
    const list = Array.isArray(example) && example.length > 0 ? [...example] : [exampleOf(items, ids)];
    list[0] = withValue(list[0], rest, value, items, ids);
    return list;
  }
  const child = ((s.properties ?? {}) as Record<string, JsonSchema>)[head!] ?? {};
  const base = example !== null && typeof example === 'object' ? { ...(example as object) } : {};
  const current = (base as Record<string, unknown>)[head!] ?? exampleOf(child, ids, head);
  return { ...base, [head!]: withValue(current, rest, value, child, ids) };
}
