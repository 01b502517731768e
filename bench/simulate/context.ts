/** What every actor of a run shares: the server, the simulated clock, the ledger, the options. */
import type { Client, Reply } from '../../harness/http-client.js';
import type { SimClock } from './clock.js';
import type { Ledger } from './ledger.js';
import type { SimOptions } from './options.js';

export interface SimContext {
  base: string;
  /** Started once every clerk has signed in. */
  clock: SimClock;
  ledger: Ledger;
  options: SimOptions;
  password: string;
  /** Real milliseconds of every request the bots and kiosks made. */
  latencies: number[];
  /** Set when the last ticket has been issued and nothing is left to serve. */
  stopping: AbortController;
}

/** A request through `client`, its time added to the run's latencies. */
export async function timed<T = any>(
  ctx: SimContext,
  client: Client,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const t = performance.now();
  try {
    return await client.request<T>(method, path, body);
  } finally {
    ctx.latencies.push(performance.now() - t);
  }
}
