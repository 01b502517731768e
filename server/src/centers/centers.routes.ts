/** Public reads: centers, their services and counters, and a live snapshot (never what staff typed). */
import type { Kysely } from 'kysely';
import { publicCenterSnapshot, publicCounter } from '../../../shared/src/staff-text.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { CenterParams } from '../http/schemas.js';
import { centerSnapshot } from './center-snapshot.js';
import { listCenters, listCounters, listServices } from './centers.repository.js';

export function centersRoutes(app: App, db: Kysely<Database>): void {
  const tags = ['centers'];
  app.get('/api/centers', { schema: { tags } }, () => listCenters(db));
  app.get('/api/centers/:centerId/services', { schema: { tags, params: CenterParams } }, (request) =>
    listServices(db, request.params.centerId),
  );
  app.get('/api/centers/:centerId/counters', { schema: { tags, params: CenterParams } }, async (request) =>
    (await listCounters(db, request.params.centerId)).map(publicCounter),
  );
  app.get('/api/centers/:centerId/snapshot', { schema: { tags, params: CenterParams } }, async (request) =>
    publicCenterSnapshot(await centerSnapshot(db, request.params.centerId)),
  );
}
