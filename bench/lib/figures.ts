/**
 * What every benchmark suite returns, and how `bench/run.ts` turns three runs into a table.
 * A suite measures its figure and the baseline that bounds it in the same run; the runner
 * repeats it, takes the median and range of each, and compares the ratio to the goal.
 * Nothing here fails: a missed goal is reported, never thrown (CI never runs benchmarks).
 */

/** One figure of one run, with the baseline measured in the same run where there is one. */
export interface Measurement {
  /** Stable key across runs and dates, e.g. `fanout.1000.p99`. */
  key: string;
  /** What it is, for the table: "call → last of 1,000 boards, p99". */
  label: string;
  unit: 'ms' | 'tickets/s' | 'calls/s' | 'KiB' | '%' | 'count';
  value: number;
  baseline?: { label: string; value: number };
  goal?: Goal;
  /** Anything a reader needs to trust the figure: generator CPU, errors, duplicates. */
  notes?: Record<string, number | string>;
}

/**
 * `ratio-max`: value/baseline must be ≤ limit (latency, memory); `ratio-min`: value/baseline
 * ≥ limit (throughput); `max`: value ≤ limit in the unit; `min`: value ≥ limit.
 */
export type Goal =
  | { kind: 'ratio-max'; limit: number }
  | { kind: 'ratio-min'; limit: number }
  | { kind: 'max'; limit: number }
  | { kind: 'min'; limit: number };

export interface BenchSuite {
  name: string;
  /** How many runs this suite makes when BENCH_RUNS is not set (a 30-minute soak makes one). */
  runs?: number;
  /** Left out of a plain `npm run bench`; run by name (`npm run bench -- soak`). */
  onlyByName?: boolean;
  /** One complete run: start what it needs, measure, stop everything. */
  run(): Promise<Measurement[]>;
}

export interface Summary {
  key: string;
  label: string;
  unit: Measurement['unit'];
  median: number;
  min: number;
  max: number;
  runs: number[];
  baseline?: { label: string; median: number; min: number; max: number; runs: number[] };
  ratio?: number;
  goal?: Goal;
  met?: boolean;
  notes: Record<string, number | string>[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of an already sorted list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function summarise(runs: Measurement[][]): Summary[] {
  const byKey = new Map<string, Measurement[]>();
  for (const run of runs) for (const m of run) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  return [...byKey.values()].map((all) => {
    const first = all[0]!;
    const values = all.map((m) => m.value);
    const summary: Summary = {
      key: first.key,
      label: first.label,
      unit: first.unit,
      median: round(median(values)),
      min: round(Math.min(...values)),
      max: round(Math.max(...values)),
      runs: values.map((v) => round(v)),
      notes: all.map((m) => m.notes ?? {}),
    };
    const baselines = all.flatMap((m) => (m.baseline ? [m.baseline.value] : []));
    if (first.baseline && baselines.length > 0) {
      summary.baseline = {
        label: first.baseline.label,
        median: round(median(baselines)),
        min: round(Math.min(...baselines)),
        max: round(Math.max(...baselines)),
        runs: baselines.map((v) => round(v)),
      };
      summary.ratio = round(summary.median / summary.baseline.median, 3);
    }
    if (first.goal) {
      summary.goal = first.goal;
      summary.met = meets(first.goal, summary);
    }
    return summary;
  });
}

function meets(goal: Goal, s: Summary): boolean | undefined {
  switch (goal.kind) {
    case 'ratio-max':
      return s.ratio === undefined ? undefined : s.ratio <= goal.limit;
    case 'ratio-min':
      return s.ratio === undefined ? undefined : s.ratio >= goal.limit;
    case 'max':
      return s.median <= goal.limit;
    case 'min':
      return s.median >= goal.limit;
  }
}

export function goalText(goal: Goal | undefined, unit: string): string {
  if (!goal) return '';
  switch (goal.kind) {
    case 'ratio-max':
      return `≤ ${goal.limit}× baseline`;
    case 'ratio-min':
      return `≥ ${Math.round(goal.limit * 100)}% of baseline`;
    case 'max':
      return `≤ ${goal.limit} ${unit}`;
    case 'min':
      return `≥ ${goal.limit} ${unit}`;
  }
}

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const spread = (median: number, min: number, max: number, unit: string) =>
  `${num(median)} ${unit} (${num(min)}–${num(max)})`;

/** The table printed and written next to the JSON: median (range) of each, ratio, goal. */
export function markdownTable(summaries: Summary[]): string {
  const rows = summaries.map((s) => {
    const baseline = s.baseline
      ? `${s.baseline.label}: ${spread(s.baseline.median, s.baseline.min, s.baseline.max, s.unit)}`
      : '—';
    const ratio =
      s.ratio === undefined
        ? '—'
        : s.goal?.kind === 'ratio-min'
          ? `${round(s.ratio * 100, 1)}%`
          : `${s.ratio}×`;
    const verdict = s.met === undefined ? '' : s.met ? ' ✔' : ' ✘';
    return `| ${s.label} | ${spread(s.median, s.min, s.max, s.unit)} | ${baseline} | ${ratio} | ${goalText(s.goal, s.unit)}${verdict} |`;
  });
  return [
    '| figure | Lượt, median (range) | baseline, median (range) | ratio | goal |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
