/**
 * Manager actions on the live floor (issue 5 item 5), managers of the center and admins only:
 * the waiting list, moving a waiting ticket to another service, reassigning a counter's
 * services. Cancelling a ticket and opening or closing a counter use the clerks' routes,
 * which managers may call under the same rules.
 */
import { Type } from 'typebox';
import type { WaitingTickets } from '../../../shared/src/api/tickets.js';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
import { failures, Open, TicketReply, WireCounter, WireTicket } from '../http/responses.js';
import { CenterParams, CounterParams, Id, TicketParams } from '../http/schemas.js';
import { setCounterServices } from './counter-services.js';
import { moveWaitingTicket } from './move-ticket.js';
import { waitingTickets } from './waiting-list.js';

const MoveBody = Type.Object({ serviceId: Id }, { additionalProperties: false });
const ServicesBody = Type.Object(
  { serviceIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);

const MANAGERS = ['manager', 'admin'] as const;

export function managerActionsRoutes(app: App, ctx: DomainContext): void {
  const tags = ['manager'];

  app.get(
    '/api/centers/:centerId/waiting',
    {
      schema: {
        tags,
        params: CenterParams,
        summary: "The center's waiting tickets, in call order per service",
        response: {
          200: Open('the waiting list', { tickets: Type.Array(WireTicket) }),
          ...failures(400, 401, 403, 404, 503),
        },
      },
    },
    async (request): Promise<WaitingTickets> => {
      const actor = assertStaff(request, [...MANAGERS]);
      assertCenterAccess(actor, request.params.centerId);
      return { tickets: await waitingTickets(ctx.db, request.params.centerId) };
    },
  );

  app.post(
    '/api/tickets/:id/move',
    {
      schema: {
        tags,
        params: TicketParams,
        body: MoveBody,
        summary: 'Move a waiting ticket to another service',
        response: { 200: TicketReply, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const actor = assertStaff(request, [...MANAGERS]);
      return { ticket: await moveWaitingTicket(ctx, actor, request.params.id, request.body.serviceId) };
    },
  );

  app.post(
    '/api/counters/:counterId/services',
    {
      schema: {
        tags,
        params: CounterParams,
        body: ServicesBody,
        summary: 'Reassign the services a counter serves (until the day ends)',
        response: { 200: WireCounter, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const actor = assertStaff(request, [...MANAGERS]);
      return setCounterServices(ctx, actor, request.params.counterId, request.body.serviceIds);
    },
  );
}
