/**
 * Call-next throughput (issue 7 §3): every counter's clerk looping call-next → start → complete
 * over HTTP against a real server, next to pgbench running the claim of call-next.ts and the
 * update that marks the ticket called, on a copy of the same data taken before the HTTP run.
 * The baseline makes as many claims as the HTTP run did (warm-up included), so both drain the
 * queue from the same depth to the same depth: the claim's sort costs with the queue's length.
 */

import { Client } from '../../harness/http-client.js';
import type { ServerProcess } from '../../harness/server-process.js';
import type { Measurement } from '../lib/figures.js';
import { counterIds, queueCheck } from './counters-fixture.js';
import { generatorCpu, machineLoad, runLoad } from './load.js';
import { pgbench } from './pgbench.js';
import { DEMO_PASSWORD, query } from './postgres.js';

/**
 * claimNext of server/src/queues/call-next.ts with its parameters as the demo center has them
 * (priority may be called, ageing after 30 minutes), then putAtCounter's update of the ticket.
 * pgbench picks the counter at random, so the copy drops tickets_one_active_per_counter: here
 * nothing completes the ticket a counter was given.
 */
export function claimScript(counters: number): string {
  const aged = 't.queued_at <= now() - make_interval(mins => 30)';
  return `\\set counter random(1, ${counters})
BEGIN;
SELECT t.id AS ticket_id, t.priority, ${aged} AS aged, cs.position AS service_position
FROM tickets t
JOIN counter_services cs ON cs.service_id = t.service_id AND cs.counter_id = :counter
WHERE t.status = 'waiting'
  AND (t.reserved_counter_id IS NULL OR t.reserved_counter_id = :counter)
ORDER BY (t.reserved_counter_id IS NOT NULL) DESC, ((t.priority IS NOT NULL) = true::boolean) DESC, ${aged} DESC,
  CASE WHEN ${aged} THEN 0 ELSE cs.position END, t.queued_at, t.id
LIMIT 1
FOR UPDATE OF t SKIP LOCKED \\gset
UPDATE tickets SET status = 'called', called_at = now(), counter_id = :counter, call_reason = 'next',
  reserved_counter_id = NULL
WHERE id = :ticket_id;
END;
`;
}

export async function prepareBaselineCopy(copy: string): Promise<void> {
  await query(copy, 'DROP INDEX tickets_one_active_per_counter');
}

/** Each counter's clerk signed in; counter n is clerk n's. */
export async function signInClerks(server: ServerProcess, database: string) {
  const counters = await counterIds(database);
  return Promise.all(
    counters.map(async ({ id, number }) => {
      const client = await new Client(server.url).login(`clerk${number}`, DEMO_PASSWORD);
      return { id, cookie: client.cookie! };
    }),
  );
}

const calledEvents = async (database: string) =>
  Number(
    (await query(database, `SELECT count(*) FROM ticket_events WHERE type = 'ticket.called'`)).rows[0].count,
  );

export interface CallNextOptions {
  server: ServerProcess;
  database: string;
  copy: string;
  counters: { id: number; cookie: string }[];
  warmUpSeconds: number;
  seconds: number;
}

export async function callNextFigure(o: CallNextOptions): Promise<Measurement> {
  const job = { kind: 'counters', url: o.server.url, counters: o.counters } as const;
  const warm = await runLoad({ ...job, seconds: o.warmUpSeconds });
  const depth = (await queueCheck(o.database)).waiting;
  const before = await calledEvents(o.database);
  const load = await runLoad({ ...job, seconds: o.seconds });
  const logged = (await calledEvents(o.database)) - before;
  const loadAverageAfter = machineLoad();
  const check = await queueCheck(o.database);
  // The server is idle from here; the baseline replays the same number of claims on the copy.
  const n = o.counters.length;
  const script = claimScript(n);
  await pgbench(o.copy, script, n, { transactions: warm.done });
  const base = await pgbench(o.copy, script, n, { transactions: load.done });
  const left = Number(
    (await query(o.copy, `SELECT count(*) FROM tickets WHERE status = 'waiting'`)).rows[0].count,
  );
  return {
    key: `postgres.call-next.c${n}`,
    label: `tickets called over HTTP (call-next → start → complete), ${n} counters`,
    unit: 'calls/s',
    value: load.done / load.seconds,
    baseline: { label: `pgbench claim + mark called, ${n} clients`, value: base.tps },
    goal: { kind: 'ratio-min', limit: 0.4 },
    notes: {
      called: load.done,
      calledInEventLog: logged,
      calledTwice: check.calledTwice,
      waitingAtStart: depth,
      waitingAtEnd: check.waiting,
      baselineWaitingAtEnd: left,
      requests: load.requests,
      non2xx: load.non2xx,
      errors: load.errors + load.timeouts,
      p99MsWorstCounter: load.latencyP99Ms,
      generatorCpu: generatorCpu(load),
      loadAverageAfter,
      pgbenchTransactions: base.transactions,
      pgbenchFailed: base.failed,
    },
  };
}
