/**
 * What the OpenAPI document (/docs) says routes answer: the one error body every failure has
 * (shared/src/errors.ts, error-handler.ts), and helpers for success bodies.
 *
 * Fastify serializes a reply by its response schema and drops what the schema does not name,
 * so success bodies here are open (`additionalProperties: true`) and name only the key fields
 * whose types are certain; a body too varied to describe is `Type.Unknown` (sent as it is).
 */
import { type TSchema, Type } from 'typebox';
import { ERROR_STATUS } from '../../../shared/src/errors.js';

/** `{ error: { code, message, details? } }`: the body of every error response. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'a stable code', enum: Object.keys(ERROR_STATUS) }),
        message: Type.String({ description: 'for people: what was refused and why' }),
        details: Type.Optional(Type.Unknown({ description: 'e.g. the field refused, retryAfterSeconds' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const WHY = {
  400: 'validation_failed or bad_request: a parameter, query or body is refused',
  401: 'unauthenticated (no staff session) or invalid_credentials',
  403: 'forbidden (not this role or center), bad_origin, or device_not_paired',
  404: 'not_found: no such center, ticket, counter, service, user or device',
  409: 'the state does not allow it (illegal_transition, counter_busy, already_exists, ...)',
  429: 'rate_limited: too many requests from this address or device',
  503: 'database_unavailable, busy or not_ready: try again shortly',
} as const;
export type ErrorStatus = keyof typeof WHY;

/** Response schemas for the error statuses a route can answer, each the shared ErrorBody. */
export function failures(...statuses: ErrorStatus[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, { ...ErrorBody, description: WHY[s] }]));
}

/** An object with these key fields, and whatever else the route sends. */
export const Open = <T extends Record<string, TSchema>>(description: string, fields: T) =>
  Type.Object(fields, { additionalProperties: true, description });

/** A body sent as it is (too varied to describe field by field). */
export const Any = (description: string) => Type.Unknown({ description });

/** 204: nothing. */
export const NoContent = Type.Unknown({ description: 'done; no body' });

/** A ticket as every client sees it (WireTicket): never the token. */
export const TICKET_FIELDS = {
  id: Type.Integer(),
  number: Type.String({ description: 'the number called out, e.g. A012' }),
  serviceId: Type.Integer(),
  status: Type.String(),
};
export const WireTicket = Open('a ticket (WireTicket in shared/src/protocol.ts)', TICKET_FIELDS);

/** `{ ticket }`: the ticket after a staff action. */
export const TicketReply = Open('the ticket after the action', { ticket: WireTicket });

/** A counter (WireCounter in shared/src/protocol.ts). */
export const COUNTER_FIELDS = {
  id: Type.Integer(),
  number: Type.Integer({ description: 'the number shown above the counter' }),
  name: Type.String(),
  state: Type.String({ description: 'open, paused or closed' }),
};
export const WireCounter = Open('a counter (WireCounter in shared/src/protocol.ts)', COUNTER_FIELDS);

/** A rating recorded (FeedbackReceipt in feedback/feedback.ts). */
export const FeedbackReceipt = Open('the rating recorded', {
  ticketId: Type.Integer(),
  rating: Type.Integer({ description: 'the RATINGS scale of shared/src/protocol.ts' }),
});
