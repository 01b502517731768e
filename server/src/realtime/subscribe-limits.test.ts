import { describe, expect, it } from 'vitest';
import { MinuteCounter } from '../http/minute-counter.js';

describe('MinuteCounter', () => {
  it('allows max hits a minute per key, then says how long to wait, then opens again', () => {
    let now = 1_000_000;
    const counter = new MinuteCounter(() => now);
    expect([1, 2, 3].map(() => counter.hit('a', 3))).toEqual([0, 0, 0]);
    expect(counter.hit('a', 3)).toBe(60);
    expect(counter.hit('b', 3)).toBe(0); // another key has its own window
    now += 45_000;
    expect(counter.hit('a', 3)).toBe(15);
    now += 15_000;
    expect(counter.hit('a', 3)).toBe(0);
  });

  it('forgets keys whose window has passed, so it never grows without bound', () => {
    let now = 0;
    const counter = new MinuteCounter(() => now);
    now = 60_000; // past the first sweep interval
    for (let i = 0; i < 1000; i++) counter.hit(`socket-${i}`, 10);
    expect(counter.size).toBe(1000);
    now += 61_000;
    counter.hit('late', 10);
    expect(counter.size).toBe(1);
  });
});
