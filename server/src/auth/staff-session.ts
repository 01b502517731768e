/**
 * Reads the staff session cookie into `request.actor`, and `requireStaff` refuses requests
 * without one (401) or with the wrong role (403). Center scoping is checked by the domain.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import type { Actor, Role } from './actor.js';
import { actorOfSession } from './sessions.repository.js';

export const SESSION_COOKIE = 'luot_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function registerStaffSession(app: App, db: Kysely<Database>): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (request) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id && id.length <= 128) request.actor = await actorOfSession(db, id);
  });
}

/** 401 without a session, 403 when the role is not among `roles` (any staff role when empty). */
export function assertStaff(request: FastifyRequest, roles: Role[] = []): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'sign in first');
  if (roles.length > 0 && !roles.includes(request.actor.role)) {
    throw new DomainError('forbidden', `this needs the role ${roles.join(' or ')}`);
  }
  return request.actor;
}

export function requireStaff(...roles: Role[]) {
  return async (request: FastifyRequest) => {
    assertStaff(request, roles);
  };
}

/** The actor of a request that passed requireStaff. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthenticated', 'sign in first');
  return request.actor;
}
