/**
 * Issue throughput on the embedded default (PGlite in a fresh DATA_DIR), 8 kiosk clients over
 * HTTP against a real server process. Reported on its own: PGlite has no pgbench to compare with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../harness/server-process.js';
import { issueLoad, issueNotes, pairedKioskToken, serviceIds } from '../database/issue.js';
import { DEMO_PASSWORD } from '../database/postgres.js';
import type { BenchSuite, Measurement } from '../lib/figures.js';

const SECONDS = Number(process.env.BENCH_DB_SECONDS ?? 10);
const CLIENTS = 8;

export const embeddedIssueSuite: BenchSuite = {
  name: 'embedded-issue',
  async run(): Promise<Measurement[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'luot-bench-issue-'));
    try {
      const server = await startServer({
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        SEED_DEMO: 'true',
        DEMO_PASSWORD,
        ISSUE_RATE_PER_MINUTE: '1000000',
        LOG_LEVEL: 'warn',
      });
      try {
        const ids = await serviceIds(server.url);
        const kiosk = await pairedKioskToken(server.url, DEMO_PASSWORD);
        await issueLoad(server.url, ids, CLIENTS, 3, kiosk);
        const load = await issueLoad(server.url, ids, CLIENTS, SECONDS, kiosk);
        return [
          {
            key: 'embedded.issue.c8',
            label: `tickets issued over HTTP, ${CLIENTS} clients (embedded PGlite)`,
            unit: 'tickets/s',
            value: load.done / load.seconds,
            notes: issueNotes(load),
          },
        ];
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
