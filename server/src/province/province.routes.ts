/** GET /api/province/overview: every center side by side, for admins only. */
import type { Kysely } from 'kysely';
import { assertStaff } from '../auth/staff-session.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { provinceOverview } from './province-overview.js';

export function provinceRoutes(app: App, db: Kysely<Database>): void {
  app.get('/api/province/overview', { schema: { tags: ['province'] } }, async (request) => {
    assertStaff(request, ['admin']);
    return { centers: await provinceOverview(db) };
  });
}
