/** Turning a fleet's call samples into Measurements: percentiles, next to a baseline where there is one. */
import { type Goal, type Measurement, percentile, round } from '../lib/figures.js';
import type { FleetReply } from './fleet-protocol.js';

export type Calls = Extract<FleetReply, { type: 'calls' }>;

export interface Stats {
  p50: number;
  p99: number;
  max: number;
  /** What a reader needs to trust the figure. */
  notes: Record<string, number | string>;
}

/** Percentiles of call → last watcher, and notes on how the run went. */
export function stats(calls: Calls, extra: Record<string, number | string> = {}): Stats {
  const last = calls.samples.map((s) => s.lastMs).sort((a, b) => a - b);
  const first = calls.samples.map((s) => s.firstMs).sort((a, b) => a - b);
  const http = calls.samples.map((s) => s.httpMs).sort((a, b) => a - b);
  const missing = calls.samples.reduce((n, s) => n + s.missing, 0);
  return {
    p50: percentile(last, 0.5),
    p99: percentile(last, 0.99),
    max: last.at(-1) ?? Number.NaN,
    notes: {
      calls: calls.samples.length,
      firstWatcherP50Ms: round(percentile(first, 0.5)),
      httpP50Ms: round(percentile(http, 0.5)),
      watcherCpuPercent: round(calls.cpuPercent, 0),
      ...(missing > 0 ? { missedDeliveries: missing } : {}),
      ...(calls.late > 0 ? { lateCalls: calls.late } : {}),
      ...(calls.errors.length > 0 ? { errors: calls.errors.length, firstError: calls.errors[0]! } : {}),
      ...extra,
    },
  };
}

const PERCENTILES = [
  ['p50', 'p50'],
  ['p99', 'p99'],
  ['max', 'max'],
] as const;

/**
 * The three figures of one latency (p50, p99, max), each next to the same percentile of the
 * baseline when there is one; `goals` says which carry a goal.
 */
export function latencyFigures(
  key: string,
  label: string,
  ours: Stats,
  baseline: { label: string; stats: Stats } | null,
  goals: Partial<Record<'p50' | 'p99' | 'max', Goal>>,
): Measurement[] {
  return PERCENTILES.map(([p, name]) => ({
    key: `${key}.${p}`,
    label: `${label}, ${name}`,
    unit: 'ms' as const,
    value: round(ours[p]),
    ...(baseline ? { baseline: { label: baseline.label, value: round(baseline.stats[p]) } } : {}),
    ...(goals[p] ? { goal: goals[p] } : {}),
    // Notes once per figure group, on the p99 row (the one with the goal).
    ...(p === 'p99'
      ? {
          notes: {
            ...ours.notes,
            ...(baseline
              ? Object.fromEntries(Object.entries(baseline.stats.notes).map(([k, v]) => [`baseline.${k}`, v]))
              : {}),
          },
        }
      : {}),
  }));
}
