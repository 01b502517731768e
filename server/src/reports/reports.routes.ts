/**
 * GET /api/centers/:centerId/reports?from&to (JSON) and /reports.csv: managers of the
 * center and admins. Dates are local days YYYY-MM-DD, at most 366 of them.
 */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { CenterParams } from '../http/schemas.js';
import { centerReport } from './center-report.js';
import { reportCsv } from './report-csv.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Range = Type.Object({ from: Day, to: Day }, { additionalProperties: false });
const MAX_DAYS = 366;

function checkRange(from: string, to: string): void {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const real = (d: string, t: number) => Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  if (!real(from, a))
    throw new DomainError('validation_failed', 'querystring.from is not a real date', { field: 'from' });
  if (!real(to, b))
    throw new DomainError('validation_failed', 'querystring.to is not a real date', { field: 'to' });
  if (b < a) throw new DomainError('validation_failed', 'querystring.to is before from', { field: 'to' });
  if ((b - a) / 86_400_000 >= MAX_DAYS) {
    throw new DomainError('validation_failed', `a report covers at most ${MAX_DAYS} days`, { field: 'to' });
  }
}

export function reportsRoutes(app: App, db: Kysely<Database>): void {
  const schema = { tags: ['reports'], params: CenterParams, querystring: Range };
  const load = async (
    request: { params: { centerId: number }; query: { from: string; to: string } } & Parameters<
      typeof assertStaff
    >[0],
  ) => {
    const actor = assertStaff(request, ['manager', 'admin']);
    assertCenterAccess(actor, request.params.centerId);
    checkRange(request.query.from, request.query.to);
    await assertCenterExists(db, request.params.centerId);
    return centerReport(db, request.params.centerId, request.query.from, request.query.to);
  };
  app.get('/api/centers/:centerId/reports', { schema }, (request) => load(request));
  app.get('/api/centers/:centerId/reports.csv', { schema }, async (request, reply) => {
    const report = await load(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="luot-${report.centerId}-${report.from}-${report.to}.csv"`,
      )
      .send(reportCsv(report));
  });
}
