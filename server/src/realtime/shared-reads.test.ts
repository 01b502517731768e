import { describe, expect, it } from 'vitest';
import { SharedReads } from './shared-reads.js';

describe('SharedReads', () => {
  it('lets callers that ask before the read starts share it, and starts a new one after', async () => {
    const reads = new SharedReads<number>();
    let started = 0;
    const read = () => Promise.resolve(++started);
    const together = [reads.read('center:1', read), reads.read('center:1', read)];
    const other = reads.read('center:2', read);
    expect(await Promise.all(together)).toEqual([1, 1]);
    expect(await other).toBe(2);
    // The batch closed when its read started: a later caller gets a fresh read.
    expect(await reads.read('center:1', read)).toBe(3);
  });

  it('never hands a read that had already started to a caller who came after it', async () => {
    const reads = new SharedReads<string>();
    let release!: () => void;
    const slow = () =>
      new Promise<string>((resolve) => {
        release = () => resolve('first');
      });
    const first = reads.read('room', slow);
    await new Promise((resolve) => setImmediate(resolve)); // the first read has started
    const second = reads.read('room', () => Promise.resolve('second'));
    release();
    expect(await first).toBe('first');
    expect(await second).toBe('second');
  });

  it('gives every sharer the same failure, and does not keep it', async () => {
    const reads = new SharedReads<number>();
    const failing = () => Promise.reject(new Error('database unavailable'));
    const both = [reads.read('k', failing), reads.read('k', failing)];
    for (const p of both) await expect(p).rejects.toThrow('database unavailable');
    expect(await reads.read('k', () => Promise.resolve(7))).toBe(7);
  });
});
