/** Counter state and calling: open, pause, close, call-next, call a specific ticket. */
import { Type } from 'typebox';
import { actorOf, requireStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
import { failures, NoContent, TicketReply, WireCounter } from '../http/responses.js';
import { CounterParams, Id, NoBody, Text } from '../http/schemas.js';
import { callNext, callSpecific } from '../queues/call-next.js';
import { setCounterState } from './counter-state.js';

/** `takeover`: take the counter over from the clerk who holds it (asked first, then logged). */
const OpenBody = Type.Optional(
  Type.Object({ takeover: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
);
const PauseBody = Type.Object({ reason: Text(200) }, { additionalProperties: false });
const CallBody = Type.Object({ ticketId: Id, reason: Text(500) }, { additionalProperties: false });

export function countersRoutes(app: App, ctx: DomainContext): void {
  const tags = ['counters'];
  const preHandler = requireStaff();
  const schema = { tags, params: CounterParams, body: NoBody };
  const staffFailures = failures(400, 401, 403, 404, 409, 503);

  app.post(
    '/api/counters/:counterId/open',
    {
      schema: {
        ...schema,
        body: OpenBody,
        summary: 'Open the counter and hold it (takeover: take it from the clerk who holds it)',
        description:
          '409 counter_held_by_other names the holder in details.holder when another clerk holds it.',
        response: { 200: WireCounter, ...staffFailures },
      },
      preHandler,
    },
    (request) =>
      setCounterState(
        ctx,
        actorOf(request),
        request.params.counterId,
        'open',
        null,
        request.body?.takeover === true,
      ),
  );
  app.post(
    '/api/counters/:counterId/pause',
    {
      schema: {
        ...schema,
        body: PauseBody,
        summary: 'Pause the counter, with a reason',
        response: { 200: WireCounter, ...staffFailures },
      },
      preHandler,
    },
    (request) =>
      setCounterState(ctx, actorOf(request), request.params.counterId, 'paused', request.body.reason),
  );
  app.post(
    '/api/counters/:counterId/close',
    {
      schema: {
        ...schema,
        summary: 'Close the counter and give it up',
        response: { 200: WireCounter, ...staffFailures },
      },
      preHandler,
    },
    (request) => setCounterState(ctx, actorOf(request), request.params.counterId, 'closed'),
  );
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
