/**
 * When and how soon a live client (center-live.ts, the counter display's counter-live.ts, the
 * citizen's ticket-live.ts) asks again. One policy, so every screen behaves alike after a blip:
 *
 * - The socket drops: Socket.IO reconnects the transport by itself (its own backoff, spelled
 *   out in TRANSPORT_RECONNECT). A server that ends the session on purpose (`io server
 *   disconnect`, a restart) gets `connect()` called again. On every connect the client
 *   subscribes again, sending `sinceSeq` (the last seq it applied) once it has one.
 * - A subscribe fails (`database_unavailable`, `rate_limited`, any error a retry may mend) or
 *   its ack does not come within SUBSCRIBE_TIMEOUT_MS: the client shows itself offline and
 *   subscribes again, with `sinceSeq`, after `retryDelay` for that attempt. The first success
 *   resets the count, so the next blip starts from the floor again.
 * - A refusal retrying cannot mend (an unknown ticket or counter, a device not paired where
 *   the client has a handler for it): the client stops and tells the page. `protocol_mismatch`
 *   follows protocol-reload.ts instead (reload, or ask again when its window ends).
 *
 * The delay is exponential backoff with full jitter between a floor and a cap: attempt n waits
 * a uniform time in [floor, min(cap, floor · 2^(n+1))). Jitter spreads a room full of phones
 * and a hall of boards that lost the server at the same moment, so they do not all ask at
 * once when it returns; the floor keeps a retry from hammering a server that just refused.
 */

export interface RetryPolicy {
  /** The shortest wait, in ms. */
  floorMs: number;
  /** The longest wait, in ms. */
  capMs: number;
}

export const RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ floorMs: 1000, capMs: 30_000 });

/** How long a subscribe may wait for its ack before it counts as failed. */
export const SUBSCRIBE_TIMEOUT_MS = 10_000;

/**
 * Socket.IO's transport reconnection (its defaults, written out so they are decided here):
 * 1 s doubling to 5 s, ±50 % jitter, forever. Shorter than the subscribe cap: reconnecting the
 * transport is cheap for the server; the subscribe that follows is what reads the database.
 */
export const TRANSPORT_RECONNECT = Object.freeze({
  reconnection: true,
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
  transports: ['websocket', 'polling'],
});

/**
 * The wait before retry `attempt` (0 for the first retry after a success). `random` returns a
 * number in [0, 1), as Math.random does; tests pass their own.
 */
export function retryDelay(
  attempt: number,
  random: () => number = Math.random,
  policy: RetryPolicy = RETRY_POLICY,
): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  const ceiling = Math.min(policy.capMs, policy.floorMs * 2 ** Math.min(n + 1, 52));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(policy.capMs, policy.floorMs + r * (ceiling - policy.floorMs));
}

export interface RetryTimerOptions {
  random?: () => number;
  policy?: RetryPolicy;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** One pending retry at a time, counting attempts since the last success. */
export class RetryTimer {
  #attempt = 0;
  #timer: unknown = null;
  readonly #random: () => number;
  readonly #policy: RetryPolicy;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;

  constructor(options: RetryTimerOptions = {}) {
    this.#random = options.random ?? Math.random;
    this.#policy = options.policy ?? RETRY_POLICY;
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Attempts since the last success. */
  get attempt(): number {
    return this.#attempt;
  }

  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Runs `fn` after the policy's delay for the next attempt (replacing any pending retry); returns the delay. */
  schedule(fn: () => void): number {
    const delay = retryDelay(this.#attempt++, this.#random, this.#policy);
    this.after(delay, fn);
    return delay;
  }

  /** Runs `fn` after exactly `ms` (a wait someone else decided, as protocol-reload's); not an attempt. */
  after(ms: number, fn: () => void): void {
    this.cancel();
    this.#timer = this.#setTimer(() => {
      this.#timer = null;
      fn();
    }, ms);
  }

  /** A subscribe succeeded: the next failure waits from the floor again. */
  succeeded(): void {
    this.#attempt = 0;
  }

  cancel(): void {
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
  }
}
