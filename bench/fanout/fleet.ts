/**
 * The bench side of the watcher fleet: spawns watcher-fleet.ts pinned to its own core
 * (`taskset -c <cpu>`), sends it requests over IPC and resolves each with its reply.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Envelope, FleetReply, FleetRequest } from './fleet-protocol.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class WatcherFleet {
  #child: ChildProcess;
  #next = 1;
  #pending = new Map<number, { resolve: (r: FleetReply) => void; reject: (e: Error) => void }>();

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: Envelope<FleetReply>) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.type === 'error') pending?.reject(new Error(`watcher fleet: ${reply.message}`));
      else pending?.resolve(reply);
    });
    child.once('exit', (code, signal) => {
      for (const { reject } of this.#pending.values())
        reject(new Error(`watcher fleet exited (${code ?? signal})`));
      this.#pending.clear();
    });
  }

  static start(cpu: number): WatcherFleet {
    const child = spawn(
      'taskset',
      ['-c', String(cpu), process.execPath, '--import', 'tsx', 'bench/fanout/watcher-fleet.ts'],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    return new WatcherFleet(child);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  request<T extends FleetReply['type']>(
    request: FleetRequest,
    expect: T,
  ): Promise<Extract<FleetReply, { type: T }>> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (reply) =>
          reply.type === expect
            ? resolve(reply as Extract<FleetReply, { type: T }>)
            : reject(new Error(`watcher fleet answered ${reply.type}, not ${expect}`)),
        reject,
      });
      this.#child.send({ ...request, id } satisfies Envelope<FleetRequest>);
    });
  }

  /** Opens one socket per entry of `centers` (the center it joins); throws if any fails. */
  async connect(url: string, centers: number[], concurrency: number) {
    const opened = await this.request({ type: 'connect', url, centers, concurrency }, 'connected');
    if (opened.failed > 0)
      throw new Error(`${opened.failed} of ${centers.length} sockets failed: ${opened.firstError}`);
    return opened;
  }

  /** Asks it to close its sockets and leave; kills it if it has not within 5 s. */
  async close(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
