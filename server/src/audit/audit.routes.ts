/** GET /api/centers/:centerId/audit?limit: managers of the center and admins. */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { failures, Open } from '../http/responses.js';
import { CenterParams } from '../http/schemas.js';
import { auditTrail } from './audit-trail.js';

const Query = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) },
  { additionalProperties: false },
);

export function auditRoutes(app: App, db: Kysely<Database>): void {
  app.get(
    '/api/centers/:centerId/audit',
    {
      schema: {
        tags: ['dashboard'],
        params: CenterParams,
        querystring: Query,
        summary: "The center's audit trail, newest first",
        response: {
          200: Type.Array(Open('an audit entry (AuditEntry in audit/audit-trail.ts)', {})),
          ...failures(400, 401, 403, 404, 503),
        },
      },
    },
    async (request) => {
      const actor = assertStaff(request, ['manager', 'admin']);
      assertCenterAccess(actor, request.params.centerId);
      await assertCenterExists(db, request.params.centerId);
      return auditTrail(db, request.params.centerId, request.query.limit ?? 200);
    },
  );
}
