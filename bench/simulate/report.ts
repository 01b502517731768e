/**
 * The day's figures from the ledger, the boards and the end-of-day checks: a Markdown table
 * on stdout and a JSON record appended to bench/results/simulate-<date>.json.
 *
 * Waits and the estimate error are computed in real seconds from the server's own timestamps
 * (issuedAt in the issue reply, calledAt in the call reply), then scaled to simulated minutes.
 * The estimate is real too: the server derives it from the real times between recent calls, which
 * the bots' scaled sleeps made short by the same factor, so estimate and wait shrink together
 * and their ratio, hence the error as a share of the wait, does not depend on the speed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoardWatcher } from './board-watcher.js';
import type { BotTally } from './clerk-bot.js';
import type { DbChecks } from './db-checks.js';
import type { Ledger } from './ledger.js';
import type { SimOptions } from './options.js';
import type { SimCenter } from './province.js';
import { type EstimatePair, estimateError, mean, percentile, round1 } from './stats.js';

export interface RunFacts {
  options: SimOptions;
  centers: SimCenter[];
  ledger: Ledger;
  boards: BoardWatcher[];
  tallies: BotTally[];
  latencies: number[];
  apiUnfinished: number;
  db: DbChecks | null;
  wallSeconds: number;
  drainMinutes: number;
  history: unknown;
}

export function buildReport(f: RunFacts) {
  const toMin = (realSeconds: number) => (realSeconds * f.options.speed) / 60;
  const centers = f.centers.map((c) => {
    const citizens = f.ledger.citizens.filter((x) => x.centerId === c.id);
    const legs = citizens.flatMap((x) => x.legs);
    return {
      id: c.id,
      name: c.name,
      counters: c.counters.length,
      ticketsPerDay: c.ticketsPerDay,
      issued: citizens.length,
      transfers: legs.filter((l) => l.final === 'transferred').length,
      served: legs.filter((l) => l.final === 'done').length,
      noShows: legs.filter((l) => l.final === 'no_show').length,
      open: legs.filter((l) => l.final === null).length,
    };
  });

  const firstLegs = f.ledger.citizens.filter((c) => c.legs[0]!.calledAtMs !== null);
  const waitOf = (c: (typeof firstLegs)[number]) => (c.legs[0]!.calledAtMs! - c.issuedAtMs) / 1000;
  const sla = new Map(f.centers.flatMap((c) => c.services.map((s) => [s.id, s.slaMinutes] as const)));
  const codes = [...new Set(f.ledger.citizens.map((c) => c.serviceCode))].sort();
  const services = codes.map((code) => {
    const of = firstLegs.filter((c) => c.serviceCode === code);
    const waits = of.map((c) => toMin(waitOf(c)));
    const within = of.filter(
      (c) => toMin(waitOf(c)) <= (sla.get(c.serviceId) ?? Number.POSITIVE_INFINITY),
    ).length;
    const pairs = of
      .filter((c) => c.estimatedWaitSeconds !== null)
      .map((c) => ({ estimated: toMin(c.estimatedWaitSeconds!), actual: toMin(waitOf(c)) }));
    const e = estimateError(pairs);
    return {
      code,
      called: of.length,
      slaMinutes: f.centers[0]!.services.find((s) => s.code === code)?.slaMinutes ?? null,
      meanWaitMin: round1(mean(waits)),
      p90WaitMin: round1(percentile(waits, 90)),
      slaShare: of.length ? round1((100 * within) / of.length) : null,
      estimateMaeMin: round1(e.mae),
      estimateBiasMin: round1(e.bias),
    };
  });

  const pairsOf = (filter: (c: (typeof firstLegs)[number]) => boolean): EstimatePair[] =>
    firstLegs
      .filter((c) => c.estimatedWaitSeconds !== null && filter(c))
      .map((c) => ({ estimated: c.estimatedWaitSeconds!, actual: waitOf(c) }));
  const inMinutes = (e: ReturnType<typeof estimateError>) => ({
    n: e.n,
    maeMin: round1(toMin(e.mae)),
    biasMin: round1(toMin(e.bias)),
    meanWaitMin: round1(toMin(e.meanWait)),
    maePercentOfMeanWait: round1(e.maePercentOfMeanWait),
    withinBandPercent: round1(100 * e.withinBand),
    maeRealSeconds: round1(e.mae),
  });
  // Before a field's first calls the server leans on its configured default service time (in
  // real seconds; run.ts scales it to --speed, so "cold" measures that guess). The error is
  // also given for "warm" tickets, issued once their field had completions for the server to
  // go by (as on a real morning after the first quarter hour).
  const finishes = new Map<string, number[]>();
  for (const c of f.ledger.citizens) {
    for (const l of c.legs) {
      if ((l.final === 'done' || l.final === 'transferred') && l.finishedAtMs) {
        const k = `${c.centerId}/${l.serviceId}`;
        finishes.set(k, [...(finishes.get(k) ?? []), l.finishedAtMs]);
      }
    }
  }
  const completionsBefore = (c: (typeof firstLegs)[number]) =>
    (finishes.get(`${c.centerId}/${c.serviceId}`) ?? []).filter((t) => t < c.issuedAtMs).length;
  const estimate = {
    warm: inMinutes(estimateError(pairsOf((c) => completionsBefore(c) >= 3))),
    cold: inMinutes(estimateError(pairsOf((c) => completionsBefore(c) === 0))),
    all: inMinutes(estimateError(pairsOf(() => true))),
    normal: inMinutes(estimateError(pairsOf((c) => !c.priority))),
    priority: inMinutes(estimateError(pairsOf((c) => c.priority))),
    // The issue promises a figure for people who wait: short waits make any % error look huge.
    warmWaitedOver5Min: inMinutes(
      estimateError(pairsOf((c) => completionsBefore(c) >= 3 && toMin(waitOf(c)) > 5)),
    ),
    warmNormal: inMinutes(estimateError(pairsOf((c) => completionsBefore(c) >= 3 && !c.priority))),
  };
  const allWaits = firstLegs.map((c) => toMin(waitOf(c)));

  // Boards: every call the bots made announced once, none twice.
  const calledLegs = f.ledger.citizens.flatMap((c) =>
    c.legs.filter((l) => l.calls > 0).map((l) => ({ c, l })),
  );
  const boards = f.boards.map((b) => {
    const mine = calledLegs.filter(({ c }) => c.centerId === b.centerId);
    return {
      centerId: b.centerId,
      eventsApplied: b.applied,
      callsExpected: mine.length,
      callsMissed: mine.filter(({ l }) => !b.calls.has(l.ticketId)).length,
      calledTwice: [...b.calls.values()].filter((seqs) => new Set(seqs).size > 1).length,
      seqAppliedTwice: b.appliedTwice,
      duplicatesDropped: b.droppedDuplicates,
      recallMismatch: mine.filter(({ l }) => (b.recalls.get(l.ticketId) ?? 0) !== l.recalls).length,
      resyncs: b.resyncs,
    };
  });
  const sum = (k: keyof BotTally) => f.tallies.reduce((a, t) => a + t[k], 0);
  return {
    date: new Date().toISOString(),
    options: f.options,
    wallSeconds: round1(f.wallSeconds),
    drainMinutes: round1(f.drainMinutes),
    totals: {
      issued: f.ledger.citizens.length,
      served: centers.reduce((a, c) => a + c.served, 0),
      noShows: centers.reduce((a, c) => a + c.noShows, 0),
      transfers: centers.reduce((a, c) => a + c.transfers, 0),
      priorityClaims: f.ledger.citizens.filter((c) => c.priority).length,
      priorityConfirmed: sum('priorityConfirmed'),
      breaks: sum('breaks'),
      feedback: sum('feedback'),
      meanWaitMin: round1(mean(allWaits)),
      p90WaitMin: round1(percentile(allWaits, 90)),
      slaSharePercent: round1(
        (100 *
          firstLegs.filter((c) => toMin(waitOf(c)) <= (sla.get(c.serviceId) ?? Number.POSITIVE_INFINITY))
            .length) /
          Math.max(1, firstLegs.length),
      ),
    },
    requestLatencyMs: {
      n: f.latencies.length,
      p50: round1(percentile(f.latencies, 50)),
      p99: round1(percentile(f.latencies, 99)),
      max: round1(Math.max(...f.latencies)),
      p99InSimSeconds: round1((percentile(f.latencies, 99) / 1000) * f.options.speed),
    },
    estimate,
    centers,
    services,
    checks: {
      ledgerOpenLegs: f.ledger.openLegs(),
      apiNotFinal: f.apiUnfinished,
      anomalies: f.ledger.anomalies,
      boards,
      db: f.db,
    },
    history: f.history,
  };
}

export type Report = ReturnType<typeof buildReport>;

export function markdown(r: Report): string {
  const lines: string[] = [];
  const o = r.options;
  lines.push(
    `## Simulated day: ${o.centers} center(s), ${Math.floor(o.from / 60)}:${String(o.from % 60).padStart(2, '0')}–${Math.floor(o.to / 60)}:${String(o.to % 60).padStart(2, '0')} at ×${o.speed} (${r.wallSeconds} s real, drain ${r.drainMinutes} sim min after the last arrival)`,
    '',
    '| center | counters | issued | served | no-show | transferred | left open |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const c of r.centers)
    lines.push(
      `| ${c.id} ${c.name} | ${c.counters} | ${c.issued} | ${c.served} | ${c.noShows} | ${c.transfers} | ${c.open} |`,
    );
  const t = r.totals;
  lines.push(
    `| **total** | | **${t.issued}** | **${t.served}** | ${t.noShows} | ${t.transfers} | ${r.checks.ledgerOpenLegs} |`,
    '',
  );
  lines.push(
    '| service | SLA (min) | called | mean wait (min) | p90 wait (min) | within SLA | estimate MAE (min) | bias (min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const s of r.services)
    lines.push(
      `| ${s.code} | ${s.slaMinutes} | ${s.called} | ${s.meanWaitMin} | ${s.p90WaitMin} | ${s.slaShare} % | ${s.estimateMaeMin} | ${s.estimateBiasMin} |`,
    );
  lines.push(
    `| **all** | | ${r.estimate.all.n} | ${t.meanWaitMin} | ${t.p90WaitMin} | ${t.slaSharePercent} % | ${r.estimate.all.maeMin} | ${r.estimate.all.biasMin} |`,
    '',
  );
  const e = r.estimate;
  const goal = (p: number) => (p <= 20 ? '✔' : '✘');
  lines.push(
    '| estimated-wait error (given at issue vs wait to call) | n | MAE (sim min) | bias (sim min) | mean wait (sim min) | MAE / mean wait | within ±max(2 min, 25 %) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const [name, x] of Object.entries(e)) {
    lines.push(
      `| ${name} | ${x.n} | ${x.maeMin} | ${x.biasMin} | ${x.meanWaitMin} | ${x.maePercentOfMeanWait} % ${name === 'warm' ? goal(x.maePercentOfMeanWait) : ''} | ${x.withinBandPercent} % |`,
    );
  }
  const b = r.checks.boards;
  const d = r.checks.db;
  lines.push(
    '',
    '| check | result |',
    '|---|---|',
    `| legs left open in the ledger | ${r.checks.ledgerOpenLegs} |`,
    `| tickets not final by the API (per citizen token) | ${r.checks.apiNotFinal} |`,
    `| board calls missed / announced twice / seq applied twice / recall mismatches | ${sumOf(b, 'callsMissed')} / ${sumOf(b, 'calledTwice')} / ${sumOf(b, 'seqAppliedTwice')} / ${sumOf(b, 'recallMismatch')} (duplicates dropped by SeqFeed: ${sumOf(b, 'duplicatesDropped')}, resyncs ${sumOf(b, 'resyncs')}) |`,
  );
  if (d) {
    lines.push(
      `| DB: tickets / not final / missing / unknown / status differs | ${d.ticketsInDb} / ${d.notFinal} / ${d.missingFromDb} / ${d.notInLedger} / ${d.statusMismatch} |`,
      `| DB: called twice (ticket.called events > 1) / recall log ≠ recall_count / seq gaps | ${d.calledTwice} / ${d.recallMismatch} / ${d.seqProblems} |`,
    );
  }
  lines.push(
    `| anomalies (unexpected replies) | ${r.checks.anomalies.length} |`,
    `| request latency p50 / p99 / max (ms) | ${r.requestLatencyMs.p50} / ${r.requestLatencyMs.p99} / ${r.requestLatencyMs.max} (p99 = ${r.requestLatencyMs.p99InSimSeconds} sim s) over ${r.requestLatencyMs.n} requests |`,
  );
  return lines.join('\n');
}

function sumOf<T>(xs: T[], k: keyof T): number {
  return xs.reduce((a, x) => a + Number(x[k]), 0);
}

export function writeReport(r: Report, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `simulate-${r.date.slice(0, 10)}.json`);
  const runs: unknown[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).runs ?? []) : [];
  runs.push(r);
  writeFileSync(file, `${JSON.stringify({ runs }, null, 2)}\n`);
  return file;
}
