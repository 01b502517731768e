/**
 * What the fan-out suites run against: a fresh Postgres database of their own (dropped after,
 * and before, in case a killed run left it), Lượt server processes and the bare Socket.IO
 * server, each pinned to one core with taskset so the watchers keep the other one.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type ServerProcess, startServer } from '../../harness/server-process.js';
import { POSTGRES_ADMIN_URL } from '../../harness/services.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_PASSWORD = 'bench-password';
/** The server under test runs on this core, the watcher fleet on the other (a 2-core machine). */
export const SERVER_CPU = 0;
export const WATCHER_CPU = 1;

/** Pins a running process and all its threads (libuv pool, V8 helpers) to one core. */
export function pin(pid: number | undefined, cpu: number): void {
  if (pid !== undefined)
    execFileSync('taskset', ['-a', '-cp', String(cpu), String(pid)], { stdio: 'ignore' });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(name: string): Promise<BenchDatabase> {
  const drop = () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {});
  await drop();
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop };
}

/** The environment every bench instance gets: quiet, no drain, limits far above the load. */
export function luotEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'bench-fanout-session-secret-0123456789abcdef',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: BENCH_PASSWORD,
    LOG_LEVEL: 'error',
    SHUTDOWN_DRAIN_MS: '0',
    ISSUE_RATE_PER_MINUTE: '1000000',
    SUBSCRIBE_RATE_PER_MINUTE: '1000000',
    PUBLIC_API_PER_MINUTE: '10000000',
    SOCKETS_PER_ADDRESS: '10000000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    ...extra,
  };
}

/** A Lượt instance pinned to `cpu`; its URL names 127.0.0.1 (never a localhost that may be ::1). */
export async function startLuot(env: Record<string, string>, cpu: number): Promise<ServerProcess> {
  const server = await startServer(env);
  pin(server.child.pid, cpu);
  return { ...server, url: server.url.replace('//localhost:', '//127.0.0.1:') };
}

export interface BareServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** bench/fanout/bare-server.ts, started pinned to `cpu`. */
export function startBare(cpu: number, env: Record<string, string> = {}): Promise<BareServer> {
  return startBenchProcess({
    script: 'bench/fanout/bare-server.ts',
    ready: /bare: (http:\/\/\S+)/,
    cpu,
    env,
  });
}

/**
 * A baseline server of ours (a script that prints its URL when ready), pinned to `cpu` when
 * given (Node-only figures), unpinned otherwise (database figures).
 */
export async function startBenchProcess(o: {
  script: string;
  ready: RegExp;
  cpu?: number;
  env?: Record<string, string>;
}): Promise<BareServer> {
  const node = [process.execPath, '--import', 'tsx', o.script];
  const [command, ...args] = o.cpu === undefined ? node : ['taskset', '-c', String(o.cpu), ...node];
  const child: ChildProcess = spawn(command!, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...o.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`${o.script} did not start in 30 s`)), 30_000);
      child.stdout?.on('data', (d: Buffer) => {
        text += d.toString();
        const match = o.ready.exec(text);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`${o.script} exited with ${code}`)));
    });
    return { url, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops every Lượt instance at once (SIGKILL: nothing of theirs is kept). */
export async function killAll(servers: ServerProcess[]): Promise<void> {
  await Promise.all(
    servers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
}
