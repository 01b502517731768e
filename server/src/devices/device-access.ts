/**
 * What a center that requires paired devices admits (issue 6, Security 3). Its center and
 * counter rooms: a device paired with that center, or staff who may act in it. Ticket rooms and
 * web issuance stay open to citizens (kiosk issuance always needs a paired kiosk:
 * tickets/issuance-channel.ts). A device token grants nothing else: staff routes read only the staff session.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PairedDevice } from '../../../shared/src/api/devices.js';
import { mayActIn } from '../auth/actor.js';
import { actorOfSession } from '../auth/sessions.repository.js';
import { SESSION_COOKIE } from '../auth/staff-session.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import { type Handshake, handshakeCookie, tokenOfHandshake, tokenOfRequest } from './device-credentials.js';
import { deviceOfToken } from './device-tokens.js';

/**
 * The paired device an HTTP request speaks for (its token's device), looked up once per
 * request: issuance asks twice (the rate limit's exemption, then the channel's check).
 */
const devicesOfRequests = new WeakMap<FastifyRequest, Promise<PairedDevice | null>>();
export function deviceOfRequest(db: Kysely<Database>, request: FastifyRequest): Promise<PairedDevice | null> {
  let device = devicesOfRequests.get(request);
  if (!device) {
    const token = tokenOfRequest(request);
    device = token ? deviceOfToken(db, token) : Promise.resolve(null);
    devicesOfRequests.set(request, device);
  }
  return device;
}

/** Whether the center admits paired devices only (an unknown center: false, and its own 404 follows). */
export async function pairingRequired(db: Kysely<Database>, centerId: number): Promise<boolean> {
  const row = await db
    .selectFrom('centers')
    .select('require_paired_devices')
    .where('id', '=', centerId)
    .executeTakeFirst();
  return row?.require_paired_devices ?? false;
}

const notPaired = (centerId: number, what: string) =>
  new DomainError(
    'device_not_paired',
    `center ${centerId} admits paired devices only: ${what}; pair this device with a code from the center's manager`,
    { centerId },
  );

function check(device: PairedDevice | null, centerId: number, kind?: PairedDevice['kind']): void {
  if (!device) throw notPaired(centerId, 'this device has no valid device token');
  if (device.centerId !== centerId) throw notPaired(centerId, 'this device is paired with another center');
  if (kind && device.kind !== kind)
    throw notPaired(centerId, `this device is paired as a ${device.kind}, not a ${kind}`);
}

/** For `subscribe` to a center's room or one of its counters' rooms. */
export async function assertRoomAccess(db: Kysely<Database>, handshake: Handshake, centerId: number) {
  if (!(await pairingRequired(db, centerId))) return;
  const session = handshakeCookie(handshake, SESSION_COOKIE);
  if (session && session.length <= 128) {
    const actor = await actorOfSession(db, session);
    if (actor && mayActIn(actor, centerId)) return;
  }
  const token = tokenOfHandshake(handshake);
  check(token ? await deviceOfToken(db, token) : null, centerId);
}

/**
 * Whether the request comes from a display paired to stand at this counter (or a counter
 * display of its center paired before displays named their counter). Ratings at a counter need
 * it: the public feed names every ticket done there, so the rule alone does not prove who rates.
 */
export async function isCounterDisplayOf(
  db: Kysely<Database>,
  request: FastifyRequest,
  counter: { id: number; centerId: number },
): Promise<boolean> {
  const device = await deviceOfRequest(db, request);
  return (
    device?.kind === 'counter_display' &&
    device.centerId === counter.centerId &&
    (device.counterId === null || device.counterId === counter.id)
  );
}

/** A kiosk paired with the center it issues for: exempt from the per-address issuance limit. */
export async function isPairedKiosk(db: Kysely<Database>, request: FastifyRequest, centerId: number) {
  const device = await deviceOfRequest(db, request);
  return device?.kind === 'kiosk' && device.centerId === centerId;
}
