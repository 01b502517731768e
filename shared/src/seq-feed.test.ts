import { describe, expect, it } from 'vitest';
import type { CenterSnapshot, LiveEvent } from './protocol.js';
import { SeqFeed } from './seq-feed.js';

/** Timers the test fires by hand: nothing here waits on the clock. */
class FakeTimers {
  #next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();

  set = (fn: () => void, ms: number): unknown => {
    const handle = this.#next++;
    this.pending.set(handle, { fn, ms });
    return handle;
  };

  clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** Fires every timer set so far, as if the hold had elapsed. */
  fireAll(): void {
    const due = [...this.pending];
    this.pending.clear();
    for (const [, { fn }] of due) fn();
  }
}

const event = (seq: number): LiveEvent => ({
  seq,
  type: 'ticket.issued',
  at: new Date(0).toISOString(),
  centerId: 1,
});

const snapshot = (seq: number): CenterSnapshot => ({
  seq,
  centerId: 1,
  services: [],
  counters: [],
  recentCalls: [],
});

function feed(gapHoldMs = 250) {
  const timers = new FakeTimers();
  const applied: number[] = [];
  const snapshots: number[] = [];
  const resyncs: number[] = [];
  const seqFeed = new SeqFeed(
    {
      snapshot: (s) => snapshots.push(s.seq),
      event: (e) => applied.push(e.seq),
      resync: (sinceSeq) => resyncs.push(sinceSeq),
    },
    { gapHoldMs, setTimer: timers.set, clearTimer: timers.clear },
  );
  return { seqFeed, timers, applied, snapshots, resyncs };
}

describe('SeqFeed', () => {
  it('applies events that arrive in order, each once, after the snapshot', () => {
    const { seqFeed, timers, applied, snapshots } = feed();
    seqFeed.snapshot(snapshot(3));
    for (const seq of [4, 5, 6]) seqFeed.receive(event(seq));
    expect(snapshots).toEqual([3]);
    expect(applied).toEqual([4, 5, 6]);
    expect(seqFeed.seq).toBe(6);
    expect(timers.pending.size).toBe(0);
  });

  it('drops duplicates: events the snapshot covers, events already applied, a replay overlapping live emits', () => {
    const { seqFeed, timers, applied } = feed();
    seqFeed.snapshot(snapshot(3));
    seqFeed.receive(event(2));
    seqFeed.receive(event(3));
    seqFeed.receive(event(4));
    seqFeed.receive(event(4));
    seqFeed.replay([event(3), event(4), event(5)]);
    seqFeed.receive(event(5));
    expect(applied).toEqual([4, 5]);
    expect(timers.pending.size).toBe(0);
  });

  it('holds an event that comes after a gap and applies it, in order, when the gap fills', () => {
    const { seqFeed, timers, applied, resyncs } = feed(250);
    seqFeed.snapshot(snapshot(0));
    seqFeed.receive(event(1));
    seqFeed.receive(event(3));
    seqFeed.receive(event(4));
    expect(applied).toEqual([1]);
    expect(seqFeed.seq).toBe(1);
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([250]);

    seqFeed.receive(event(2));
    expect(applied).toEqual([1, 2, 3, 4]);
    // The gap closed in time: the hold timer is cleared and no resync is asked for.
    expect(timers.pending.size).toBe(0);
    expect(resyncs).toEqual([]);
  });

  it('asks to resync from the last applied seq when a gap stays open, then applies the replay', () => {
    const { seqFeed, timers, applied, resyncs } = feed();
    seqFeed.snapshot(snapshot(10));
    seqFeed.receive(event(11));
    seqFeed.receive(event(13));
    seqFeed.receive(event(14));
    expect(timers.pending.size).toBe(1);

    timers.fireAll();
    expect(resyncs).toEqual([11]);
    expect(applied).toEqual([11]);

    // The answer to the resync overlaps what is held: each event still applies once.
    seqFeed.replay([event(12), event(13), event(14)]);
    expect(applied).toEqual([11, 12, 13, 14]);
    expect(timers.pending.size).toBe(0);
  });

  it('does not resync when the gap filled before the hold ran out', () => {
    const { seqFeed, timers, resyncs } = feed();
    seqFeed.snapshot(snapshot(0));
    seqFeed.receive(event(2));
    seqFeed.receive(event(1));
    timers.fireAll();
    expect(resyncs).toEqual([]);
  });

  it('applies nothing before the first snapshot', () => {
    const { seqFeed, timers, applied, resyncs } = feed();
    expect(seqFeed.synced).toBe(false);
    expect(seqFeed.seq).toBe(-1);
    seqFeed.receive(event(1));
    seqFeed.receive(event(2));
    expect(applied).toEqual([]);
    timers.fireAll();
    // Without a snapshot there is nothing to resync from.
    expect(resyncs).toEqual([]);
    expect(seqFeed.synced).toBe(false);
  });

  it('keeps a live event that overtakes the first snapshot and applies it after the snapshot', () => {
    // The server joins the room before it reads the snapshot, so an event committed after
    // the read can reach the client before the subscribe ack: it must not be lost.
    const { seqFeed, timers, applied, resyncs } = feed();
    seqFeed.receive(event(6));
    seqFeed.receive(event(7));
    expect(applied).toEqual([]);
    seqFeed.snapshot(snapshot(5));
    expect(applied).toEqual([6, 7]);
    expect(timers.pending.size).toBe(0);
    expect(resyncs).toEqual([]);
  });

  it('drops the held events a snapshot covers and drains those after it', () => {
    const { seqFeed, timers, applied, snapshots } = feed();
    seqFeed.snapshot(snapshot(0));
    seqFeed.receive(event(2));
    seqFeed.receive(event(3));
    seqFeed.receive(event(5));
    expect(applied).toEqual([]);

    // A fresh snapshot (past the replay bound) at seq 4 covers 2 and 3; 5 follows it.
    seqFeed.snapshot(snapshot(4));
    expect(snapshots).toEqual([0, 4]);
    expect(applied).toEqual([5]);
    expect(seqFeed.seq).toBe(5);
    expect(timers.pending.size).toBe(0);

    seqFeed.receive(event(3));
    expect(applied).toEqual([5]);
  });

  it('stops its timer when disposed', () => {
    const { seqFeed, timers, resyncs } = feed();
    seqFeed.snapshot(snapshot(0));
    seqFeed.receive(event(2));
    expect(timers.pending.size).toBe(1);
    seqFeed.dispose();
    expect(timers.pending.size).toBe(0);
    timers.fireAll();
    expect(resyncs).toEqual([]);
  });
});
