/** A center's settings as configuration shows them, changing them, and creating a center (admins). */
import type { Static } from 'typebox';
import type { CenterSettings } from '../../../shared/src/api/config.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import { assertCenterExists, createCenter } from '../centers/centers.repository.js';
import type { DomainContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { CenterChanges, NewCenter } from './config.schemas.js';
import { centerChanged } from './config-events.js';
import { checkTimeZone, checkWindows } from './config-rules.js';

export async function centerSettings(db: DomainContext['db'], centerId: number): Promise<CenterSettings> {
  await assertCenterExists(db, centerId);
  const r = await db.selectFrom('centers').selectAll().where('id', '=', centerId).executeTakeFirstOrThrow();
  const openingHours = typeof r.opening_hours === 'string' ? JSON.parse(r.opening_hours) : r.opening_hours;
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    hotline: r.hotline,
    boardNotice: r.board_notice,
    timezone: r.timezone,
    openingHours: openingHours ?? null,
    priorityEvery: r.priority_every,
    ageingMinutes: r.ageing_minutes,
    requirePairedDevices: r.require_paired_devices,
  };
}

export async function updateCenterSettings(
  ctx: DomainContext,
  actor: Actor,
  centerId: number,
  input: Static<typeof CenterChanges>,
): Promise<CenterSettings> {
  assertCenterAccess(actor, centerId);
  checkTimeZone(input.timezone);
  checkWindows('openingHours', input.openingHours);
  const published = await ctx.db.transaction().execute(async (trx) => {
    await assertCenterExists(trx, centerId);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.hotline !== undefined ? { hotline: input.hotline || null } : {}),
      ...(input.boardNotice !== undefined ? { board_notice: input.boardNotice || null } : {}),
      ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
      ...(input.openingHours !== undefined
        ? { opening_hours: input.openingHours ? JSON.stringify(input.openingHours) : null }
        : {}),
      ...(input.priorityEvery !== undefined ? { priority_every: input.priorityEvery } : {}),
      ...(input.ageingMinutes !== undefined ? { ageing_minutes: input.ageingMinutes } : {}),
      ...(input.requirePairedDevices !== undefined
        ? { require_paired_devices: input.requirePairedDevices }
        : {}),
    };
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('centers').set(changes).where('id', '=', centerId).execute();
    }
    await writeAudit(trx, actor, {
      centerId,
      action: 'center.updated',
      subject: `center:${centerId}`,
      details: input,
    });
    // What public screens show of the center: its name, its time zone (the kiosk's clock), its
    // hours and hotline (tickets, the phone page) and the board's notice line.
    const shown = (['name', 'timezone', 'openingHours', 'hotline', 'boardNotice'] as const).some(
      (k) => input[k] !== undefined,
    );
    return shown ? [await centerChanged(trx, centerId)] : [];
  });
  ctx.publisher.publish(published);
  return centerSettings(ctx.db, centerId);
}

export async function createCenterByAdmin(
  ctx: DomainContext,
  actor: Actor,
  input: Static<typeof NewCenter>,
): Promise<CenterSettings> {
  if (actor.role !== 'admin') throw new DomainError('forbidden', 'only an admin creates centers');
  checkTimeZone(input.timezone);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const centerId = await createCenter(trx, {
      name: input.name,
      ...(input.address !== undefined ? { address: input.address } : {}),
    });
    if (input.timezone !== undefined) {
      await trx.updateTable('centers').set({ timezone: input.timezone }).where('id', '=', centerId).execute();
    }
    await writeAudit(trx, actor, {
      centerId,
      action: 'center.created',
      subject: `center:${centerId}`,
      details: input,
    });
    return centerId;
  });
  return centerSettings(ctx.db, id);
}
