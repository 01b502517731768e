/**
 * The parent's handle on a watchers.ts process: started pinned to one CPU with taskset, driven
 * by request/reply over IPC, stopped with its sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { WatcherCommand, WatcherStats } from './watchers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface WatcherPool {
  send(command: WatcherCommand): Promise<WatcherStats>;
  stop(): Promise<void>;
}

export function startWatchers(cpu: number): WatcherPool {
  const child: ChildProcess = spawn(
    'taskset',
    ['-c', String(cpu), process.execPath, '--import', 'tsx', 'bench/memory/watchers.ts'],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = once(child, 'exit');
  let next = 1;
  const waiting = new Map<number, { resolve: (s: WatcherStats) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; stats: WatcherStats; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(`watchers: ${m.error}`));
    else w?.resolve(m.stats);
  });
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`watchers exited with ${code}`));
    waiting.clear();
  });
  return {
    send(command) {
      return new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        child.send({ id, command });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
