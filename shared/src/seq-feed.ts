/**
 * Client-side ordering of a center's events by `seq`, used by every surface that watches a
 * center room. It applies each event exactly once and in order: duplicates (a replay that
 * overlaps a live emit) are dropped, and an event that arrives after a gap is held briefly,
 * since events made through different instances may cross; if the gap does not fill, the feed
 * asks to resync from the last seq it applied.
 */
import type { CenterSnapshot, LiveEvent } from './protocol.js';

export interface SeqFeedHandlers {
  snapshot(snapshot: CenterSnapshot): void;
  event(event: LiveEvent): void;
  /** The feed missed events: subscribe again with this sinceSeq. */
  resync(sinceSeq: number): void;
}

export interface SeqFeedOptions {
  /** How long a gap may stay open before a resync, in ms. */
  gapHoldMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class SeqFeed {
  #applied = -1;
  #held = new Map<number, LiveEvent>();
  #timer: unknown = null;
  #handlers: SeqFeedHandlers;
  #gapHoldMs: number;
  #setTimer: (fn: () => void, ms: number) => unknown;
  #clearTimer: (handle: unknown) => void;

  constructor(handlers: SeqFeedHandlers, options: SeqFeedOptions = {}) {
    this.#handlers = handlers;
    this.#gapHoldMs = options.gapHoldMs ?? 1000;
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The last seq applied; -1 before the first snapshot. Send it as sinceSeq on reconnect. */
  get seq(): number {
    return this.#applied;
  }

  get synced(): boolean {
    return this.#applied >= 0;
  }

  snapshot(snapshot: CenterSnapshot): void {
    this.#applied = snapshot.seq;
    this.#handlers.snapshot(snapshot);
    for (const seq of [...this.#held.keys()]) if (seq <= this.#applied) this.#held.delete(seq);
    this.#drain();
  }

  /**
   * A live event or one from a replay: both go through the same ordering. Before the first
   * snapshot an event is held, not dropped: the server joins the room before it reads the
   * snapshot, so an event committed after that read may arrive ahead of the subscribe ack.
   */
  receive(event: LiveEvent): void {
    if (this.synced && event.seq <= this.#applied) return;
    this.#held.set(event.seq, event);
    if (this.synced) this.#drain();
  }

  replay(events: LiveEvent[]): void {
    for (const event of events) this.receive(event);
  }

  dispose(): void {
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
    this.#held.clear();
  }

  #drain(): void {
    for (let next = this.#held.get(this.#applied + 1); next; next = this.#held.get(this.#applied + 1)) {
      this.#held.delete(next.seq);
      this.#applied = next.seq;
      this.#handlers.event(next);
    }
    if (this.#held.size === 0) {
      if (this.#timer !== null) this.#clearTimer(this.#timer);
      this.#timer = null;
    } else if (this.#timer === null) {
      this.#timer = this.#setTimer(() => {
        this.#timer = null;
        if (this.#held.size > 0) this.#handlers.resync(this.#applied);
      }, this.#gapHoldMs);
    }
  }
}
