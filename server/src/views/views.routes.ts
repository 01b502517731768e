/**
 * The public read models, as boards, counter displays and the citizen's page load them: a
 * center's live snapshot and a citizen's ticket by its token. Never what staff typed.
 */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { CitizenTicketReply } from '../../../shared/src/api/tickets.js';
import { publicCenterSnapshot, publicTicketSnapshot } from '../../../shared/src/staff-text.js';
import type { Database } from '../db/tables.js';
import type { App } from '../http/app-type.js';
import { Any, failures, Open, TICKET_FIELDS } from '../http/responses.js';
import { CenterParams, TokenParams } from '../http/schemas.js';
import { centerSnapshot, ticketSnapshot } from './center-snapshot.js';

export function viewsRoutes(app: App, db: Kysely<Database>): void {
  const center = { tags: ['centers'], params: CenterParams };
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
  app.get(
    '/api/tickets/:token',
    {
      schema: {
        tags: ['tickets'],
        params: TokenParams,
        summary: "The citizen's view of their ticket, by its token",
        description:
          'The ticket, the counter calling it (or null), its center and the rating given (or null).',
        response: {
          200: Open('the ticket, the counter calling it or null, its center, its rating or null', {
            ...TICKET_FIELDS,
            centerId: Type.Integer(),
            counter: Any('the counter calling or serving it, or null'),
            feedback: Any('the rating given, { rating, hasComment }, or null'),
          }),
          ...failures(400, 404, 503),
        },
      },
    },
    async (request): Promise<CitizenTicketReply> => {
      const { ticket, counter, centerId, feedback } = publicTicketSnapshot(
        await ticketSnapshot(db, request.params.token),
      );
      return { ...ticket, counter, centerId, feedback: feedback ?? null };
    },
  );
}
