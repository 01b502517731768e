/** What the clerk console reads of the queue: who would be called next at a counter, and why. */
import type { Kysely } from 'kysely';
import { actorOf, requireStaff } from '../auth/staff-session.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { Any, failures } from '../http/responses.js';
import { CounterParams } from '../http/schemas.js';
import { counterQueue } from './queue-preview.js';

export function queueRoutes(app: App, db: Kysely<Database>): void {
  const preHandler = requireStaff();
  app.get(
    '/api/counters/:counterId/queue',
    {
      schema: {
        tags: ['counters'],
        params: CounterParams,
        summary: "The counter's queue: who would be called next, and why",
        response: {
          200: Any('the counter queue (CounterQueue in shared/src/api/counters.ts)'),
          ...failures(400, 401, 403, 404, 503),
        },
      },
      preHandler,
    },
    (request) => counterQueue(db, actorOf(request), request.params.counterId),
  );
}
