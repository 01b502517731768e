/**
 * A waiting-room board as tests see it: a Socket.IO client in a center's room that keeps the
 * applied events in order through SeqFeed, resubscribing with sinceSeq on reconnect and gaps.
 */
import { connectSocket, type LiveSocket, subscribe } from '../../harness/live-socket.js';
import type { CenterSnapshot, LiveEvent } from '../../shared/src/protocol.js';
import { SeqFeed } from '../../shared/src/seq-feed.js';

export { connectSocket, subscribe } from '../../harness/live-socket.js';
export type TestSocket = LiveSocket;

export class TestBoard {
  readonly applied: LiveEvent[] = [];
  snapshots: CenterSnapshot[] = [];
  socket: TestSocket;
  readonly feed: SeqFeed;
  #waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  constructor(
    url: string,
    readonly centerId: number,
  ) {
    this.feed = new SeqFeed(
      {
        snapshot: (s) => {
          this.snapshots.push(s);
          this.#check();
        },
        event: (e) => {
          this.applied.push(e);
          this.#check();
        },
        resync: (sinceSeq) => void this.#subscribe(sinceSeq),
      },
      { gapHoldMs: 500 },
    );
    this.socket = this.#connect(url);
  }

  #connect(url: string): TestSocket {
    const socket = connectSocket(url);
    socket.on('event', (e) => this.feed.receive(e));
    socket.on('connect', () => void this.#subscribe(this.feed.synced ? this.feed.seq : undefined));
    return socket;
  }

  async #subscribe(sinceSeq?: number): Promise<void> {
    const ack = await subscribe(this.socket, {
      centerId: this.centerId,
      ...(sinceSeq !== undefined ? { sinceSeq } : {}),
    });
    if ('snapshot' in ack) this.feed.snapshot(ack.snapshot as CenterSnapshot);
    else if ('events' in ack) this.feed.replay(ack.events);
    else throw new Error(`subscribe refused: ${ack.error.message}`);
  }

  /** Drops the connection; nothing is received until reconnect(). */
  disconnect(): void {
    this.socket.disconnect();
  }

  /** A new connection (maybe to another instance) that resumes from the last applied seq. */
  reconnect(url: string): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = this.#connect(url);
  }

  until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`board waited ${timeoutMs} ms in vain (seq ${this.feed.seq})`)),
        timeoutMs,
      );
      this.#waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  untilSeq(seq: number, timeoutMs?: number): Promise<void> {
    return this.until(() => this.feed.seq >= seq, timeoutMs);
  }

  #check(): void {
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.predicate()) return true;
      w.resolve();
      return false;
    });
  }

  close(): void {
    this.feed.dispose();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
