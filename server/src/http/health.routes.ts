/** Liveness and readiness: ready once migrated and seeded, the database answers, and not draining. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';
import type { App } from './app-type.js';

export interface Readiness {
  draining: boolean;
}

export function healthRoutes(app: App, db: Kysely<Database>, readiness: Readiness): void {
  const tags = ['health'];
  app.get('/healthz', { schema: { tags } }, () => ({ ok: true }));
  app.get('/readyz', { schema: { tags } }, async (_request, reply) => {
    if (readiness.draining) return reply.status(503).send({ ready: false, reason: 'draining' });
    try {
      await sql`SELECT 1`.execute(db);
    } catch {
      return reply.status(503).send({ ready: false, reason: 'database unreachable' });
    }
    return { ready: true };
  });
}
