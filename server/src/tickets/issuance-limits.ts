/**
 * Limits on public issuance (DESIGN.md §7): requests a minute per IP address, and waiting
 * tickets per device on the web channel. A device is a cookie the server sets, never the IP
 * address, since kiosks and many citizens share one address behind NAT. Staff are exempt.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';

export const DEVICE_COOKIE = 'luot_device';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

export interface IssuanceLimits {
  perIpPerMinute: number;
  webTicketsPerDevice: number;
}

/** The route config for @fastify/rate-limit on issuance. */
export function issueRateLimit(limits: IssuanceLimits) {
  return {
    max: limits.perIpPerMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => request.actor !== null,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string; max: number }) =>
      new DomainError(
        'rate_limited',
        `more than ${context.max} tickets a minute from this address; try again in ${context.after}`,
        {
          retryAfter: context.after,
        },
      ),
  };
}

/** This browser's device id, set now if it has none. */
export function deviceOf(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = request.cookies[DEVICE_COOKIE];
  if (existing && DEVICE_ID.test(existing)) return existing;
  const id = randomBytes(16).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 365 * 24 * 3600,
  });
  return id;
}

/**
 * Refuses a device that already holds `limit` live tickets. Runs in the issuing transaction
 * under a lock on the device, so two requests at once cannot both slip under the limit.
 */
export async function assertDeviceUnderLimit(trx: Transaction<Database>, deviceId: string, limit: number) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`device:${deviceId}`}))`.execute(trx);
  const { n } = await trx
    .selectFrom('tickets')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('device_id', '=', deviceId)
    .where('status', 'in', ['waiting', 'called', 'held'])
    .executeTakeFirstOrThrow();
  if (n >= limit) {
    throw new DomainError('rate_limited', `this device already holds ${n} tickets; use or cancel one first`, {
      limit,
    });
  }
}
