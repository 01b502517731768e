/**
 * The configuration API (issue 5), under /api/config: managers for their own center, admins
 * for every center; every body checked by schema, every change in the audit log.
 */
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import { listCounters } from '../centers/centers.repository.js';
import type { DomainContext } from '../context.js';
import type { App } from '../http/app-type.js';
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

export function configRoutes(app: App, ctx: DomainContext): void {
  const staff = (request: Parameters<typeof assertStaff>[0]) => assertStaff(request, [...STAFF]);

  app.get('/api/config/centers/:centerId', { schema: { tags, params: CenterParams } }, async (request) => {
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
  });
  app.patch(
    '/api/config/centers/:centerId',
    { schema: { tags, params: CenterParams, body: CenterChanges } },
    (request) => updateCenterSettings(ctx, staff(request), request.params.centerId, request.body),
  );
  app.post('/api/config/centers', { schema: { tags, body: NewCenter } }, async (request, reply) =>
    reply.status(201).send(await createCenterByAdmin(ctx, assertStaff(request, ['admin']), request.body)),
  );

  app.post(
    '/api/config/centers/:centerId/services',
    { schema: { tags, params: CenterParams, body: NewService } },
    async (request, reply) =>
      reply.status(201).send(await createService(ctx, staff(request), request.params.centerId, request.body)),
  );
  app.patch(
    '/api/config/services/:serviceId',
    { schema: { tags, params: ServiceParams, body: ServiceChanges } },
    (request) => updateService(ctx, staff(request), request.params.serviceId, request.body),
  );

  app.post(
    '/api/config/centers/:centerId/counters',
    { schema: { tags, params: CenterParams, body: NewCounter } },
    async (request, reply) =>
      reply.status(201).send(await createCounter(ctx, staff(request), request.params.centerId, request.body)),
  );
  app.patch(
    '/api/config/counters/:counterId',
    { schema: { tags, params: CounterParams, body: CounterChanges } },
    (request) => updateCounter(ctx, staff(request), request.params.counterId, request.body),
  );

  app.post('/api/config/users', { schema: { tags, body: NewUser } }, async (request, reply) =>
    reply.status(201).send(await createUser(ctx, staff(request), request.body)),
  );
  app.patch(
    '/api/config/users/:userId',
    { schema: { tags, params: UserParams, body: UserChanges } },
    (request) => updateUser(ctx, staff(request), request.params.userId, request.body),
  );
  app.post(
    '/api/config/users/:userId/password',
    { schema: { tags, params: UserParams, body: PasswordReset } },
    async (request, reply) => {
      await resetPassword(ctx, staff(request), request.params.userId, request.body.password);
      return reply.status(204).send();
    },
  );
}
