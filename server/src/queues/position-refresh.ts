/**
 * Recomputes the positions of the queues that committed changes touched, off the request path
 * (issue 12 item 4: this lived in the socket layer). Changes gather for `delayMs` so a rush
 * costs one refresh per service, not one per issue or call (a citizen's position may lag by
 * this much; calls themselves are emitted at once). Refreshes run one after another; whoever
 * delivers the positions (the socket publisher) is told of each.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { type QueuePosition, queuePositions } from './positions.js';

export interface RefreshedQueue {
  serviceId: number;
  centerId: number;
  /** The newest seq that touched the queue: the position events carry it. */
  seq: number;
  positions: QueuePosition[];
}

export interface RefreshLogger {
  warn(obj: object, msg: string): void;
}

export class PositionRefresh {
  /** service id → the newest seq and center that touched it, waiting for a refresh */
  readonly #pending = new Map<number, { seq: number; centerId: number }>();
  #scheduled = false;
  #inFlight: Promise<void> = Promise.resolve();
  #deliver: (queue: RefreshedQueue) => void = () => {};

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: RefreshLogger,
    private readonly delayMs = 100,
  ) {}

  /** Who hears each refreshed queue (one listener: the publisher). */
  onRefreshed(deliver: (queue: RefreshedQueue) => void): void {
    this.#deliver = deliver;
  }

  /** A committed change touched this service's queue. */
  touch(serviceId: number, seq: number, centerId: number): void {
    this.#pending.set(serviceId, { seq, centerId });
    this.#schedule();
  }

  /** Resolves when every refresh asked for so far has been delivered (tests wait on it). */
  async idle(): Promise<void> {
    while (this.#scheduled || this.#pending.size > 0) await this.#inFlight;
    await this.#inFlight;
  }

  #schedule(): void {
    if (this.#scheduled || this.#pending.size === 0) return;
    this.#scheduled = true;
    this.#inFlight = this.#inFlight.then(
      () =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            this.#scheduled = false;
            const batch = [...this.#pending];
            this.#pending.clear();
            this.#refresh(batch).finally(() => {
              resolve();
              this.#schedule();
            });
          }, this.delayMs);
        }),
    );
  }

  async #refresh(batch: [number, { seq: number; centerId: number }][]): Promise<void> {
    for (const [serviceId, { seq, centerId }] of batch) {
      try {
        const positions = await queuePositions(this.db, serviceId);
        this.#deliver({ serviceId, centerId, seq, positions });
      } catch (error) {
        // Refreshed again on the next change; the citizen's page also re-reads on reconnect.
        this.log.warn({ err: error, serviceId }, 'position refresh failed');
      }
    }
  }
}
