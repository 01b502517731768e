/** The signed-in clerk's own figures for today (the console's "Hôm nay của tôi"). */
import type { Kysely } from 'kysely';
import { actorOf, requireStaff } from '../auth/staff-session.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { Any, failures } from '../http/responses.js';
import { clerkToday } from './clerk-today.js';

export function statsRoutes(app: App, db: Kysely<Database>): void {
  const preHandler = requireStaff();
  app.get(
    '/api/me/today',
    {
      schema: {
        tags: ['auth'],
        summary: "The signed-in clerk's own figures for today",
        response: { 200: Any('the figures (ClerkToday in shared/src/api/users.ts)'), ...failures(401, 503) },
      },
      preHandler,
    },
    (request) => clerkToday(db, actorOf(request)),
  );
}
