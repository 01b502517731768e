/**
 * POST /api/tickets/:token/feedback { rating, comment? }: 201 once, then 409 naming the rating
 * given; 200 when a comment is attached to a rating given without one (on the counter display).
 */
import { Type } from 'typebox';
import { RATINGS } from '../../../shared/src/protocol.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
import { Paragraph, TokenParams } from '../http/schemas.js';
import { rateTicket } from './feedback.js';

const FeedbackBody = Type.Object(
  { rating: Type.Enum(RATINGS), comment: Type.Optional(Paragraph(1000)) },
  { additionalProperties: false },
);

export function feedbackRoutes(app: App, ctx: DomainContext): void {
  app.post(
    '/api/tickets/:token/feedback',
    { schema: { tags: ['tickets'], params: TokenParams, body: FeedbackBody } },
    async (request, reply) => {
      const { receipt, created } = await rateTicket(
        ctx,
        request.params.token,
        request.body.rating,
        request.body.comment ?? null,
      );
      return reply.status(created ? 201 : 200).send(receipt);
    },
  );
}
