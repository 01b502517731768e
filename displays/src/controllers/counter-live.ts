/**
 * A browser's live connection to one counter's room, without any UI framework: the counter's
 * snapshot on subscribe, then its events once each and in seq order, resumed with sinceSeq
 * after any reconnect. Unlike a center room, a counter room sees only some of the center's
 * seqs, so a gap means nothing here: an event is applied when its seq is past the last one.
 * When it asks again: shared/src/live/retry-policy.ts.
 */
import { io, type Socket } from 'socket.io-client';
import { reloadForProtocol } from '../../../shared/src/live/protocol-reload.js';
import {
  RetryTimer,
  SUBSCRIBE_TIMEOUT_MS,
  TRANSPORT_RECONNECT,
} from '../../../shared/src/live/retry-policy.js';
import {
  type ClientToServerEvents,
  type CounterSnapshot,
  type LiveEvent,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type SubscribeAck,
} from '../../../shared/src/protocol.js';

export interface CounterLiveHandlers {
  snapshot(snapshot: CounterSnapshot): void;
  /** Each event once; `replayed` when it came from the resync after a reconnect. */
  event(event: LiveEvent, replayed: boolean): void;
  online?(online: boolean): void;
  /** The server does not know this counter. */
  refused?(): void;
  /** The center admits paired devices only, and this display is not one of them (yet): no retry. */
  notPaired?(): void;
}

export class CounterLive {
  #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #seq = -1;
  /** Events that arrived before the first snapshot: the server joins the room before it reads. */
  #early: LiveEvent[] = [];
  #online = false;
  #retry = new RetryTimer();

  constructor(
    readonly counterId: number,
    private readonly handlers: CounterLiveHandlers,
  ) {
    this.#socket = io({ ...TRANSPORT_RECONNECT });
    this.#socket.on('event', (e) => {
      if (this.#seq < 0) this.#early.push(e);
      else this.#apply(e, false);
    });
    this.#socket.on('connect', () => {
      this.#setOnline(true);
      this.#retry.cancel(); // this subscribe replaces any retry still waiting
      this.#subscribe();
    });
    this.#socket.on('disconnect', (reason) => {
      this.#setOnline(false);
      if (reason === 'io server disconnect') this.#socket.connect();
    });
  }

  get online(): boolean {
    return this.#online;
  }

  close(): void {
    this.#retry.cancel();
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
    this.#early = [];
    this.#setOnline(false);
  }

  #apply(event: LiveEvent, replayed: boolean): void {
    if (event.seq <= this.#seq) return;
    this.#seq = event.seq;
    this.handlers.event(event, replayed);
  }

  #setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.handlers.online?.(online);
  }

  /** Subscribes again (with the last seq applied, if any); while disconnected, the next connect does it. */
  #resubscribe(): void {
    if (this.#socket.connected) this.#subscribe();
  }

  /** The server speaks another protocol version: reload, or show offline and ask again later (protocol-reload.ts). */
  #mismatch(): void {
    const decision = reloadForProtocol();
    if (decision.reload) return;
    this.#setOnline(false);
    this.#retry.after(decision.retryInMs, () => this.#resubscribe());
  }

  #subscribe(): void {
    const since = this.#seq >= 0 ? { sinceSeq: this.#seq } : {};
    const request = { counterId: this.counterId, protocolVersion: PROTOCOL_VERSION, ...since };
    this.#socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('subscribe', request, (timedOut, ack: SubscribeAck) => {
      if (timedOut) {
        // No answer (or the socket dropped meanwhile, and its connect subscribes again).
        if (this.#socket.connected) this.#retry.schedule(() => this.#resubscribe());
        return;
      }
      if ('error' in ack) {
        if (ack.error.code === 'not_found') this.handlers.refused?.();
        else if (ack.error.code === 'protocol_mismatch') this.#mismatch();
        else if (ack.error.code === 'device_not_paired' && this.handlers.notPaired) this.handlers.notPaired();
        // The database is away for a moment: ask again, or this screen would stay stale.
        else if (!this.#retry.pending) this.#retry.schedule(() => this.#resubscribe());
        return;
      }
      this.#retry.succeeded();
      if (this.#socket.connected) this.#setOnline(true); // after a mismatch that showed offline
      if ('snapshot' in ack) {
        const snapshot = ack.snapshot as CounterSnapshot;
        this.#seq = snapshot.seq;
        this.handlers.snapshot(snapshot);
        for (const e of this.#early.sort((a, b) => a.seq - b.seq)) this.#apply(e, false);
        this.#early = [];
      } else {
        for (const e of ack.events) this.#apply(e, true);
      }
    });
  }
}
