/** A center's counters (public), and counter state: open, pause, close (calling: queues/call.routes.ts). */
import { Type } from 'typebox';
import { publicCounter } from '../../../shared/src/staff-text.js';
import { actorOf, requireStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
import { failures, WireCounter } from '../http/responses.js';
import { CenterParams, CounterParams, NoBody, Text } from '../http/schemas.js';
import { setCounterState } from './counter-state.js';
import { listCounters } from './counters.repository.js';

/** `takeover`: take the counter over from the clerk who holds it (asked first, then logged). */
const OpenBody = Type.Optional(
  Type.Object({ takeover: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
);
const PauseBody = Type.Object({ reason: Text(200) }, { additionalProperties: false });

export function countersRoutes(app: App, ctx: DomainContext): void {
  const tags = ['counters'];
  const preHandler = requireStaff();
  const schema = { tags, params: CounterParams, body: NoBody };
  const staffFailures = failures(400, 401, 403, 404, 409, 503);

  app.get(
    '/api/centers/:centerId/counters',
    {
      schema: {
        tags,
        params: CenterParams,
        summary: "The center's counters as public screens show them (never what staff typed)",
        response: { 200: Type.Array(WireCounter), ...failures(400, 404, 503) },
      },
    },
    async (request) => (await listCounters(ctx.db, request.params.centerId)).map(publicCounter),
  );
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
}
