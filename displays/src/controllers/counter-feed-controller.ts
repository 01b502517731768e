/**
 * A Lit reactive controller around counter-live.ts: keeps the counter display subscribed to its
 * counter's room while it is connected, and re-renders it when the connection changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CounterLive, type CounterLiveHandlers } from './counter-live.js';

export class CounterFeedController implements ReactiveController {
  #live: CounterLive | null = null;
  #counterId: number | null = null;
  #wasOnline = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: Omit<CounterLiveHandlers, 'online'>,
  ) {
    host.addController(this);
  }

  get online(): boolean {
    return this.#live?.online ?? false;
  }

  get reconnecting(): boolean {
    return this.#wasOnline && !this.online;
  }

  watch(counterId: number | null): void {
    if (counterId === this.#counterId) return;
    this.#stop();
    this.#counterId = counterId;
    if (counterId !== null) this.#start(counterId);
  }

  /** A new connection (after pairing: its handshake carries the new device cookie). */
  restart(): void {
    const counterId = this.#counterId;
    this.watch(null);
    this.watch(counterId);
  }

  hostConnected(): void {
    if (this.#counterId !== null && !this.#live) this.#start(this.#counterId);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(counterId: number): void {
    this.#live = new CounterLive(counterId, {
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
