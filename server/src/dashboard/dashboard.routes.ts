/** GET /api/centers/:centerId/dashboard: managers of that center and admins only. */
import type { Kysely } from 'kysely';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { Any, failures } from '../http/responses.js';
import { CenterParams } from '../http/schemas.js';
import { centerDashboard } from './center-dashboard.js';

export function dashboardRoutes(app: App, db: Kysely<Database>): void {
  app.get(
    '/api/centers/:centerId/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        params: CenterParams,
        summary: "The center's live dashboard: queues, counters, waits, today's figures",
        response: {
          200: Any('CenterDashboard (shared/src/api/dashboard.ts)'),
          ...failures(400, 401, 403, 404, 503),
        },
      },
    },
    (request) => {
      const actor = assertStaff(request, ['manager', 'admin']);
      assertCenterAccess(actor, request.params.centerId);
      return centerDashboard(db, request.params.centerId);
    },
  );
}
