/**
 * Embedded default (issue 7 §6): first start (create the database, migrate, seed) and restart
 * to ready, each read from the server's own "ready in N ms" line; the process wall time is a
 * note (it includes Node and tsx loading the code).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServer } from '../../harness/server-process.js';
import type { BenchSuite, Measurement } from '../lib/figures.js';

function readyIn(server: ServerProcess): number {
  return Number(/ready in (\d+) ms/.exec(server.output())?.[1] ?? Number.NaN);
}

export const startupSuite: BenchSuite = {
  name: 'startup',
  async run(): Promise<Measurement[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'luot-bench-startup-'));
    try {
      const env = { DATA_DIR: dataDir, DEMO_PASSWORD: 'bench-password' };
      let t = performance.now();
      let server = await startServer(env);
      const firstWall = performance.now() - t;
      const first = readyIn(server);
      await server.stop();
      t = performance.now();
      server = await startServer(env);
      const restartWall = performance.now() - t;
      const restart = readyIn(server);
      await server.stop();
      return [
        {
          key: 'embedded.first-start',
          label: 'embedded first start (create database, migrate, seed) to ready',
          unit: 'ms',
          value: first,
          goal: { kind: 'max', limit: 5000 },
          notes: { processWallMs: Math.round(firstWall) },
        },
        {
          key: 'embedded.restart',
          label: 'embedded restart to ready',
          unit: 'ms',
          value: restart,
          goal: { kind: 'max', limit: 2000 },
          notes: { processWallMs: Math.round(restartWall) },
        },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
