/**
 * `npm run bench [-- suite…]`: every figure of issue 7 next to the baseline that bounds it,
 * measured in the same run. Each suite runs BENCH_RUNS times (3 by default); the table shows
 * the median and range. Writes bench/results/<date>.json and .md and prints the table.
 * Never asserts: a missed goal is marked ✘ and explained in docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { type BenchSuite, type Measurement, markdownTable, summarise } from './lib/figures.js';
import { databaseSuites } from './suites/database.js';
import { fanoutSuite } from './suites/fanout.js';
import { memorySuite } from './suites/memory.js';
import { provinceSuite } from './suites/province.js';
import { redisSuite } from './suites/redis.js';
import { soakSuite } from './suites/soak.js';
import { startupSuite } from './suites/startup.js';

const SUITES: BenchSuite[] = [
  startupSuite,
  fanoutSuite,
  provinceSuite,
  redisSuite,
  ...databaseSuites,
  memorySuite,
  soakSuite,
];

const RUNS = process.env.BENCH_RUNS ? Number(process.env.BENCH_RUNS) : undefined;
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SUITES.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const chosen =
  wanted.length > 0 ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES.filter((s) => !s.onlyByName);

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n')[0]!;
  } catch {
    return 'not found';
  }
}

const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: version('psql', ['--version']),
  redis: version('redis-server', ['--version']),
};

const started = new Date();
const measurements: Record<string, Measurement[][]> = {};
for (const suite of chosen) {
  measurements[suite.name] = [];
  const runs = RUNS ?? suite.runs ?? 3;
  for (let run = 1; run <= runs; run++) {
    const t = performance.now();
    console.error(`[bench] ${suite.name}: run ${run} of ${runs}…`);
    measurements[suite.name]!.push(await suite.run());
    console.error(
      `[bench] ${suite.name}: run ${run} done in ${Math.round((performance.now() - t) / 1000)} s`,
    );
  }
}

const summaries = Object.values(measurements).flatMap((runs) => summarise(runs));
const table = markdownTable(summaries);
const date = started.toISOString().slice(0, 10);
const suffix = wanted.length > 0 ? `-${chosen.map((s) => s.name).join('-')}` : '';
mkdirSync('bench/results', { recursive: true });
const base = `bench/results/${date}${suffix}`;
writeFileSync(
  `${base}.json`,
  `${JSON.stringify({ date: started.toISOString(), machine, summaries, measurements }, null, 2)}\n`,
);
const header = `Lượt benchmarks, ${started.toISOString()} each figure the median (range) of its runs (3 unless said).
Machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}, ${machine.redis}.`;
writeFileSync(`${base}.md`, `${header}\n\n${table}\n`);
console.log(`${header}\n\n${table}\n\nWritten to ${base}.json and ${base}.md.`);
