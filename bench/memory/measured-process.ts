/**
 * A server process whose memory we read from outside: pinned to one CPU with taskset, started
 * with `--expose-gc` and the gc-probe preload. `afterGc()` signals it, waits for the probe's
 * line, and reads VmRSS from /proc (taskset execs node, so the pid is node's own).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface MemoryReading {
  /** VmRSS from /proc/<pid>/status, in bytes. */
  rss: number;
  heapUsed: number;
  external: number;
}

export interface MeasuredProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  afterGc(timeoutMs?: number): Promise<MemoryReading>;
  stop(): Promise<void>;
}

export interface MeasuredOptions {
  /** Script relative to the repository root, run through tsx. */
  script: string;
  env: Record<string, string>;
  /** Matches the server's "I am listening" line; group 1 is the base URL. */
  ready: RegExp;
  cpu: number;
  timeoutMs?: number;
}

function vmRss(pid: number): number {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kib) * 1024;
}

export async function startMeasured(options: MeasuredOptions): Promise<MeasuredProcess> {
  const node = [process.execPath, '--expose-gc', '--import', 'tsx', '--import', './bench/memory/gc-probe.ts'];
  const child = spawn('taskset', ['-c', String(options.cpu), ...node, options.script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let probes: ((line: string) => void)[] = [];
  const append = (d: Buffer) => {
    text += d.toString();
    if (text.length > 200_000) text = text.slice(-100_000); // a long soak must not keep every line
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', (d: Buffer) => {
    append(d);
    for (const line of d.toString().split('\n')) {
      if (!line.startsWith('gc-probe rss=')) continue;
      const waiting = probes;
      probes = [];
      for (const resolve of waiting) resolve(line);
    }
  });
  const exited = once(child, 'exit');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.script} did not start in ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const check = () => {
      const match = options.ready.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.script} exited with ${code} before starting:\n${text}`));
    });
  });
  return {
    child,
    url,
    output: () => text,
    async afterGc(probeTimeoutMs = 30_000) {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('gc-probe did not answer')), probeTimeoutMs);
        probes.push((l) => {
          clearTimeout(timer);
          resolve(l);
        });
        child.kill('SIGUSR2');
      });
      const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(line)?.[1]);
      return { rss: vmRss(child.pid!), heapUsed: field('heapUsed'), external: field('external') };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    },
  };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * RSS after GC, read until it holds still: V8 and malloc hand freed pages back to the system
 * some seconds after a collection (and a start that built the web pages leaves a lot to hand
 * back), so one reading can sit tens of MiB above the next.
 */
export async function steadyAfterGc(server: MeasuredProcess): Promise<MemoryReading> {
  let reading = await server.afterGc();
  for (let i = 0; i < 8; i++) {
    await settle(1500);
    const next = await server.afterGc();
    const still = Math.abs(next.rss - reading.rss) < 2 ** 20;
    reading = next;
    if (still) break;
  }
  return reading;
}
