/** Public reads: centers and their services (counters: counters.routes.ts). */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { failures, Open } from '../http/responses.js';
import { CenterParams } from '../http/schemas.js';
import { listCenters, listServices } from './centers.repository.js';

export function centersRoutes(app: App, db: Kysely<Database>): void {
  const tags = ['centers'];
  const center = { tags, params: CenterParams };
  app.get(
    '/api/centers',
    {
      schema: {
        tags,
        summary: 'Every center: id, name and time zone',
        response: {
          200: Type.Array(
            Open('a center', { id: Type.Integer(), name: Type.String(), timezone: Type.String() }),
          ),
          ...failures(503),
        },
      },
    },
    () => listCenters(db),
  );
  app.get(
    '/api/centers/:centerId/services',
    {
      schema: {
        ...center,
        summary: "The center's services, and whether each takes a ticket now",
        response: {
          200: Type.Array(
            Open('a service (WireService in shared/src/api/services.ts)', {
              id: Type.Integer(),
              code: Type.String(),
              name: Type.String(),
              nameEn: Type.String(),
              active: Type.Boolean(),
            }),
          ),
          ...failures(400, 404, 503),
        },
      },
    },
    (request) => listServices(db, request.params.centerId),
  );
}
