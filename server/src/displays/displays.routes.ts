/**
 * The public displays' own routes (no staff session): a counter display reads its counter and
 * center, and, once paired as that counter's display, takes the rating of the ticket just
 * completed there.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { RATINGS } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { isCounterDisplayOf } from '../devices/device-access.js';
import { DomainError } from '../errors.js';
import type { Publisher } from '../events/publisher.js';
import { rateAtCounter } from '../feedback/counter-rating.js';
import type { App } from '../http/app-type.js';
import { Any, FeedbackReceipt, failures } from '../http/responses.js';
import { CounterParams, Id } from '../http/schemas.js';
import { counterDisplayInfo } from './counter-display-info.js';

const RatingBody = Type.Object({ ticketId: Id, rating: Type.Enum(RATINGS) }, { additionalProperties: false });

/** Far above a counter's pace (one citizen a minute or so), far below guessing ticket ids. */
const ratingRateLimit = {
  max: 60,
  timeWindow: 60_000,
  errorResponseBuilder: (_request: FastifyRequest, context: { after: string; max: number }) =>
    new DomainError(
      'rate_limited',
      `more than ${context.max} ratings a minute; try again in ${context.after}`,
      {
        retryAfter: context.after,
      },
    ),
};

export function displaysRoutes(app: App, db: Kysely<Database>, publisher: Publisher): void {
  const tags = ['counters'];
  app.get(
    '/api/counters/:counterId/display',
    {
      schema: {
        tags,
        params: CounterParams,
        summary: 'What a counter display shows: its counter, its center, and whether it may take ratings',
        response: {
          200: Any('CounterDisplayInfo (displays/counter-display-info.ts)'),
          ...failures(400, 404, 503),
        },
      },
    },
    (request) =>
      counterDisplayInfo(db, request.params.counterId, (counter) => isCounterDisplayOf(db, request, counter)),
  );
  app.post(
    '/api/counters/:counterId/rating',
    {
      schema: {
        tags,
        params: CounterParams,
        body: RatingBody,
        summary: 'Rate the ticket just completed at this counter, from its paired counter display',
        response: { 201: FeedbackReceipt, ...failures(400, 403, 404, 409, 429, 503) },
      },
      config: { rateLimit: ratingRateLimit },
    },
    async (request, reply) => {
      const { ticketId, rating } = request.body;
      const receipt = await rateAtCounter(
        db,
        request.params.counterId,
        ticketId,
        rating,
        (counter) => isCounterDisplayOf(db, request, counter),
        publisher,
      );
      return reply.status(201).send(receipt);
    },
  );
}
