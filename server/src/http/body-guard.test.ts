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
});
