/** POST /api/auth/login, /logout and GET /api/auth/me. */

import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { SignedIn as SignedInReply } from '../../../shared/src/api/users.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { failures, NoContent, Open } from '../http/responses.js';
import { STORABLE } from '../http/schemas.js';
import { secureCookie } from '../http/secure-cookies.js';
import { type LockoutPolicy, LoginLockout } from './login-lockout.js';
import { verifyPassword } from './passwords.js';
import { actorOfSession, createSession, endSession, SESSION_HOURS } from './sessions.repository.js';
import { actorOf, requireStaff, SESSION_COOKIE } from './staff-session.js';

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: STORABLE }),
    password: Type.String({ minLength: 1, maxLength: 256, pattern: STORABLE }),
  },
  { additionalProperties: false },
);

const SignedIn = Open('the signed-in user', {
  user: Type.Object(
    {
      id: Type.Integer(),
      username: Type.String(),
      displayName: Type.String(),
      role: Type.String({ description: 'clerk, manager or admin' }),
      centerIds: Type.Array(Type.Integer()),
    },
    { additionalProperties: true },
  ),
});

export function authRoutes(
  app: App,
  db: Kysely<Database>,
  secureCookies: boolean,
  lockoutPolicy: Readonly<LockoutPolicy>,
  /** After a sign-out: what the user held is given up (their counters, issue 11 item 11). */
  signedOut: (userId: number) => Promise<void> = async () => {},
): void {
  const lockout = new LoginLockout(db, lockoutPolicy);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        body: LoginBody,
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie',
        description: '429 after too many failures for the username or address, with Retry-After.',
        response: { 200: SignedIn, ...failures(400, 401, 403, 429, 503) },
      },
    },
    async (request, reply): Promise<SignedInReply> => {
      const { username, password } = request.body;
      try {
        await lockout.admit(username, request.ip);
      } catch (error) {
        // A refusal says when to come back in the header too, as HTTP clients expect.
        const details =
          error instanceof DomainError ? (error.details as { retryAfterSeconds?: number }) : null;
        if (details?.retryAfterSeconds) reply.header('retry-after', String(details.retryAfterSeconds));
        throw error;
      }
      const user = await db
        .selectFrom('users')
        .select(['id', 'username', 'role', 'password_hash', 'active', 'display_name'])
        .where('username', '=', username)
        .executeTakeFirst();
      // The same answer, and the same scrypt, for an unknown or deactivated user as for a wrong
      // password: neither the reply nor its time tells which usernames exist.
      const ok = await verifyPassword(password, user?.active ? user.password_hash : null);
      if (!user || !ok) {
        // For whoever watches the logs for attacks: who and from where, never the password.
        request.log.warn({ username, ip: request.ip }, 'sign-in failed');
        await lockout.recordFailure(username, request.ip);
        throw new DomainError('invalid_credentials', 'wrong username or password');
      }
      await lockout.recordSuccess(username, request.ip);
      const id = await createSession(db, user.id);
      reply.setCookie(SESSION_COOKIE, id, {
        ...cookieOptions,
        secure: secureCookie(request, secureCookies),
        maxAge: SESSION_HOURS * 3600,
      });
      const centers = await db
        .selectFrom('user_centers')
        .select('center_id')
        .where('user_id', '=', user.id)
        .execute();
      return {
        user: {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          role: user.role,
          centerIds: centers.map((c) => c.center_id),
        },
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session, gives up the counters held, clears the cookie',
        response: { 204: NoContent, ...failures(403, 503) },
      },
    },
    async (request, reply) => {
      const id = request.cookies[SESSION_COOKIE];
      const actor = id && id.length <= 128 ? await actorOfSession(db, id) : null;
      if (id) await endSession(db, id);
      if (actor) await signedOut(actor.userId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in',
        response: { 200: SignedIn, ...failures(401, 503) },
      },
      preHandler: requireStaff(),
    },
    async (request): Promise<SignedInReply> => {
      const actor = actorOf(request);
      // Only this route needs the full name (the staff header shows it): not every request's actor.
      const row = await db
        .selectFrom('users')
        .select('display_name')
        .where('id', '=', actor.userId)
        .executeTakeFirst();
      return {
        user: {
          id: actor.userId,
          username: actor.username,
          displayName: row?.display_name ?? '',
          role: actor.role,
          centerIds: actor.centerIds,
        },
      };
    },
  );
}
