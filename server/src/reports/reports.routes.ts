/**
 * GET /api/centers/:centerId/reports?from&to (JSON) and /reports.csv: managers of the
 * center and admins. Dates are local days YYYY-MM-DD, at most 366 of them.
 */
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import { REPORT_POOL_SIZE } from '../db/postgres-pool.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { failures, Open } from '../http/responses.js';
import { CenterParams } from '../http/schemas.js';
import { centerReport } from './center-report.js';
import { reportCsv } from './report-csv.js';
import { RETRY_AFTER_SECONDS, ReportSlots } from './report-slots.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Range = Type.Object({ from: Day, to: Day }, { additionalProperties: false });
const MAX_DAYS = 366;
/**
 * The days a report may name. PostgreSQL refuses year 0 outright (a 500 before this) and takes
 * years far outside any data; neither is a question anybody asks of a queue.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';

const refuse = (field: 'from' | 'to', reason: string) =>
  new DomainError('validation_failed', `querystring.${field} ${reason}`, {
    in: 'querystring',
    field,
    reason,
  });

/** A real calendar day (not 2025-02-30) between FIRST_DAY and LAST_DAY; its UTC midnight. */
function checkDay(field: 'from' | 'to', day: string): number {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== day)
    throw refuse(field, 'is not a real date');
  // YYYY-MM-DD compares as text in calendar order.
  if (day < FIRST_DAY || day > LAST_DAY) throw refuse(field, `must be between ${FIRST_DAY} and ${LAST_DAY}`);
  return t;
}

function checkRange(from: string, to: string): void {
  const a = checkDay('from', from);
  const b = checkDay('to', to);
  if (b < a) throw refuse('to', 'is before from');
  if ((b - a) / 86_400_000 >= MAX_DAYS) throw refuse('to', `must be within ${MAX_DAYS} days of from`);
}

export function reportsRoutes(app: App, db: Kysely<Database>): void {
  const schema = { tags: ['reports'], params: CenterParams, querystring: Range };
  // As many at once as the reports' lane has connections (report-slots.ts).
  const slots = new ReportSlots(REPORT_POOL_SIZE);
  const load = async (
    request: { params: { centerId: number }; query: { from: string; to: string } } & Parameters<
      typeof assertStaff
    >[0],
    reply: FastifyReply,
  ) => {
    const actor = assertStaff(request, ['manager', 'admin']);
    assertCenterAccess(actor, request.params.centerId);
    checkRange(request.query.from, request.query.to);
    try {
      return await slots.run(async () => {
        await assertCenterExists(db, request.params.centerId);
        return centerReport(db, request.params.centerId, request.query.from, request.query.to);
      });
    } catch (error) {
      // Busy says when to come back in the header too, as HTTP clients expect.
      if (error instanceof DomainError && error.code === 'busy')
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw error;
    }
  };
  const fails = failures(400, 401, 403, 404, 503);
  app.get(
    '/api/centers/:centerId/reports',
    {
      schema: {
        ...schema,
        summary: "A center's report over local days from..to (at most 366)",
        description: '503 busy when too many reports are running: retry after Retry-After seconds.',
        response: {
          200: Open('the report (CenterReport in reports/center-report.ts)', {
            centerId: Type.Integer(),
            from: Type.String(),
            to: Type.String(),
          }),
          ...fails,
        },
      },
    },
    (request, reply) => load(request, reply),
  );
  app.get(
    '/api/centers/:centerId/reports.csv',
    {
      schema: {
        ...schema,
        summary: 'The same report as CSV (an attachment)',
        response: { 200: Type.String({ description: 'text/csv' }), ...fails },
      },
    },
    async (request, reply) => {
      const report = await load(request, reply);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="luot-${report.centerId}-${report.from}-${report.to}.csv"`,
        )
        .send(reportCsv(report));
    },
  );
}
