/** Calling at a counter: call-next by the policy, or one specific waiting ticket with a reason. */
import { Type } from 'typebox';
import { actorOf, requireStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
import { failures, NoContent, TicketReply } from '../http/responses.js';
import { CounterParams, Id, NoBody, Text } from '../http/schemas.js';
import { callNext, callSpecific } from './call-next.js';

const CallBody = Type.Object({ ticketId: Id, reason: Text(500) }, { additionalProperties: false });

export function callRoutes(app: App, ctx: DomainContext): void {
  const tags = ['counters'];
  const preHandler = requireStaff();
  const schema = { tags, params: CounterParams, body: NoBody };
  const staffFailures = failures(400, 401, 403, 404, 409, 503);

  app.post(
    '/api/counters/:counterId/call-next',
    {
      schema: {
        ...schema,
        summary: 'Call the next ticket for this counter (priority, aged, service order, oldest)',
        response: {
          200: TicketReply,
          204: { ...NoContent, description: 'nobody is waiting for the services of this counter' },
          ...staffFailures,
        },
      },
      preHandler,
    },
    async (request, reply) => {
      const ticket = await callNext(ctx, actorOf(request), request.params.counterId);
      if (!ticket) return reply.status(204).send();
      return { ticket };
    },
  );
  app.post(
    '/api/counters/:counterId/call',
    {
      schema: {
        ...schema,
        body: CallBody,
        summary: 'Call a specific waiting ticket out of order, with a reason',
        response: { 200: TicketReply, ...staffFailures },
      },
      preHandler,
    },
    async (request) => ({
      ticket: await callSpecific(
        ctx,
        actorOf(request),
        request.params.counterId,
        request.body.ticketId,
        request.body.reason,
      ),
    }),
  );
}
