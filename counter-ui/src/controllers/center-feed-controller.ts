/**
 * A Lit reactive controller that keeps a component subscribed to a center's live events:
 * subscribes when the host connects, applies events in seq order through SeqFeed, resumes
 * with sinceSeq after a reconnect, reports online/offline, and cleans up on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type {
  CenterSnapshot,
  ClientToServerEvents,
  LiveEvent,
  ServerToClientEvents,
  SubscribeAck,
} from '../../../shared/src/protocol.js';
import { SeqFeed } from '../../../shared/src/seq-feed.js';

export interface CenterFeedHandlers {
  snapshot(snapshot: CenterSnapshot): void;
  event(event: LiveEvent): void;
  /** After a reconnect that replayed events, or any resync: the host may refetch derived data. */
  resynced(): void;
}

export class CenterFeedController implements ReactiveController {
  online = false;
  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #feed: SeqFeed | null = null;
  #centerId: number | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: CenterFeedHandlers,
  ) {
    host.addController(this);
  }

  /** Watches this center from now on (null: none). */
  watch(centerId: number | null): void {
    if (centerId === this.#centerId) return;
    this.#stop();
    this.#centerId = centerId;
    if (centerId !== null) this.#start(centerId);
  }

  hostConnected(): void {
    if (this.#centerId !== null && !this.#socket) this.#start(this.#centerId);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(centerId: number): void {
    const feed = new SeqFeed({
      snapshot: (s) => {
        this.handlers.snapshot(s);
        this.handlers.resynced();
      },
      event: (e) => this.handlers.event(e),
      resync: (sinceSeq) => this.#subscribe(centerId, sinceSeq),
    });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ['websocket', 'polling'],
    });
    socket.on('event', (e) => feed.receive(e));
    socket.on('connect', () => {
      this.online = true;
      this.host.requestUpdate();
      this.#subscribe(centerId, feed.synced ? feed.seq : undefined);
    });
    socket.on('disconnect', (reason) => {
      this.online = false;
      this.host.requestUpdate();
      // A server that ends the session on purpose (e.g. shutting down) does not mean "stay away".
      if (reason === 'io server disconnect') socket.connect();
    });
    this.#socket = socket;
    this.#feed = feed;
  }

  #subscribe(centerId: number, sinceSeq?: number): void {
    const feed = this.#feed;
    this.#socket?.emit(
      'subscribe',
      { centerId, ...(sinceSeq !== undefined ? { sinceSeq } : {}) },
      (ack: SubscribeAck) => {
        if (!feed) return;
        if ('snapshot' in ack) feed.snapshot(ack.snapshot as CenterSnapshot);
        else if ('events' in ack) {
          feed.replay(ack.events);
          this.handlers.resynced();
        }
      },
    );
  }

  #stop(): void {
    this.#feed?.dispose();
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.#feed = null;
    this.online = false;
  }
}
