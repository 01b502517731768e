/**
 * Device pairing (issue 6, Security 3). Managers of the center and admins: issue a one-time
 * code, list the paired devices, revoke one. Public: a device redeems a code for its token
 * (rate-limited per address), and asks whether it is paired with a center.
 */
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DeviceStatus } from '../../../shared/src/api/devices.js';
import { assertCenterAccess } from '../auth/actor.js';
import { assertStaff } from '../auth/staff-session.js';
import { assertCenterExists } from '../centers/centers.repository.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';
import { Any, failures, Open } from '../http/responses.js';
import { CenterParams, Id, NoBody, PersonName } from '../http/schemas.js';
import { secureCookie } from '../http/secure-cookies.js';
import { DEVICE_TOKEN_COOKIE, setDeviceCookie, tokenOfRequest } from './device-credentials.js';
import { deviceOfToken, listDevices, revokeDevice } from './device-tokens.js';
import { createPairingCode, redeemPairingCode } from './pairing-codes.js';

/** Pairing attempts a minute from one address: enough for a few typos, far too few to guess. */
export const PAIR_ATTEMPTS_PER_MINUTE = 10;

const DeviceKind = Type.Enum(['board', 'kiosk', 'counter_display']);
const NewCode = Type.Object({ kind: DeviceKind, name: PersonName(100) }, { additionalProperties: false });
const PairBody = Type.Object(
  {
    code: Type.String({ minLength: 8, maxLength: 16, pattern: '^[0-9 -]+$' }),
    /** A counter display names the counter it stands at (its ratings come from there only). */
    counterId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
const DeviceParams = Type.Object({ deviceId: Id });
const Device = Open('a paired device', { id: Type.Integer(), kind: Type.String(), name: Type.String() });

const pairRateLimit = {
  max: PAIR_ATTEMPTS_PER_MINUTE,
  timeWindow: 60_000,
  errorResponseBuilder: (_request: unknown, context: { after: string; max: number }) =>
    new DomainError(
      'rate_limited',
      `more than ${context.max} pairing attempts a minute from this address; try again in ${context.after}`,
      { retryAfter: context.after },
    ),
};

export function devicesRoutes(app: App, ctx: DomainContext, secureCookies: boolean): void {
  const tags = ['devices'];
  const db: Kysely<Database> = ctx.db;
  const managers = (request: Parameters<typeof assertStaff>[0]) => assertStaff(request, ['manager', 'admin']);

  app.post(
    '/api/centers/:centerId/pairing-codes',
    {
      schema: {
        tags,
        params: CenterParams,
        body: NewCode,
        summary: 'Issue a one-time pairing code for a board, kiosk or counter display (ten minutes)',
        response: {
          201: Open('the code', {
            code: Type.String(),
            kind: Type.String(),
            name: Type.String(),
            expiresAt: Type.String(),
          }),
          ...failures(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const actor = managers(request);
      return reply
        .status(201)
        .send(await createPairingCode(db, actor, request.params.centerId, request.body));
    },
  );

  app.get(
    '/api/centers/:centerId/devices',
    {
      schema: {
        tags,
        params: CenterParams,
        summary: "The center's paired devices",
        response: { 200: Type.Array(Device), ...failures(400, 401, 403, 404, 503) },
      },
    },
    async (request) => {
      const actor = managers(request);
      assertCenterAccess(actor, request.params.centerId);
      await assertCenterExists(db, request.params.centerId);
      return listDevices(db, request.params.centerId);
    },
  );

  app.post(
    '/api/devices/:deviceId/revoke',
    {
      schema: {
        tags,
        params: DeviceParams,
        body: NoBody,
        summary: 'Revoke a paired device: its token stops working',
        response: {
          200: Open('the revoked device', { device: Device }),
          ...failures(400, 401, 403, 404, 503),
        },
      },
    },
    async (request) => ({ device: await revokeDevice(ctx, managers(request), request.params.deviceId) }),
  );

  app.post(
    '/api/devices/pair',
    {
      schema: {
        tags,
        body: PairBody,
        summary: 'Redeem a pairing code: the device gets its token (cookie and body)',
        response: {
          201: Open('the device and its token', { device: Device, token: Type.String() }),
          ...failures(400, 403, 404, 409, 429, 503),
        },
      },
      config: { rateLimit: pairRateLimit },
    },
    async (request, reply) => {
      const { device, token } = await redeemPairingCode(
        db,
        request.body.code,
        request.body.counterId ?? null,
      );
      setDeviceCookie(reply, token, secureCookie(request, secureCookies));
      // In the body too, for devices that cannot keep cookies (Authorization: Bearer, auth.deviceToken).
      return reply.status(201).send({ device, token });
    },
  );

  // Public: whether this device may follow the center; a device paired here gets its cookie renewed.
  app.get(
    '/api/centers/:centerId/device',
    {
      schema: {
        tags,
        params: CenterParams,
        summary: 'Whether this device is paired with the center, and whether the center requires it',
        response: {
          200: Open('pairing state', {
            pairingRequired: Type.Boolean(),
            paired: Type.Boolean(),
            device: Any('{ id, kind, name, counterId } or null'),
          }),
          ...failures(400, 404, 503),
        },
      },
    },
    async (request, reply): Promise<DeviceStatus> => {
      const { centerId } = request.params;
      const center = await db
        .selectFrom('centers')
        .select('require_paired_devices')
        .where('id', '=', centerId)
        .executeTakeFirst();
      if (!center) await assertCenterExists(db, centerId);
      const token = tokenOfRequest(request);
      const found = token ? await deviceOfToken(db, token) : null;
      const device = found?.centerId === centerId ? found : null;
      if (device && token && request.cookies[DEVICE_TOKEN_COOKIE] === token) {
        setDeviceCookie(reply, token, secureCookie(request, secureCookies));
      }
      return {
        pairingRequired: center?.require_paired_devices ?? false,
        paired: device !== null,
        device: device
          ? { id: device.id, kind: device.kind, name: device.name, counterId: device.counterId }
          : null,
      };
    },
  );
}
