/**
 * Who may issue on which channel (DESIGN.md §14). The channel decides which limits apply, so
 * it is never the client's word: anyone may take a `web` ticket (the web limits then apply);
 * `kiosk` needs a kiosk paired with the center (or staff of the center); `staff` a staff
 * session of the center; `appointment` tickets come only from an appointment's check-in.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Channel } from '../../../shared/src/protocol.js';
import { mayActIn } from '../auth/actor.js';
import type { Database } from '../db/tables.js';
import { deviceOfRequest } from '../devices/device-access.js';
import { DomainError } from '../errors.js';

export async function assertMayIssueOn(
  db: Kysely<Database>,
  request: FastifyRequest,
  centerId: number,
  channel: Channel,
): Promise<void> {
  if (channel === 'web') return;
  const staff = request.actor !== null && mayActIn(request.actor, centerId);
  if (channel === 'appointment') {
    throw new DomainError(
      'validation_failed',
      'body.channel "appointment": appointment tickets come only from checking in an appointment',
      { in: 'body', field: 'channel' },
    );
  }
  if (staff) return;
  if (channel === 'staff') {
    if (request.actor === null) {
      throw new DomainError(
        'unauthenticated',
        'a staff ticket needs a staff session; citizens take web tickets',
      );
    }
    throw new DomainError('forbidden', `you may not issue staff tickets in center ${centerId}`, { centerId });
  }
  const device = await deviceOfRequest(db, request);
  if (device?.kind === 'kiosk' && device.centerId === centerId) return;
  throw new DomainError(
    'device_not_paired',
    `a kiosk ticket needs a kiosk paired with center ${centerId}; pair this kiosk with a code from the center's manager`,
    { centerId },
  );
}
