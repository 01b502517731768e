import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { guardInput, MAX_DEPTH } from './body-guard.js';

const nest = (depth: number): unknown => (depth === 0 ? 1 : { a: nest(depth - 1) });

describe('guardInput', () => {
  it('passes what the API takes', () => {
    expect(guardInput({ openingHours: [{ from: '08:00', to: '17:00' }], name: 'Quầy 😀' })).toBeNull();
    expect(guardInput(null)).toBeNull();
    expect(guardInput(nest(MAX_DEPTH))).toBeNull();
  });

  it('refuses nesting past MAX_DEPTH, however deep, without recursing', () => {
    expect(guardInput(nest(MAX_DEPTH + 1))).toMatchObject({ instancePath: '/a/a/a/a/a/a/a/a' });
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(guardInput(deep)?.message).toContain(`deeper than ${MAX_DEPTH}`);
  });

  it('names the string or key holding U+0000 or half a surrogate pair', () => {
    expect(guardInput({ x: [0, { y: 'a\u0000' }] })).toEqual({
      instancePath: '/x/1/y',
      message: 'must not contain U+0000 (NUL)',
    });
    expect(guardInput({ 'a\u0000/b': 1 })).toEqual({
      instancePath: '/a\\u0000~1b',
      message: 'key must not contain U+0000 (NUL)',
    });
    expect(guardInput({ x: '\ud83d' })?.message).toContain('surrogate');
    expect(guardInput({ x: 'a\ude00' })?.message).toContain('surrogate');
    expect(guardInput({ x: '😀\ud83d\ude00' })).toBeNull();
  });

  it('costs about what parsing the body costs, however many elements it holds (no CPU to amplify)', () => {
    // The most elements a 64 KiB body holds: 32,000 zeros, or 16,000 empty arrays or objects.
    const bodies = [
      `[${'0,'.repeat(32_000)}0]`,
      `{"a":[${'[],'.repeat(16_000)}[]]}`,
      `[${'{},'.repeat(16_000)}{}]`,
    ];
    for (const text of bodies) {
      const value: unknown = JSON.parse(text);
      // The fastest of several runs, so a busy machine does not decide it.
      const fastest = (f: () => unknown) =>
        Math.min(
          ...Array.from({ length: 15 }, () => {
            const start = performance.now();
            f();
            return performance.now() - start;
          }),
        );
      const parse = fastest(() => JSON.parse(text));
      const guard = fastest(() => guardInput(value));
      expect(guardInput(value)).toBeNull();
      // It was ~40 times the parse (an object and a path copied per element).
      expect(guard, `guard ${guard.toFixed(2)} ms, parse ${parse.toFixed(2)} ms`).toBeLessThan(
        Math.max(5 * parse, 1),
      );
    }
  });
});
