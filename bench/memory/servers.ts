/**
 * The servers the memory suites measure, started the same way (one CPU, `--expose-gc`, the
 * gc-probe preload): Lượt and the bare Socket.IO baseline. `stop()` stops and cleans up.
 *
 * Lượt's database: by default a throw-away database on the local PostgreSQL when it answers,
 * so the server's RSS holds the server alone; otherwise (or with BENCH_MEMORY_DATABASE=embedded)
 * the embedded PGlite in a fresh DATA_DIR, whose WebAssembly heap and compiled code (~550 MiB)
 * live in the same process and move RSS by tens of MiB on their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { reachable } from '../../harness/services.js';
import { type MeasuredProcess, startMeasured } from './measured-process.js';

export const SERVER_CPU = 0;
export const CLIENT_CPU = 1;
export const BENCH_PASSWORD = 'bench-password';
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseKind = 'postgres' | 'embedded';

export interface LuotServer extends MeasuredProcess {
  database: DatabaseKind;
}

export async function chooseDatabase(): Promise<DatabaseKind> {
  const wanted = process.env.BENCH_MEMORY_DATABASE;
  if (wanted === 'embedded' || wanted === 'postgres') return wanted;
  return (await reachable(POSTGRES_ADMIN_URL)) ? 'postgres' : 'embedded';
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A database for this server alone: its env, and how to remove it afterwards. */
async function provision(
  kind: DatabaseKind,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-bench-memory-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'embedded') {
    return { env: { DATA_DIR: dataDir }, drop: async () => removeDir() };
  }
  const name = `luot_bench_memory_${process.pid}_${Date.now()}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      SEED_DEMO: 'true',
    },
    async drop() {
      removeDir();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function startLuot(database: DatabaseKind): Promise<LuotServer> {
  const db = await provision(database);
  try {
    const server = await startMeasured({
      script: 'server/src/server.ts',
      // Every bench socket comes from 127.0.0.1: lift the per-address subscribe and socket limits.
      env: {
        ...db.env,
        DEMO_PASSWORD: BENCH_PASSWORD,
        SUBSCRIBE_RATE_PER_MINUTE: '1000000',
        SOCKETS_PER_ADDRESS: '10000000',
      },
      ready: /API:\s+(http:\/\/\S+)\/api\/centers/,
      cpu: SERVER_CPU,
    });
    return {
      ...server,
      database,
      async stop() {
        try {
          await server.stop();
        } finally {
          await db.drop();
        }
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

export function startBare(): Promise<MeasuredProcess> {
  return startMeasured({
    script: 'bench/fanout/bare-server.ts',
    env: {},
    ready: /bare: (http:\/\/\S+)/,
    cpu: SERVER_CPU,
  });
}
