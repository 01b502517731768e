/**
 * The database's own ceiling for a figure: `pgbench -M extended` (the protocol `pg` speaks)
 * running a custom script at the HTTP run's concurrency, one client per thread, unpinned.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PG } from './postgres.js';

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
}

export async function pgbench(
  database: string,
  script: string,
  clients: number,
  /** A run of so many seconds, or of so many transactions in all (shared among the clients). */
  length: { seconds: number } | { transactions: number },
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'luot-pgbench-'));
  try {
    const file = join(dir, 'script.sql');
    writeFileSync(file, script);
    const args = ['-h', PG.host, '-p', String(PG.port), '-U', PG.user, '-M', 'extended', '-n'];
    args.push('-c', String(clients), '-j', String(clients), '-f', file, database);
    if ('seconds' in length) args.push('-T', String(length.seconds));
    else args.push('-t', String(Math.max(1, Math.ceil(length.transactions / clients))));
    const { stdout } = await promisify(execFile)('pgbench', args);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return {
      tps: Number(tps),
      transactions: Number(/actually processed: (\d+)/.exec(stdout)?.[1] ?? Number.NaN),
      failed: Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
