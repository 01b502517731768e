/**
 * Issuance: taking a ticket is joining a service's line, so the reply carries the place in it
 * (DESIGN.md §7). Kiosk, web and staff channels, each with its own limits.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { IssuedTicket } from '../../../shared/src/api/tickets.js';
import { type Actor, mayActIn } from '../auth/actor.js';
import type { DomainContext } from '../context.js';
import { isPairedKiosk } from '../devices/device-access.js';
import type { App } from '../http/app-type.js';
import { failures, Open, TICKET_FIELDS } from '../http/responses.js';
import { CenterParams, Channel, Id, Priority } from '../http/schemas.js';
import { secureCookie } from '../http/secure-cookies.js';
import type { DeviceIds } from '../tickets/device-ids.js';
import { assertMayIssueOn } from '../tickets/issuance-channel.js';
import { deviceOf, type IssuanceLimits, issueRateLimit } from '../tickets/issuance-limits.js';
import { issueTicket } from '../tickets/issue-ticket.js';
import { positionOf } from './positions.js';

const IssueBody = Type.Object(
  {
    serviceId: Id,
    priority: Type.Optional(Type.Union([Priority, Type.Null()])),
    channel: Type.Optional(Channel),
  },
  { additionalProperties: false },
);
/** The staff session of a request when it may act in the center, else null (anyone, as far as limits go). */
const staffOf = (request: FastifyRequest, centerId: number): Actor | null =>
  request.actor !== null && mayActIn(request.actor, centerId) ? request.actor : null;

export function issueRoutes(
  app: App,
  ctx: DomainContext,
  limits: IssuanceLimits,
  deviceIds: DeviceIds,
  secureCookies: boolean,
): void {
  const tags = ['tickets'];

  app.post(
    '/api/centers/:centerId/tickets',
    {
      schema: {
        tags,
        params: CenterParams,
        body: IssueBody,
        summary: 'Issue a ticket in a service (kiosk, web or staff)',
        description:
          "Web issuance is limited per device and address; a web ticket sets the device cookie. The reply carries the token, the citizen's right to the ticket.",
        response: {
          201: Open('the ticket, its place in line and its token', {
            ...TICKET_FIELDS,
            token: Type.String(),
          }),
          ...failures(400, 403, 404, 409, 429, 503),
        },
      },
      config: {
        rateLimit: issueRateLimit(limits, async (request) => {
          // Runs before validation: the param is still the path's text.
          const centerId = Number((request.params as { centerId: string }).centerId);
          return staffOf(request, centerId) !== null || (await isPairedKiosk(ctx.db, request, centerId));
        }),
      },
    },
    async (request, reply) => {
      const { serviceId, priority = null, channel = 'web' } = request.body;
      // The channel decides which limits apply, so only who is asking can choose it.
      await assertMayIssueOn(ctx.db, request, request.params.centerId, channel);
      // Staff of another center take a ticket here as anyone does: the web limits apply.
      const staff = staffOf(request, request.params.centerId);
      const web = channel === 'web' && staff === null;
      const deviceId = web ? deviceOf(request, reply, deviceIds, secureCookie(request, secureCookies)) : null;
      const issued = await issueTicket(ctx, {
        centerId: request.params.centerId,
        serviceId,
        priority,
        channel,
        deviceId,
        deviceLimits: web ? limits : null,
        userId: staff?.userId ?? null,
      });
      const withPosition = (await positionOf(ctx.db, issued.ticket.id, serviceId)) ?? issued.ticket;
      const body: IssuedTicket = { ...withPosition, token: issued.token };
      return reply.status(201).send(body);
    },
  );
}
