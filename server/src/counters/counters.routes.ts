/** Counter state and calling: open, pause, close, call-next, call a specific ticket. */
import { Type } from 'typebox';
import { actorOf, requireStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
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

  app.post(
    '/api/counters/:counterId/open',
    { schema: { ...schema, body: OpenBody }, preHandler },
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
    { schema: { ...schema, body: PauseBody }, preHandler },
    (request) =>
      setCounterState(ctx, actorOf(request), request.params.counterId, 'paused', request.body.reason),
  );
  app.post('/api/counters/:counterId/close', { schema, preHandler }, (request) =>
    setCounterState(ctx, actorOf(request), request.params.counterId, 'closed'),
  );
  app.post('/api/counters/:counterId/call-next', { schema, preHandler }, async (request, reply) => {
    const ticket = await callNext(ctx, actorOf(request), request.params.counterId);
    if (!ticket) return reply.status(204).send();
    return { ticket };
  });
  app.post(
    '/api/counters/:counterId/call',
    { schema: { ...schema, body: CallBody }, preHandler },
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
