/**
 * The configuration API (issue 5), under /api/config: managers for their own center, admins
 * for every center; every body checked by schema, every change in the audit log.
 */

import { Type } from 'typebox';
import type { Configuration } from '../../../shared/src/api/config.js';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import type { DomainContext } from '../context.js';
import { listCounters } from '../counters/counters.repository.js';
import type { App } from '../http/app-type.js';
import { failures, NoContent, Open, WireCounter } from '../http/responses.js';
import { CenterParams, CounterParams } from '../http/schemas.js';
import { centerSettings, createCenterByAdmin, updateCenterSettings } from './center-settings.js';
import {
  CenterChanges,
  CounterChanges,
  NewCenter,
  NewCounter,
  NewService,
  NewUser,
  PasswordReset,
  ServiceChanges,
  ServiceParams,
  UserChanges,
  UserParams,
} from './config.schemas.js';
import { createCounter, updateCounter } from './counters-config.js';
import { createService, listConfigServices, updateService } from './services-config.js';
import { createUser, listCenterUsers, resetPassword, updateUser } from './users-config.js';

const STAFF = ['manager', 'admin'] as const;
const tags = ['configuration'];
/** Center settings (CenterSettings in center-settings.ts). */
const Center = Open('the center settings', {
  id: Type.Integer(),
  name: Type.String(),
  timezone: Type.String(),
});
/** A service or a staff account as configuration lists it: its id and the rest. */
const Entity = Open('the service or account (ConfigService, ConfigUser)', { id: Type.Integer() });

export function configRoutes(app: App, ctx: DomainContext): void {
  const staff = (request: Parameters<typeof assertStaff>[0]) => assertStaff(request, [...STAFF]);

  app.get(
    '/api/config/centers/:centerId',
    {
      schema: {
        tags,
        params: CenterParams,
        summary: "A center's configuration: settings, services, counters, staff",
        response: {
          200: Open('the configuration', {
            center: Center,
            services: Type.Array(Entity),
            counters: Type.Array(WireCounter),
            users: Type.Array(Entity),
          }),
          ...failures(400, 401, 403, 404, 503),
        },
      },
    },
    async (request): Promise<Configuration> => {
      const actor = staff(request);
      const { centerId } = request.params;
      assertCenterAccess(actor, centerId);
      const center = await centerSettings(ctx.db, centerId);
      return {
        center,
        services: await listConfigServices(ctx.db, centerId),
        counters: await listCounters(ctx.db, centerId),
        users: await listCenterUsers(ctx.db, actor, centerId),
      };
    },
  );
  app.patch(
    '/api/config/centers/:centerId',
    {
      schema: {
        tags,
        params: CenterParams,
        body: CenterChanges,
        summary: "Change a center's settings (name, address, time zone, call policy, ...)",
        response: { 200: Center, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    (request) => updateCenterSettings(ctx, staff(request), request.params.centerId, request.body),
  );
  app.post(
    '/api/config/centers',
    {
      schema: {
        tags,
        body: NewCenter,
        summary: 'Create a center (admins only)',
        response: { 201: Center, ...failures(400, 401, 403, 409, 503) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCenterByAdmin(ctx, assertStaff(request, ['admin']), request.body)),
  );

  app.post(
    '/api/config/centers/:centerId/services',
    {
      schema: {
        tags,
        params: CenterParams,
        body: NewService,
        summary: 'Add a service to a center',
        response: { 201: Entity, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createService(ctx, staff(request), request.params.centerId, request.body)),
  );
  app.patch(
    '/api/config/services/:serviceId',
    {
      schema: {
        tags,
        params: ServiceParams,
        body: ServiceChanges,
        summary: 'Change a service (name, hours, quota, order, active)',
        description:
          '409 service_has_waiting when deactivating a service with people waiting, unless told what to do with them.',
        response: { 200: Entity, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    (request) => updateService(ctx, staff(request), request.params.serviceId, request.body),
  );

  app.post(
    '/api/config/centers/:centerId/counters',
    {
      schema: {
        tags,
        params: CenterParams,
        body: NewCounter,
        summary: 'Add a counter to a center',
        response: { 201: WireCounter, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCounter(ctx, staff(request), request.params.centerId, request.body)),
  );
  app.patch(
    '/api/config/counters/:counterId',
    {
      schema: {
        tags,
        params: CounterParams,
        body: CounterChanges,
        summary: 'Change a counter (number, name, services, active)',
        response: { 200: WireCounter, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    (request) => updateCounter(ctx, staff(request), request.params.counterId, request.body),
  );

  app.post(
    '/api/config/users',
    {
      schema: {
        tags,
        body: NewUser,
        summary: 'Create a staff account',
        response: { 201: Entity, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(ctx, staff(request), request.body)),
  );
  app.patch(
    '/api/config/users/:userId',
    {
      schema: {
        tags,
        params: UserParams,
        body: UserChanges,
        summary: 'Change a staff account (name, role, centers, active)',
        description: '409 last_admin when it would leave no active admin.',
        response: { 200: Entity, ...failures(400, 401, 403, 404, 409, 503) },
      },
    },
    (request) => updateUser(ctx, staff(request), request.params.userId, request.body),
  );
  app.post(
    '/api/config/users/:userId/password',
    {
      schema: {
        tags,
        params: UserParams,
        body: PasswordReset,
        summary: "Set a staff account's password",
        response: { 204: NoContent, ...failures(400, 401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, staff(request), request.params.userId, request.body.password);
      return reply.status(204).send();
    },
  );
}
