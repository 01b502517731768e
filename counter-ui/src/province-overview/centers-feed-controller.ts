/**
 * A Lit reactive controller holding one live connection (CenterLive) per center, for pages
 * that watch many centers at once. Any event, snapshot or resync of any center calls
 * `changed`; the host coalesces. Online means every watched center is connected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CenterLive } from '../../../shared/src/live/center-live.js';

export class CentersFeedController implements ReactiveController {
  #lives = new Map<number, CenterLive>();
  #centerIds: number[] = [];
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly changed: (centerId: number) => void,
  ) {
    host.addController(this);
  }

  get online(): boolean {
    return this.#lives.size > 0 && [...this.#lives.values()].every((live) => live.online);
  }

  /** Watches exactly these centers from now on: new ones are joined, dropped ones closed. */
  watch(centerIds: readonly number[]): void {
    this.#centerIds = [...centerIds];
    if (this.#connected) this.#sync();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    for (const live of this.#lives.values()) live.close();
    this.#lives.clear();
  }

  #sync(): void {
    const wanted = new Set(this.#centerIds);
    for (const [id, live] of this.#lives) {
      if (!wanted.has(id)) {
        live.close();
        this.#lives.delete(id);
      }
    }
    for (const id of wanted) {
      if (this.#lives.has(id)) continue;
      this.#lives.set(
        id,
        new CenterLive(id, {
          snapshot: () => this.changed(id),
          event: () => this.changed(id),
          resynced: () => this.changed(id),
          online: () => this.host.requestUpdate(),
        }),
      );
    }
    this.host.requestUpdate();
  }
}
