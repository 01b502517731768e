/**
 * The HTTP load generator, run as its own process (`node --import tsx load-worker.ts <job>`)
 * so its CPU is neither the server's nor the runner's. One tool, autocannon, for both jobs:
 * - `issue`: `connections` kiosks each POSTing a ticket as soon as the last one came back,
 *   the service taken in turn;
 * - `counters`: one connection per counter, each looping call-next → start → complete with its
 *   clerk's session (a 204 from call-next starts the loop again; a 409 counter_busy finishes
 *   the ticket left in hand when the previous run stopped mid-loop).
 * Prints one JSON line: the counts, latency and this process's own CPU time.
 */
import { createRequire } from 'node:module';

export type LoadJob =
  | {
      kind: 'issue';
      url: string;
      centerId: number;
      serviceIds: number[];
      connections: number;
      seconds: number;
      /** A paired kiosk's token: the kiosk channel needs one. */
      kioskToken: string | null;
    }
  | { kind: 'counters'; url: string; counters: { id: number; cookie: string }[]; seconds: number };

export interface LoadResult {
  /** 2xx answers to the figure's request: tickets issued (201) or tickets called (200). */
  done: number;
  /** Every request made, and those answered otherwise than 2xx, or not at all. */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  generatorCpuMs: number;
}

/** The part of autocannon's API used here (it ships no types). */
interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: Request, context: Context) => Request | null;
  onResponse?: (status: number, body: string, context: Context) => void;
}
interface Context {
  ticketId?: number;
}
interface Options {
  url: string;
  connections: number;
  duration: number;
  requests: Request[];
}
interface Result {
  requests: { total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  latency: { p50: number; p99: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>;

async function issue(job: Extract<LoadJob, { kind: 'issue' }>) {
  let turn = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: [
      {
        method: 'POST',
        path: `/api/centers/${job.centerId}/tickets`,
        headers: {
          'content-type': 'application/json',
          ...(job.kioskToken ? { authorization: `Bearer ${job.kioskToken}` } : {}),
        },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            serviceId: job.serviceIds[turn++ % job.serviceIds.length],
            channel: 'kiosk',
          }),
        }),
      },
    ],
  });
  return { done: result['2xx'], results: [result] };
}

async function counters(job: Extract<LoadJob, { kind: 'counters' }>) {
  let called = 0;
  // autocannon shares one request list among a run's connections, so each counter is its own
  // single-connection run (its path and cookie fixed); the runs go side by side.
  const results = await Promise.all(
    job.counters.map(({ id, cookie }) => {
      const headers = { cookie };
      const step = (action: string): Request => ({
        method: 'POST',
        headers,
        setupRequest: (req, context) =>
          context.ticketId === undefined
            ? null
            : { ...req, path: `/api/tickets/${context.ticketId}/${action}` },
      });
      return autocannon({
        url: job.url,
        connections: 1,
        duration: job.seconds,
        requests: [
          {
            method: 'POST',
            path: `/api/counters/${id}/call-next`,
            headers,
            onResponse: (status, body, context) => {
              if (status === 200) {
                called++;
                context.ticketId = (JSON.parse(body) as { ticket: { id: number } }).ticket.id;
              } else if (status === 409) {
                // A run stops mid-loop: the next finds the ticket in hand and finishes it first
                // (its start is refused when it was already serving).
                const { error } = JSON.parse(body) as {
                  error: { code: string; details?: { ticketId?: number } };
                };
                if (error.code === 'counter_busy') context.ticketId = error.details?.ticketId;
              }
            },
          },
          step('start'),
          step('complete'),
        ],
      });
    }),
  );
  return { done: called, results };
}

const job = JSON.parse(process.argv[2] ?? '') as LoadJob;
const cpu = process.cpuUsage();
const { done, results } = job.kind === 'issue' ? await issue(job) : await counters(job);
const used = process.cpuUsage(cpu);
const sum = (pick: (r: Result) => number) => results.reduce((n, r) => n + pick(r), 0);
const max = (pick: (r: Result) => number) => Math.max(...results.map(pick));
const out: LoadResult = {
  done,
  requests: sum((r) => r.requests.total),
  non2xx: sum((r) => r.non2xx),
  errors: sum((r) => r.errors),
  timeouts: sum((r) => r.timeouts),
  seconds: max((r) => r.duration),
  // Of the worst connection when there are several runs: enough to see a stall.
  latencyP50Ms: max((r) => r.latency.p50),
  latencyP99Ms: max((r) => r.latency.p99),
  generatorCpuMs: Math.round((used.user + used.system) / 1000),
};
console.log(JSON.stringify(out));
