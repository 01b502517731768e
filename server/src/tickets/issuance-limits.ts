/**
 * Limits on public issuance (DESIGN.md §7): requests a minute per IP address, and waiting
 * tickets per device on the web channel. A device is a cookie the server mints and signs
 * (device-ids.ts), never the IP address, since kiosks and many citizens share one address
 * behind NAT. Staff of the center are exempt.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { DeviceIds } from './device-ids.js';

export const DEVICE_COOKIE = 'luot_device';

export interface IssuanceLimits {
  perIpPerMinute: number;
  /** Live web tickets one device may hold at once. */
  webTicketsPerDevice: number;
  /** Web tickets one device may take for one service in a local day, used or not. */
  webTicketsPerServiceDay: number;
}

/**
 * The route config for @fastify/rate-limit on issuance: what `exempt` says is exempt (staff of
 * the center, a kiosk paired with it: one address issuing for a whole waiting room). A staff
 * session of another center is not: there its holder is anyone.
 */
export function issueRateLimit(
  limits: IssuanceLimits,
  exempt: (request: FastifyRequest) => Promise<boolean>,
) {
  return {
    max: limits.perIpPerMinute,
    timeWindow: 60_000,
    allowList: exempt,
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

/** This browser's device id (signed by the server), minted and set now if it has none that verifies. */
export function deviceOf(
  request: FastifyRequest,
  reply: FastifyReply,
  deviceIds: DeviceIds,
  secure: boolean,
): string {
  const existing = deviceIds.verify(request.cookies[DEVICE_COOKIE]);
  if (existing) return existing;
  const { id, cookie } = deviceIds.mint();
  reply.setCookie(DEVICE_COOKIE, cookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 365 * 24 * 3600,
  });
  return id;
}

/**
 * Refuses a device that already holds `webTicketsPerDevice` live tickets, or has taken
 * `webTicketsPerServiceDay` tickets of this service today (a broker cycling take-and-cancel
 * to hold places for sale stops there). Runs in the issuing transaction under a lock on the
 * device, so two requests at once cannot both slip under a limit.
 */
export async function assertDeviceUnderLimit(
  trx: Transaction<Database>,
  deviceId: string,
  serviceId: number,
  limits: Pick<IssuanceLimits, 'webTicketsPerDevice' | 'webTicketsPerServiceDay'>,
) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`device:${deviceId}`}))`.execute(trx);
  const { live, today } = await trx
    .selectFrom('tickets as t')
    .select([
      sql<number>`count(*) FILTER (WHERE t.status IN ('waiting', 'called', 'held'))::int`.as('live'),
      sql<number>`count(*) FILTER (WHERE t.service_id = ${serviceId} AND t.day = (
        SELECT (now() AT TIME ZONE c.timezone)::date FROM services s JOIN centers c ON c.id = s.center_id
        WHERE s.id = ${serviceId}))::int`.as('today'),
    ])
    .where('t.device_id', '=', deviceId)
    .executeTakeFirstOrThrow();
  if (live >= limits.webTicketsPerDevice) {
    throw new DomainError(
      'rate_limited',
      `this device already holds ${live} tickets; use or cancel one first`,
      {
        limit: limits.webTicketsPerDevice,
      },
    );
  }
  if (today >= limits.webTicketsPerServiceDay) {
    throw new DomainError(
      'rate_limited',
      `this device has taken ${today} tickets for this service today; ask at the reception desk`,
      { limit: limits.webTicketsPerServiceDay, serviceId, perServicePerDay: true },
    );
  }
}
