/**
 * What the bench process and the watcher fleet (watcher-fleet.ts, its own process) say to
 * each other over IPC. The fleet holds the sockets and drives the calls itself, so a call's
 * start and every arrival are read from one clock (its `performance.now()`).
 */

/** Who is called: a Lượt instance (call-next at a counter, then no-show to free it) or the bare server. */
export type Target = { kind: 'luot'; url: string; cookie: string } | { kind: 'bare'; url: string };

/** Where a call happens: the center whose room hears it, and (Lượt) the open counter that calls. */
export interface Spot {
  centerId: number;
  counterId: number;
}

export type FleetRequest =
  /** Opens one socket per entry of `centers` (the center it subscribes to), `concurrency` at a time. */
  | { type: 'connect'; url: string; centers: number[]; concurrency: number }
  | { type: 'disconnect' }
  /** One call at a time at one spot: each waits until every watcher of the center has it. */
  | { type: 'sequential'; target: Target; spot: Spot; warmup: number; calls: number; periodMs: number }
  /** Every spot calls every `intervalMs`, the spots staggered evenly over the interval. */
  | {
      type: 'paced';
      target: Target;
      spots: Spot[];
      intervalMs: number;
      durationMs: number;
      warmupMs: number;
    };

export interface CallSample {
  centerId: number;
  /** From just before the HTTP request to the event reaching the last watcher of the center. */
  lastMs: number;
  firstMs: number;
  /** The HTTP request's own round trip. */
  httpMs: number;
  /** Watchers that had not received the event when the wait gave up (10 s). */
  missing: number;
}

export type FleetReply =
  | { type: 'connected'; sockets: number; failed: number; ms: number; firstError: string | null }
  | { type: 'disconnected' }
  | {
      type: 'calls';
      samples: CallSample[];
      errors: string[];
      /** Calls that started later than planned because the one before had not finished. */
      late: number;
      /** The fleet's CPU use over the measured span, in % of one core. */
      cpuPercent: number;
      spanMs: number;
    }
  | { type: 'error'; message: string };

export type Envelope<T> = T & { id: number };
