/**
 * Checks on a parsed body or query that no schema can express, run before the schema:
 *  - nesting depth: JSON.parse and secure-json-parse take any depth, but JSON.stringify (the
 *    audit log, the logger) recurses and throws past a few thousand levels, a 500;
 *  - U+0000 and lone surrogates in any string or key, at any depth: JSON carries them,
 *    PostgreSQL's text and jsonb refuse them, another 500.
 * The walk is iterative, so the depth of the input cannot exhaust the stack here either.
 * (Keys `__proto__` and `constructor.prototype` never get this far: Fastify's parser,
 * secure-json-parse, refuses them with a 400.)
 */

/** Deeper than any body the API takes (a service's issuing hours are 3 levels). */
export const MAX_DEPTH = 8;

/** Half of a surrogate pair: a high one not followed by a low one, or a low one alone. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface GuardError {
  /** JSON pointer of the value at fault, as Ajv gives it. */
  instancePath: string;
  message: string;
}

const pointer = (path: readonly (string | number)[]) =>
  path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
/** A key as text a person can read in an error: U+0000 spelled out, not sent raw. */
const printable = (key: string) => JSON.stringify(key).slice(1, -1);

function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (LONE_SURROGATE.test(text)) return 'must not contain half of a surrogate pair';
  return null;
}

export function guardInput(data: unknown): GuardError | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unstorable(value);
      if (reason) return { instancePath: pointer(path), message: reason };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      return { instancePath: pointer(path), message: `must not nest deeper than ${MAX_DEPTH} levels` };
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === 'string') {
        const reason = unstorable(key);
        if (reason) return { instancePath: pointer([...path, printable(key)]), message: `key ${reason}` };
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
