/**
 * A Lit reactive controller around shared/src/live/center-live.ts: keeps a staff component
 * subscribed to a center's staff room (its events with what staff typed) while it is
 * connected, and re-renders it when the connection goes on or off line.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CenterLive } from '../../../shared/src/live/center-live.js';
import type { CenterSnapshot, LiveEvent } from '../../../shared/src/protocol.js';

export interface CenterFeedHandlers {
  snapshot(snapshot: CenterSnapshot): void;
  event(event: LiveEvent, replayed: boolean): void;
  /** After a reconnect that replayed events, or any resync: the host may refetch derived data. */
  resynced(): void;
}

export class CenterFeedController implements ReactiveController {
  #live: CenterLive | null = null;
  #centerId: number | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: CenterFeedHandlers,
  ) {
    host.addController(this);
  }

  get online(): boolean {
    return this.#live?.online ?? false;
  }

  /** Watches this center from now on (null: none). */
  watch(centerId: number | null): void {
    if (centerId === this.#centerId) return;
    this.#stop();
    this.#centerId = centerId;
    if (centerId !== null) this.#start(centerId);
  }

  hostConnected(): void {
    if (this.#centerId !== null && !this.#live) this.#start(this.#centerId);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(centerId: number): void {
    this.#live = new CenterLive(
      centerId,
      { ...this.handlers, online: () => this.host.requestUpdate() },
      undefined,
      { staff: true },
    );
  }

  #stop(): void {
    this.#live?.close();
    this.#live = null;
  }
}
