/** Every staff transition of DESIGN.md §7, and the citizen's cancel (issuance: queues/issue.routes.ts). */

import { Type } from 'typebox';
import { TICKET_ACTION_PATH } from '../../../shared/src/protocol.js';
import { actorOf, assertStaff, requireStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { failures, TicketReply } from '../http/responses.js';
import { CancelReason, Id, NoBody, Outcome, Paragraph, Text, TicketParams } from '../http/schemas.js';
import { decidePriority } from './priority-check.js';
import {
  applyAction,
  cancelByStaff,
  cancelByToken,
  completeTicket,
  resumeTicket,
  type SimpleAction,
  transferTicket,
} from './ticket-transitions.js';

/** A ticket id (up to ten digits) or a token (never all digits): anything else is neither. */
const RefParams = Type.Object({
  ref: Type.String({ pattern: '^([0-9]{1,10}|[A-Za-z0-9_-]{16,64})$' }),
});

const CompleteBody = Type.Optional(
  Type.Object(
    { outcome: Type.Optional(Outcome), note: Type.Optional(Paragraph(1000)) },
    { additionalProperties: false },
  ),
);
// Staff say why they cancel; the citizen cancelling their own ticket sends nothing.
const CancelBody = Type.Optional(
  Type.Object(
    { reason: Type.Optional(CancelReason), note: Type.Optional(Paragraph(500)) },
    { additionalProperties: false },
  ),
);
const ResumeBody = Type.Optional(
  Type.Object({ counterId: Type.Optional(Id) }, { additionalProperties: false }),
);
/**
 * One object, not a union of two: a refused reason is then named for what is wrong with it (a
 * union answered with the first branch's complaint, "must NOT have additional properties").
 * A reason is required to remove a priority and refused with a confirmation (see the route).
 */
const PriorityBody = Type.Object(
  { decision: Type.Enum(['confirm', 'remove']), reason: Type.Optional(Text(500)) },
  { additionalProperties: false },
);
const reasonFault = (body: { decision: string; reason?: string }): string | null => {
  if (body.decision === 'remove' && body.reason === undefined) return 'is required to remove a priority';
  if (body.decision === 'confirm' && body.reason !== undefined) return 'is given only to remove a priority';
  return null;
};
const TransferBody = Type.Object(
  {
    serviceId: Id,
    counterId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description:
          'Send the citizen to this counter: one of the center that serves `serviceId`, not closed, not the ticket’s own. The new ticket is reserved for it (its call-next takes it first, reason `transfer`; other counters pass it by) until it is called or that counter closes.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Staff actions that take no body (cancel has its own route: staff by id, citizen by token). */
const SIMPLE: SimpleAction[] = ['recall', 'start', 'no_show', 'return', 'hold', 'reactivate'];
const SUMMARY: Partial<Record<SimpleAction, string>> = {
  recall: 'Call the ticket again at its counter',
  start: 'Start serving the called ticket',
  no_show: 'Mark the called ticket as a no-show',
  return: 'Return the called ticket to the queue',
  hold: 'Put the ticket on hold (papers missing, say)',
  reactivate: 'Reactivate a no-show ticket: back in the queue',
};

export function ticketsRoutes(app: App, ctx: DomainContext): void {
  const tags = ['tickets'];
  const staff = requireStaff();

  // One path, two callers: staff name the ticket by id (digits), the citizen by token (never all digits).
  app.post(
    '/api/tickets/:ref/cancel',
    {
      schema: {
        tags,
        params: RefParams,
        body: CancelBody,
        summary: 'Cancel a waiting ticket: by its citizen (token) or by staff (id, with a reason)',
        response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const { ref } = request.params;
      if (!/^\d+$/.test(ref)) return { ticket: await cancelByToken(ctx, ref) };
      const actor = assertStaff(request);
      const id = Number(ref);
      if (id < 1 || id > 2_147_483_647)
        throw new DomainError('validation_failed', 'params.ref is not a ticket id', {
          in: 'params',
          field: 'ref',
        });
      return {
        ticket: await cancelByStaff(ctx, actor, id, request.body?.reason, request.body?.note ?? null),
      };
    },
  );

  for (const action of SIMPLE) {
    const segment = TICKET_ACTION_PATH[action];
    app.post(
      `/api/tickets/:id/${segment}`,
      {
        schema: {
          tags,
          params: TicketParams,
          body: NoBody,
          summary: SUMMARY[action],
          response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
        },
        preHandler: staff,
      },
      async (request) => ({
        ticket: await applyAction(ctx, actorOf(request), request.params.id, action),
      }),
    );
  }

  app.post(
    '/api/tickets/:id/complete',
    {
      schema: {
        tags,
        params: TicketParams,
        body: CompleteBody,
        summary: 'Complete the ticket being served, with its outcome and a note',
        response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
      },
      preHandler: staff,
    },
    async (request) => ({
      ticket: await completeTicket(
        ctx,
        actorOf(request),
        request.params.id,
        request.body?.outcome ?? 'resolved',
        request.body?.note ?? null,
      ),
    }),
  );

  app.post(
    '/api/tickets/:id/resume',
    {
      schema: {
        tags,
        params: TicketParams,
        body: ResumeBody,
        summary: 'Resume a held ticket, at this or another counter',
        response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
      },
      preHandler: staff,
    },
    async (request) => ({
      ticket: await resumeTicket(ctx, actorOf(request), request.params.id, request.body?.counterId ?? null),
    }),
  );

  app.post(
    '/api/tickets/:id/transfer',
    {
      schema: {
        tags,
        params: TicketParams,
        body: TransferBody,
        summary:
          'Transfer the ticket to another service: a new waiting ticket there, reserved for one counter when `counterId` is given',
        description:
          '400 `bad_request` when `counterId` is of another center, does not serve the service or is the ticket’s own counter; 404 when the service or counter does not exist; 409 `counter_closed` when that counter is closed, `illegal_transition` from a state other than called or serving.',
        response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
      },
      preHandler: staff,
    },
    async (request) => ({
      ticket: await transferTicket(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.serviceId,
        request.body.counterId ?? null,
      ),
    }),
  );

  app.post(
    '/api/tickets/:id/priority',
    {
      schema: {
        tags,
        params: TicketParams,
        body: PriorityBody,
        summary: "Confirm or remove (with a reason) a citizen's claimed priority",
        response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
      },
      preHandler: staff,
    },
    async (request) => {
      const fault = reasonFault(request.body);
      if (fault) {
        throw new DomainError('validation_failed', `body.reason ${fault}`, { in: 'body', field: 'reason' });
      }
      const { decision, reason } = request.body;
      const chosen = decision === 'remove' ? { decision, reason: reason! } : { decision };
      return { ticket: await decidePriority(ctx, actorOf(request), request.params.id, chosen) };
    },
  );
}
