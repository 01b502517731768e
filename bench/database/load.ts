/** Runs one load job in its own process (load-worker.ts) and reads back its result. */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LoadJob, LoadResult } from './load-worker.js';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', WORKER, JSON.stringify(job)],
    {
      maxBuffer: 16 * 2 ** 20,
    },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as LoadResult;
}

/** The generator's CPU as a share of one core over the run, for the notes. */
export const generatorCpu = (r: LoadResult) => `${Math.round(r.generatorCpuMs / 10 / r.seconds)}% of a core`;

/** The machine's 1-minute load average: figures taken on a busy machine say so. */
export const machineLoad = () => Math.round(loadavg()[0]! * 100) / 100;
