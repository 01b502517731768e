/**
 * Issue throughput (issue 7 §2): kiosks POSTing tickets to a real server on the machine's
 * PostgreSQL, next to pgbench inserting one ticket-shaped row per transaction at the same
 * concurrency on the same server. Both durable (synchronous_commit as configured, on here).
 */
import type { ServerProcess } from '../../harness/server-process.js';
import { startBenchProcess } from '../fanout/servers.js';
import type { Measurement } from '../lib/figures.js';
import { generatorCpu, machineLoad, runLoad } from './load.js';
import type { LoadResult } from './load-worker.js';
import { pgbench } from './pgbench.js';
import { query, urlOf } from './postgres.js';

/** The columns and keys of `tickets` without its foreign keys: the plainest durable insert. */
export const BASELINE_TABLE = [
  `CREATE TABLE bench_tickets (
    id serial PRIMARY KEY, center_id integer NOT NULL, service_id integer NOT NULL, day date NOT NULL,
    number text NOT NULL, token text NOT NULL UNIQUE, status text NOT NULL, priority text,
    channel text NOT NULL, device_id text, issued_at timestamptz NOT NULL DEFAULT now(),
    queued_at timestamptz NOT NULL DEFAULT now(), called_at timestamptz, started_at timestamptz,
    finished_at timestamptz, counter_id integer, clerk_id integer, recall_count integer NOT NULL DEFAULT 0,
    call_reason text, outcome text, note text, transferred_from_id integer,
    priority_confirmed boolean NOT NULL DEFAULT false)`,
  'CREATE SEQUENCE bench_numbers',
];

const INSERT_SCRIPT = `\\set service random(1, 6)
INSERT INTO bench_tickets (center_id, service_id, day, number, token, status, channel)
VALUES (1, :service, current_date, 'A' || nextval('bench_numbers'), md5(random()::text || clock_timestamp()), 'waiting', 'kiosk');
`;

export interface IssueFigureOptions {
  server: ServerProcess;
  /** The server's database, to count what it stored and to empty the queue between phases. */
  database: string;
  /** Where the baseline runs; none on the embedded database. */
  baselineDatabase?: string;
  keyPrefix: string;
  labelSuffix: string;
  clients: number;
  seconds: number;
  kioskToken: string;
  goal?: Measurement['goal'];
}

export async function serviceIds(url: string): Promise<number[]> {
  const res = await fetch(`${url}/api/centers/1/services`);
  if (!res.ok) throw new Error(`GET services: ${res.status}`);
  return ((await res.json()) as { id: number }[]).map((s) => s.id);
}

/**
 * A kiosk of center 1, paired as a manager pairs one (a code, then the device redeems it):
 * only a paired kiosk issues on the kiosk channel. Its token goes as `Authorization: Bearer`.
 */
export async function pairedKioskToken(url: string, password: string): Promise<string> {
  const post = async (path: string, body: object, cookie?: string) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return {
      body: (await res.json()) as Record<string, string>,
      cookie: res.headers.get('set-cookie') ?? '',
    };
  };
  const login = await post('/api/auth/login', { username: 'manager', password });
  const session = login.cookie.split(';')[0]!;
  const { body } = await post(
    '/api/centers/1/pairing-codes',
    { kind: 'kiosk', name: 'Bench kiosk' },
    session,
  );
  return (await post('/api/devices/pair', { code: body.code! })).body.token!;
}

export async function issueLoad(
  url: string,
  ids: number[],
  connections: number,
  seconds: number,
  kioskToken: string | null,
) {
  return runLoad({ kind: 'issue', url, centerId: 1, serviceIds: ids, connections, seconds, kioskToken });
}

export function issueNotes(load: LoadResult): Record<string, number | string> {
  return {
    issued: load.done,
    non2xx: load.non2xx,
    errors: load.errors + load.timeouts,
    p50Ms: load.latencyP50Ms,
    p99Ms: load.latencyP99Ms,
    generatorCpu: generatorCpu(load),
    loadAverageAfter: machineLoad(),
  };
}

/** One concurrency on Postgres: the HTTP figure, then the pgbench baseline, then the check. */
export async function issueFigure(o: IssueFigureOptions, ids: number[]): Promise<Measurement> {
  // Each phase starts from an empty queue, as a day does: the reply's position counts the queue.
  await query(o.database, `UPDATE tickets SET status = 'expired' WHERE status = 'waiting'`);
  const before = Number((await query(o.database, 'SELECT count(*) FROM tickets')).rows[0].count);
  const load = await issueLoad(o.server.url, ids, o.clients, o.seconds, o.kioskToken);
  const stored = Number((await query(o.database, 'SELECT count(*) FROM tickets')).rows[0].count) - before;
  const m: Measurement = {
    key: `${o.keyPrefix}.issue.c${o.clients}`,
    label: `tickets issued over HTTP, ${o.clients} clients${o.labelSuffix}`,
    unit: 'tickets/s',
    value: load.done / load.seconds,
    notes: { ...issueNotes(load), storedInDatabase: stored },
  };
  if (o.goal) m.goal = o.goal;
  if (o.baselineDatabase) {
    const base = await pgbench(o.baselineDatabase, INSERT_SCRIPT, o.clients, { seconds: o.seconds });
    m.baseline = { label: `pgbench one-row INSERT, ${o.clients} clients`, value: base.tps };
    m.notes!.pgbenchFailed = base.failed;
  }
  return m;
}

export const warmUpInsert = (database: string) => pgbench(database, INSERT_SCRIPT, 8, { seconds: 2 });

/**
 * The same load against bench/database/bare-issue-server.ts (Fastify + pg, one insert per
 * request into the baseline's table): how far the HTTP stack alone gets, next to pgbench.
 */
export async function bareStackFigure(baselineDatabase: string, clients: number, seconds: number) {
  const bare = await startBenchProcess({
    script: 'bench/database/bare-issue-server.ts',
    ready: /bare-issue: (http:\/\/\S+)/,
    env: { DATABASE_URL: urlOf(baselineDatabase) },
  });
  try {
    await issueLoad(bare.url, [1, 2, 3], clients, 2, null); // warm-up
    const load = await issueLoad(bare.url, [1, 2, 3], clients, seconds, null);
    const base = await pgbench(baselineDatabase, INSERT_SCRIPT, clients, { seconds });
    const m: Measurement = {
      key: `postgres.bare-stack.issue.c${clients}`,
      label: `reference: bare Fastify + pg, one-row insert over HTTP, ${clients} clients`,
      unit: 'tickets/s',
      value: load.done / load.seconds,
      baseline: { label: `pgbench one-row INSERT, ${clients} clients`, value: base.tps },
      notes: { ...issueNotes(load), pgbenchFailed: base.failed },
    };
    return m;
  } finally {
    await bare.stop();
  }
}
