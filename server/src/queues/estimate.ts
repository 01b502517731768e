/**
 * Estimated wait (DESIGN.md §5): position × recent mean service time of the service ÷ open
 * counters serving it. With no counter open yet, one is assumed, so a citizen still sees a
 * figure in the morning before the first counter opens.
 */
export function estimateWaitSeconds(
  position: number,
  meanServiceSeconds: number,
  openCounters: number,
): number {
  if (position <= 0) return 0;
  return Math.round((position * meanServiceSeconds) / Math.max(openCounters, 1));
}

/** Mean of recent service times, or the service's configured default when there are none yet. */
export function meanServiceSeconds(recent: number[], fallback: number): number {
  const valid = recent.filter((s) => Number.isFinite(s) && s > 0);
  if (valid.length === 0) return fallback;
  return valid.reduce((a, b) => a + b, 0) / valid.length;
}
