/**
 * Once per run: the browser pages built (Vite empties its output while it builds, so a build
 * started by one test file would take the pages away from the others mid-run), a migrated and
 * seeded PGlite template (each test file loads a copy in well under a second instead of
 * creating a database in seconds), and, when Postgres is there, a template database that each
 * test file clones with CREATE DATABASE … TEMPLATE.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { ensureWebBuild } from '../../server/src/http/web-pages.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { IN_CI, missingServiceNotice, POSTGRES_ADMIN_URL, REDIS_URL, reachable } from './services.js';
import { TEST_PASSWORD } from './test-password.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
    redisUrl: string | null;
    runId: string;
  }
}

async function prepareTemplate(db: Parameters<typeof migrateToLatest>[0]) {
  await migrateToLatest(db);
  await seedDemo(db, TEST_PASSWORD);
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'luot-test-'));

  const pglite = await PGlite.create();
  const handle = await openDatabase({ databaseUrl: null, dataDir: dir, pglite });
  await prepareTemplate(handle.db);
  const dump = await pglite.dumpDataDir('none');
  const templatePath = join(dir, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close(); // closes the PGlite too

  let postgresTemplate: string | null = null;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  if (await reachable(POSTGRES_ADMIN_URL)) {
    await admin.connect();
    postgresTemplate = `luot_tpl_${runId}`;
    await admin.query(`CREATE DATABASE ${postgresTemplate}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${postgresTemplate}`;
    const tpl = await openDatabase({ databaseUrl: url.toString(), dataDir: dir, poolSize: 2 });
    await prepareTemplate(tpl.db);
    await tpl.close();
  } else if (IN_CI) {
    throw new Error(`CI=true but PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}`);
  } else {
    console.warn(missingServiceNotice('PostgreSQL', POSTGRES_ADMIN_URL));
  }

  let redisUrl: string | null = REDIS_URL;
  if (!(await reachable(REDIS_URL))) {
    if (IN_CI) throw new Error(`CI=true but Redis is not reachable at ${REDIS_URL}`);
    console.warn(missingServiceNotice('Redis', REDIS_URL));
    redisUrl = null;
  }

  project.provide('pgliteTemplate', templatePath);
  project.provide('postgresTemplate', postgresTemplate);
  project.provide('redisUrl', redisUrl);
  project.provide('runId', runId);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (postgresTemplate) {
      // Drop the template and every database cloned from it in this run.
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`luot_%${runId}%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}
