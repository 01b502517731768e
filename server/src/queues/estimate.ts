/**
 * Estimated wait (DESIGN.md §5): position × the service's recent time per call.
 *
 * Time per call is measured, not derived from the counters' list: over the service's last
 * calls, the time between one call and the next, counted only while someone of the service
 * was waiting (so a quiet spell does not look like slow counters, and a call that found an
 * idle counter counts as the near-zero wait it was). It so takes in what the counters' list
 * cannot: counters that serve the service only after their preferred ones, priority tickets
 * and transfers that go ahead, no-shows, breaks. Until there are `PRIOR_CALLS` gaps, the
 * missing ones are filled with the configured guess, mean service time ÷ open counters (the
 * default service time before any completion). A wait since the last call that is already
 * longer than usual counts as one more gap, so a stall (counters closed) shows at once.
 *
 * With no open counter serving the service there is no estimate at all (DESIGN.md §15): nobody
 * knows when one opens, and a time made up from the past would be a promise nobody keeps.
 */

/** Gaps to observe before the configured guess drops out. */
export const PRIOR_CALLS = 5;

export interface RecentCall {
  calledAtMs: number;
  /** When the ticket joined the queue; null when unknown (a transfer keeps the first issue time). */
  queuedAtMs: number | null;
}

export interface CallHistory {
  /** The service's recent calls, oldest first; the first only opens the first gap. */
  calls: readonly RecentCall[];
  nowMs: number;
  /** Queue time of the oldest ticket waiting now (its arrival known), or null when none waits. */
  waitingSinceMs: number | null;
  /** Seconds per call to assume without calls: `priorSecondsPerCall`. */
  priorSeconds: number;
}

/** Null while no open counter serves the service: screens then say so instead of a time. */
export function estimateWaitSeconds(
  position: number,
  secondsPerCall: number,
  openCounters: number,
): number | null {
  if (openCounters <= 0) return null;
  if (position <= 0) return 0;
  return Math.round(position * secondsPerCall);
}

/** The configured guess: mean service time ÷ open counters (one assumed before any opens). */
export function priorSecondsPerCall(meanServiceSeconds: number, openCounters: number): number {
  return meanServiceSeconds / Math.max(openCounters, 1);
}

export function secondsPerCall(h: CallHistory): number {
  // Walking back from the newest call, `waitingSince` is the earliest queue time among the
  // tickets called after the gap (or waiting now): someone waited from then on.
  let waitingSince = h.waitingSinceMs ?? Number.POSITIVE_INFINITY;
  let busyMs = 0;
  let gaps = 0;
  for (let i = h.calls.length - 1; i >= 1; i--) {
    const call = h.calls[i]!;
    if (call.queuedAtMs !== null) waitingSince = Math.min(waitingSince, call.queuedAtMs);
    busyMs += Math.max(0, call.calledAtMs - Math.max(h.calls[i - 1]!.calledAtMs, waitingSince));
    gaps++;
  }
  const guessed = Math.max(0, PRIOR_CALLS - gaps);
  const total = busyMs / 1000 + guessed * h.priorSeconds;
  const count = gaps + guessed;
  const usual = total / count;

  const last = h.calls.at(-1)?.calledAtMs ?? Number.NEGATIVE_INFINITY;
  const openSeconds =
    h.waitingSinceMs === null ? 0 : Math.max(0, h.nowMs - Math.max(last, h.waitingSinceMs)) / 1000;
  return openSeconds > usual ? (total + openSeconds) / (count + 1) : usual;
}

/** Mean of recent service times, or the service's configured default when there are none yet. */
export function meanServiceSeconds(recent: number[], fallback: number): number {
  const valid = recent.filter((s) => Number.isFinite(s) && s > 0);
  if (valid.length === 0) return fallback;
  return valid.reduce((a, b) => a + b, 0) / valid.length;
}
