/**
 * A browser's live connection to one center, without any UI framework: Socket.IO with the
 * typed protocol, events applied in seq order exactly once (SeqFeed), resumed with sinceSeq
 * after any reconnect, and online/offline reported. Boards, kiosks, consoles and dashboards
 * wrap it in a Lit controller of their own. When it asks again: retry-policy.ts.
 */
import { io, type Socket } from 'socket.io-client';
import {
  type CenterSnapshot,
  type ClientToServerEvents,
  type LiveEvent,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
  type SubscribeAck,
} from '../protocol.js';
import { SeqFeed } from '../seq-feed.js';
import { reloadForProtocol } from './protocol-reload.js';
import { RetryTimer, SUBSCRIBE_TIMEOUT_MS, TRANSPORT_RECONNECT } from './retry-policy.js';

export interface CenterLiveHandlers {
  snapshot(snapshot: CenterSnapshot): void;
  /** Each event once, in seq order; `replayed` when it came from a resync after a gap or reconnect. */
  event(event: LiveEvent, replayed: boolean): void;
  /** After a resync (snapshot or replay): derived data may be refetched. */
  resynced?(): void;
  online?(online: boolean): void;
  /**
   * A refusal retrying cannot mend (`device_not_paired`: the center admits paired devices
   * only). Given this handler, the feed stops asking; start a new one once the device is paired.
   */
  refused?(error: { code: string; message: string }): void;
}

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class CenterLive {
  #socket: LiveSocket;
  #feed: SeqFeed;
  #online = false;
  #replaying = false;
  #retry = new RetryTimer();

  /** `staff`: follow the center's staff room (needs a staff session): events with what staff typed. */
  readonly #staff: boolean;

  constructor(
    readonly centerId: number,
    private readonly handlers: CenterLiveHandlers,
    url?: string,
    options: { staff?: boolean } = {},
  ) {
    this.#staff = options.staff ?? false;
    this.#feed = new SeqFeed({
      snapshot: (s) => {
        handlers.snapshot(s);
        handlers.resynced?.();
      },
      event: (e) => handlers.event(e, this.#replaying),
      resync: (sinceSeq) => this.#subscribe(sinceSeq),
    });
    this.#socket = (url ? io(url, { ...TRANSPORT_RECONNECT }) : io({ ...TRANSPORT_RECONNECT })) as LiveSocket;
    this.#socket.on('event', (e) => this.#feed.receive(e));
    this.#socket.on('connect', () => {
      this.#setOnline(true);
      this.#retry.cancel(); // this subscribe replaces any retry still waiting
      this.#resubscribe();
    });
    this.#socket.on('disconnect', (reason) => {
      this.#setOnline(false);
      // A server that ends the session on purpose (shutting down) does not mean "stay away".
      if (reason === 'io server disconnect') this.#socket.connect();
    });
  }

  get online(): boolean {
    return this.#online;
  }

  /** The last seq applied. */
  get seq(): number {
    return this.#feed.seq;
  }

  close(): void {
    this.#retry.cancel();
    this.#feed.dispose();
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
    this.#setOnline(false);
  }

  #setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.handlers.online?.(online);
  }

  /** Subscribes with the last seq applied, if any; while disconnected, the next connect does it. */
  #resubscribe(): void {
    if (this.#socket.connected) this.#subscribe(this.#feed.synced ? this.#feed.seq : undefined);
  }

  #subscribe(sinceSeq?: number): void {
    const request = {
      centerId: this.centerId,
      protocolVersion: PROTOCOL_VERSION,
      ...(sinceSeq !== undefined ? { sinceSeq } : {}),
      ...(this.#staff ? { staff: true as const } : {}),
    };
    this.#socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('subscribe', request, (timedOut, ack: SubscribeAck) => {
      if (timedOut) {
        // No answer (or the socket dropped meanwhile, and its connect subscribes again).
        if (this.#socket.connected) this.#retry.schedule(() => this.#resubscribe());
        return;
      }
      if ('error' in ack) {
        if (ack.error.code === 'device_not_paired' && this.handlers.refused) {
          this.handlers.refused(ack.error);
          return;
        }
        if (ack.error.code === 'protocol_mismatch') {
          // The server speaks another version: the page reloads (its new code speaks it), or,
          // having just reloaded, shows offline and asks again when it may reload once more.
          const decision = reloadForProtocol();
          if (decision.reload) return;
          this.#setOnline(false);
          this.#retry.after(decision.retryInMs, () => this.#resubscribe());
          return;
        }
        // The server could not answer (its database away, say): ask again, backing off, rather
        // than show stale data until the next reconnect.
        this.#retry.schedule(() => this.#resubscribe());
        return;
      }
      this.#retry.succeeded();
      if (this.#socket.connected) this.#setOnline(true); // after a refusal that showed offline
      if ('snapshot' in ack) this.#feed.snapshot(ack.snapshot as CenterSnapshot);
      else if ('events' in ack) {
        this.#replaying = true;
        try {
          this.#feed.replay(ack.events);
        } finally {
          this.#replaying = false;
        }
        this.handlers.resynced?.();
      }
    });
  }
}
