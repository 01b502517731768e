/**
 * A Lit reactive controller around shared/src/live/center-live.ts for the waiting-room board:
 * the center's events in seq order exactly once, each marked `replayed` when it came from a
 * resync, and a re-render whenever the connection goes on or off line (the board then shows,
 * discreetly, that it is reconnecting). CenterLive resumes with sinceSeq by itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CenterLive } from '../../../shared/src/live/center-live.js';
import type { CenterSnapshot, LiveEvent } from '../../../shared/src/protocol.js';

export interface BoardFeedHandlers {
  snapshot(snapshot: CenterSnapshot): void;
  event(event: LiveEvent, replayed: boolean): void;
  /** After any resync: names and counts that events do not carry may be refetched. */
  resynced(): void;
  /** The center admits paired devices only, and this one is not (yet). */
  refused?(error: { code: string; message: string }): void;
}

export class BoardFeedController implements ReactiveController {
  #live: CenterLive | null = null;
  #centerId: number | null = null;
  /** Whether the feed has been online since it started: before that, the board is loading, not reconnecting. */
  #wasOnline = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: BoardFeedHandlers,
  ) {
    host.addController(this);
  }

  get online(): boolean {
    return this.#live?.online ?? false;
  }

  /** Lost a connection it had: the moment to say "reconnecting". */
  get reconnecting(): boolean {
    return this.#wasOnline && !this.online;
  }

  watch(centerId: number | null): void {
    if (centerId === this.#centerId) return;
    this.#stop();
    this.#centerId = centerId;
    if (centerId !== null) this.#start(centerId);
  }

  /** A new connection (after pairing: its handshake carries the new device cookie). */
  restart(): void {
    const centerId = this.#centerId;
    this.watch(null);
    this.watch(centerId);
  }

  hostConnected(): void {
    if (this.#centerId !== null && !this.#live) this.#start(this.#centerId);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(centerId: number): void {
    this.#live = new CenterLive(centerId, {
      ...this.handlers,
      online: (online) => {
        if (online) this.#wasOnline = true;
        this.host.requestUpdate();
      },
    });
  }

  #stop(): void {
    this.#live?.close();
    this.#live = null;
  }
}
