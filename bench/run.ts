/**
 * First figures for the core (issue 2): embedded start-up, call → last board latency, and
 * issue throughput, each on a real server process. Rough by design: the full benchmark
 * suite with baselines is issue 7. Writes bench/results/<date>.json and prints a table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '../shared/src/protocol.js';
import { connectSocket, subscribe, type TestSocket } from '../test/helpers/board.js';
import { type ServerProcess, startServer } from '../test/helpers/server-process.js';
import { Client } from '../test/helpers/test-app.js';

const PASSWORD = 'bench-password';
const BOARDS = Number(process.env.BENCH_BOARDS ?? 500);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 2000);
const ISSUE_CLIENTS = 8;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (n: number) => Math.round(n * 100) / 100;

function readyIn(server: ServerProcess): number {
  return Number(/ready in (\d+) ms/.exec(server.output())?.[1] ?? Number.NaN);
}

async function startup(dataDir: string) {
  // The load generator is one address issuing thousands: the public limits would refuse it.
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, ISSUE_RATE_PER_MINUTE: '1000000' };
  let t = performance.now();
  let server = await startServer(env);
  const first = { wall: performance.now() - t, server: readyIn(server) };
  await server.stop();
  t = performance.now();
  server = await startServer(env);
  const restart = { wall: performance.now() - t, server: readyIn(server) };
  return { first, restart, server };
}

async function callLatency(url: string) {
  const sockets: TestSocket[] = [];
  for (let i = 0; i < BOARDS; i++) {
    const socket = connectSocket(url);
    await subscribe(socket, { centerId: 1 });
    sockets.push(socket);
  }
  const clerk = await new Client(url).login('clerk1', PASSWORD);
  await clerk.post('/api/counters/1/open');
  const issuer = new Client(url);
  const samples: number[] = [];
  for (let i = 0; i < CALLS + 20; i++) {
    await issuer.post('/api/centers/1/tickets', { serviceId: 1 });
    let remaining = sockets.length;
    const arrived = new Promise<void>((resolve) => {
      for (const s of sockets) {
        const onEvent = (e: LiveEvent) => {
          if (e.type !== 'ticket.called') return;
          s.off('event', onEvent);
          if (--remaining === 0) resolve();
        };
        s.on('event', onEvent);
      }
    });
    const t = performance.now();
    const call = await clerk.post('/api/counters/1/call-next');
    await arrived;
    if (i >= 20) samples.push(performance.now() - t); // the first 20 warm up
    await clerk.post(`/api/tickets/${call.body.ticket.id}/start`);
    await clerk.post(`/api/tickets/${call.body.ticket.id}/complete`, {});
  }
  for (const s of sockets) s.disconnect();
  samples.sort((a, b) => a - b);
  return {
    boards: BOARDS,
    calls: CALLS,
    p50: ms(pct(samples, 0.5)),
    p99: ms(pct(samples, 0.99)),
    max: ms(samples.at(-1)!),
  };
}

async function issueThroughput(url: string) {
  const clients = Array.from({ length: ISSUE_CLIENTS }, () => new Client(url));
  const t = performance.now();
  await Promise.all(
    clients.map(async (c, lane) => {
      for (let n = lane; n < ISSUES; n += ISSUE_CLIENTS) {
        const res = await c.post('/api/centers/1/tickets', { serviceId: 2 + (n % 5), channel: 'kiosk' });
        if (res.status !== 201) throw new Error(`issue failed: ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return { tickets: ISSUES, clients: ISSUE_CLIENTS, perSecond: Math.round(ISSUES / seconds) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'luot-bench-'));
try {
  const { first, restart, server } = await startup(dataDir);
  const latency = await callLatency(server.url);
  const issue = await issueThroughput(server.url);
  await server.stop();
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    database: 'embedded (PGlite on disk), one instance',
    startup: {
      firstStartMs: Math.round(first.server),
      restartMs: Math.round(restart.server),
      firstStartWallMs: Math.round(first.wall),
      restartWallMs: Math.round(restart.wall),
    },
    callToLastBoardMs: latency,
    issueThroughput: issue,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${result.date.slice(0, 10)}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`
| figure | value |
|---|---|
| first start (create database, migrate, seed), server-measured | ${result.startup.firstStartMs} ms (process wall ${result.startup.firstStartWallMs} ms) |
| restart to ready, server-measured | ${result.startup.restartMs} ms (process wall ${result.startup.restartWallMs} ms) |
| call → last of ${latency.boards} boards, p50 / p99 / max | ${latency.p50} / ${latency.p99} / ${latency.max} ms |
| issue throughput, ${issue.clients} clients, embedded | ${issue.perSecond} tickets/s |

Written to ${file}. Machine: ${result.machine.cpus} × ${result.machine.model}, Node ${result.machine.node}.`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
