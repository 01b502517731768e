/** Public reads: centers, their services and counters, and a live snapshot (never what staff typed). */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { publicCenterSnapshot, publicCounter } from '../../../shared/src/staff-text.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { failures, Open, WireCounter } from '../http/responses.js';
import { CenterParams } from '../http/schemas.js';
import { centerSnapshot } from './center-snapshot.js';
import { listCenters, listCounters, listServices } from './centers.repository.js';

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
            Open('a service (WireService in centers/centers.repository.ts)', {
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
  app.get(
    '/api/centers/:centerId/counters',
    {
      schema: {
        ...center,
        summary: "The center's counters as public screens show them (never what staff typed)",
        response: { 200: Type.Array(WireCounter), ...failures(400, 404, 503) },
      },
    },
    async (request) => (await listCounters(db, request.params.centerId)).map(publicCounter),
  );
  app.get(
    '/api/centers/:centerId/snapshot',
    {
      schema: {
        ...center,
        summary: 'A live snapshot: waiting per service, counters and their tickets, recent calls',
        description: 'The CenterSnapshot of shared/src/protocol.ts; `seq` is where live events resume.',
        response: {
          200: Open('the snapshot (CenterSnapshot)', { seq: Type.Integer(), centerId: Type.Integer() }),
          ...failures(400, 404, 503),
        },
      },
    },
    async (request) => publicCenterSnapshot(await centerSnapshot(db, request.params.centerId)),
  );
}
