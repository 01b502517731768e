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

/** A container being walked: its keys (null for an array), how many children, the next one. */
interface Frame {
  container: Record<string, unknown> | unknown[];
  keys: string[] | null;
  size: number;
  next: number;
}

const frameOf = (value: object): Frame => {
  const keys = Array.isArray(value) ? null : Object.keys(value);
  return {
    container: value as Frame['container'],
    keys,
    size: keys ? keys.length : (value as unknown[]).length,
    next: 0,
  };
};

/**
 * Depth first, one frame per open container: nothing deeper than MAX_DEPTH is entered, so there
 * are at most MAX_DEPTH + 1 frames and nothing is allocated per element (a 64 KiB body holds
 * 32,000 of them; an object and a path copied for each cost forty times the parse, CPU a
 * client could ask for at will). The path is read off the frames only for the error.
 */
export function guardInput(data: unknown): GuardError | null {
  if (typeof data === 'string') {
    const reason = unstorable(data);
    return reason ? { instancePath: '', message: reason } : null;
  }
  if (data === null || typeof data !== 'object') return null;
  const frames: Frame[] = [frameOf(data)];
  const pathTo = (last: string | number) => [
    ...frames.map((f) => (f.keys ? f.keys[f.next - 1]! : f.next - 1)).slice(0, -1),
    last,
  ];
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    if (top.next >= top.size) {
      frames.pop();
      continue;
    }
    const index = top.next++;
    const key = top.keys ? top.keys[index]! : index;
    if (typeof key === 'string') {
      const reason = unstorable(key);
      if (reason) return { instancePath: pointer(pathTo(printable(key))), message: `key ${reason}` };
    }
    const child = top.keys
      ? (top.container as Record<string, unknown>)[key]
      : (top.container as unknown[])[index];
    if (typeof child === 'string') {
      const reason = unstorable(child);
      if (reason) return { instancePath: pointer(pathTo(key)), message: reason };
    } else if (child !== null && typeof child === 'object') {
      if (frames.length >= MAX_DEPTH) {
        return {
          instancePath: pointer(pathTo(key)),
          message: `must not nest deeper than ${MAX_DEPTH} levels`,
        };
      }
      frames.push(frameOf(child));
    }
  }
  return null;
}
