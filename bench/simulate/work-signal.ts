/**
 * Wakes idle clerk bots when a ticket they could call arrives, as the clerk console does from
 * the center room, instead of a hundred bots polling call-next. A timeout still wakes them, so
 * a missed event costs a little idle time, never a stuck counter.
 */
import type { LiveEvent } from '../../shared/src/protocol.js';

const WAKING = new Set(['ticket.issued', 'ticket.transferred', 'ticket.returned', 'ticket.reactivated']);

interface Waiter {
  serviceIds: readonly number[];
  resolve: () => void;
}

export class WorkSignal {
  #waiters: Waiter[] = [];

  /** Feed every applied event of the center. */
  onEvent(event: LiveEvent): void {
    const serviceId =
      event.type === 'ticket.transferred' ? event.transferredTo?.serviceId : event.ticket?.serviceId;
    if (!WAKING.has(event.type) || serviceId === undefined) return;
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.serviceIds.includes(serviceId)) return true;
      w.resolve();
      return false;
    });
  }

  wait(serviceIds: readonly number[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        serviceIds,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /** Wakes everyone (the day is over). */
  wakeAll(): void {
    for (const w of this.#waiters) w.resolve();
    this.#waiters = [];
  }
}
