/**
 * A per-key hit counter in fixed one-minute windows, in memory on each instance: the rate limits
 * of public routes (public-rate.ts) and of socket subscribe (realtime/subscribe-limits.ts).
 */
interface Window {
  count: number;
  resetAt: number;
}

/** Fixed one-minute windows per key; stale keys are dropped so the map never grows unbounded. */
export class MinuteCounter {
  readonly #windows = new Map<string, Window>();
  #lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one hit; returns the seconds to wait when over `max`, else 0. */
  hit(key: string, max: number): number {
    const now = this.now();
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + 60_000 };
      this.#windows.set(key, window);
    }
    window.count++;
    return window.count > max ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number) {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
