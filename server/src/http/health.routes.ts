/** Liveness and readiness: ready once migrated and seeded, the database answers, and not draining. */
import { type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../db/tables.js';
import type { App } from './app-type.js';

export interface Readiness {
  draining: boolean;
}

/**
 * A database that has not answered `SELECT 1` in this long is not ready, whatever the pool's own
 * timeouts: a load balancer's probe gets its 503 in time to send citizens elsewhere.
 */
export const READY_TIMEOUT_MS = 2_000;

/** Resolves when the database answers; rejects when it fails, or stays silent past the bound. */
async function ping(db: Kysely<Database>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), READY_TIMEOUT_MS);
  });
  const answer = sql`SELECT 1`.execute(db);
  answer.catch(() => {}); // may fail after the bound has answered: never an unhandled rejection
  try {
    await Promise.race([answer, silent]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: App, db: Kysely<Database>, readiness: Readiness): void {
  const tags = ['health'];
  app.get(
    '/healthz',
    {
      schema: {
        tags,
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
    },
    () => ({ ok: true }),
  );
  const Readiness = Type.Object({ ready: Type.Boolean(), reason: Type.Optional(Type.String()) });
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'Readiness: migrated and seeded, the database answers, not draining',
        response: {
          200: { ...Readiness, description: 'ready' },
          503: { ...Readiness, description: 'not ready: draining or database unreachable' },
        },
      },
    },
    async (_request, reply) => {
      if (readiness.draining) return reply.status(503).send({ ready: false, reason: 'draining' });
      try {
        await ping(db);
      } catch {
        return reply.status(503).send({ ready: false, reason: 'database unreachable' });
      }
      return { ready: true };
    },
  );
}
