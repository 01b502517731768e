/**
 * Start-up on PostgreSQL: instances starting together on one empty database migrate and seed
 * it once; an unreachable database answers 503 with a clear error, never a crash.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { hasPostgres } from '../helpers/database.js';
import { IN_CI, POSTGRES_ADMIN_URL } from '../helpers/services.js';
import { Client, startTestApp } from '../helpers/test-app.js';

describe.runIf(IN_CI || hasPostgres())('start-up on PostgreSQL', () => {
  const name = `luot_empty_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('migrates and seeds an empty database once when three instances start together', async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const handles = await Promise.all(
      [0, 1, 2].map(() => openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 })),
    );
    try {
      const results = await Promise.all(
        handles.map(async (h) => {
          await migrateToLatest(h.db);
          return seedDemo(h.db, 'pw-for-this-test');
        }),
      );
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      const db = handles[0]!.db;
      expect(await db.selectFrom('centers').selectAll().execute()).toHaveLength(1);
      expect(await db.selectFrom('users').selectAll().execute()).toHaveLength(10);
      expect(await db.selectFrom('counters').selectAll().execute()).toHaveLength(8);
    } finally {
      for (const h of handles) await h.close();
    }
  });
});

describe('an unreachable database', () => {
  it('answers 503 database_unavailable and readyz false, and the server stays up', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const handle = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', dataDir: '' });
    const app = await startTestApp(handle, { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' } });
    try {
      const client = new Client(app.url);
      const res = await client.get('/api/centers');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('database_unavailable');
      const issue = await client.post('/api/centers/1/tickets', { serviceId: 1 });
      expect(issue.status).toBe(503);
      expect((await client.get('/readyz')).status).toBe(503);
      expect((await client.get('/healthz')).status).toBe(200);
    } finally {
      await app.close();
      await handle.close();
    }
  });
});
