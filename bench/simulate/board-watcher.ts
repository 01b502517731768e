/**
 * A waiting-room board as the simulator sees it: a Socket.IO client in the center's room,
 * applying events once and in order through the same SeqFeed the real board uses, and
 * resubscribing with `sinceSeq` after a reconnect or a gap. It records every call it
 * announces, so the end of the day can check that no call was missed or announced twice,
 * and it tells idle clerk bots that a ticket arrived (as the clerk console would).
 */

import { io } from 'socket.io-client';
import { type LiveSocket, subscribe } from '../../harness/live-socket.js';
import type { CenterSnapshot, LiveEvent } from '../../shared/src/protocol.js';
import { SeqFeed } from '../../shared/src/seq-feed.js';

export class BoardWatcher {
  /** ticket id → the seqs of the `ticket.called` events this board applied for it. */
  readonly calls = new Map<number, number[]>();
  readonly recalls = new Map<number, number>();
  /** Events applied; the same seq applied twice would be a repeated announcement. */
  applied = 0;
  appliedTwice = 0;
  /** Events that reached the socket more than once (the feed drops them; counted to show it works). */
  droppedDuplicates = 0;
  resyncs = 0;
  readonly #appliedSeqs = new Set<number>();
  readonly #received = new Set<number>();
  readonly #socket: LiveSocket;
  readonly #feed: SeqFeed;

  constructor(
    url: string,
    readonly centerId: number,
    onEvent: (event: LiveEvent) => void,
  ) {
    this.#feed = new SeqFeed(
      {
        snapshot: (_s: CenterSnapshot) => {},
        event: (e) => {
          this.applied++;
          if (this.#appliedSeqs.has(e.seq)) this.appliedTwice++;
          this.#appliedSeqs.add(e.seq);
          if (e.type === 'ticket.called' && e.ticket) {
            const seqs = this.calls.get(e.ticket.id) ?? [];
            seqs.push(e.seq);
            this.calls.set(e.ticket.id, seqs);
          } else if (e.type === 'ticket.recalled' && e.ticket) {
            this.recalls.set(e.ticket.id, (this.recalls.get(e.ticket.id) ?? 0) + 1);
          }
          onEvent(e);
        },
        resync: (sinceSeq) => {
          this.resyncs++;
          void this.#subscribe(sinceSeq);
        },
      },
      { gapHoldMs: 500 },
    );
    this.#socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: true });
    this.#socket.on('event', (e) => {
      if (this.#received.has(e.seq)) this.droppedDuplicates++;
      this.#received.add(e.seq);
      this.#feed.receive(e);
    });
    this.#socket.on('connect', () => void this.#subscribe(this.#feed.synced ? this.#feed.seq : undefined));
  }

  get seq(): number {
    return this.#feed.seq;
  }

  async #subscribe(sinceSeq?: number): Promise<void> {
    try {
      const ack = await subscribe(this.#socket, {
        centerId: this.centerId,
        ...(sinceSeq !== undefined ? { sinceSeq } : {}),
      });
      if ('snapshot' in ack) this.#feed.snapshot(ack.snapshot as CenterSnapshot);
      else if ('events' in ack) this.#feed.replay(ack.events);
    } catch {
      // The socket dropped mid-subscribe; 'connect' subscribes again.
    }
  }

  async ready(timeoutMs = 15_000): Promise<void> {
    const until = performance.now() + timeoutMs;
    while (!this.#feed.synced) {
      if (performance.now() > until)
        throw new Error(`board of center ${this.centerId} never got its snapshot`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.#feed.dispose();
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }
}
