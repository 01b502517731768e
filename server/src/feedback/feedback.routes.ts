/**
 * POST /api/tickets/:token/feedback { rating, comment? }: 201 once, then 409 naming the rating
 * given; 200 when a comment is attached to a rating given without one (on the counter display).
 */
import { Type } from 'typebox';
import { RATINGS } from '../../../shared/src/protocol.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
import { FeedbackReceipt, failures } from '../http/responses.js';
import { Paragraph, TokenParams } from '../http/schemas.js';
import { rateTicket } from './feedback.js';

const FeedbackBody = Type.Object(
  { rating: Type.Enum(RATINGS), comment: Type.Optional(Paragraph(1000)) },
  { additionalProperties: false },
);

export function feedbackRoutes(app: App, ctx: DomainContext): void {
  app.post(
    '/api/tickets/:token/feedback',
    {
      schema: {
        tags: ['tickets'],
        params: TokenParams,
        body: FeedbackBody,
        summary: "Rate a completed ticket from the citizen's phone, with an optional comment",
        description:
          '201 for a new rating; 200 when the comment is attached to a rating given on the counter display; 409 feedback_exists once rated.',
        response: {
          200: FeedbackReceipt,
          201: FeedbackReceipt,
          ...failures(400, 404, 409, 503),
        },
      },
    },
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
