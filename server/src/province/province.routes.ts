/** GET /api/province/overview: every center side by side, for admins only. */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { ProvinceOverviewReply } from '../../../shared/src/api/province.js';
import { assertStaff } from '../auth/staff-session.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { failures, Open } from '../http/responses.js';
import { provinceOverview } from './province-overview.js';

export function provinceRoutes(app: App, db: Kysely<Database>): void {
  app.get(
    '/api/province/overview',
    {
      schema: {
        tags: ['province'],
        summary: 'Every center side by side (admins only)',
        response: {
          200: Open('the overview', {
            centers: Type.Array(Open('a center overview (CenterOverview in shared/src/api/province.ts)', {})),
          }),
          ...failures(401, 403, 503),
        },
      },
    },
    async (request): Promise<ProvinceOverviewReply> => {
      assertStaff(request, ['admin']);
      return { centers: await provinceOverview(db) };
    },
  );
}
