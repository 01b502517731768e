/**
 * Issuing a ticket: one transaction that checks the service's issuing rules, takes the next
 * number of the local day (gapless: the counter row is incremented in the same transaction,
 * so a refused or failed issue leaves no hole) and appends `ticket.issued`.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Channel, Priority, WireTicket } from '../../../shared/src/protocol.js';
import {
  describeWindows,
  formatTicketNumber,
  isWithinIssuingHours,
  webQuotaOf,
} from '../centers/issuing-rules.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';
import { appendEvent } from '../events/events.repository.js';
import { assertDeviceUnderLimit, type IssuanceLimits } from './issuance-limits.js';
import { type TicketRow, toWireTicket } from './ticket.wire.js';

export interface IssueRequest {
  centerId: number;
  serviceId: number;
  priority: Priority | null;
  channel: Channel;
  deviceId?: string | null;
  userId?: number | null;
  /** The web channel's limits on one device; unset for staff and kiosks. */
  deviceLimits?: Pick<IssuanceLimits, 'webTicketsPerDevice' | 'webTicketsPerServiceDay'> | null;
}

interface ServiceForIssue {
  id: number;
  center_id: number;
  code: string;
  active: boolean;
  issuing_hours: { from: string; to: string }[] | null;
  daily_quota: number | null;
  web_quota_percent: number;
  local_day: string;
  local_time: string;
}

async function loadService(trx: Transaction<Database>, centerId: number, serviceId: number) {
  const service = await trx
    .selectFrom('services as s')
    .innerJoin('centers as c', 'c.id', 's.center_id')
    .select([
      's.id',
      's.center_id',
      's.code',
      's.active',
      's.issuing_hours',
      's.daily_quota',
      's.web_quota_percent',
      sql<string>`(now() AT TIME ZONE c.timezone)::date::text`.as('local_day'),
      sql<string>`to_char(now() AT TIME ZONE c.timezone, 'HH24:MI')`.as('local_time'),
    ])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  if (!service || service.center_id !== centerId) throw notFound('service', serviceId);
  return service as ServiceForIssue;
}

/** Unguessable: the token is the citizen's only key to their ticket. Never all digits, which name ids. */
export function newToken(): string {
  for (;;) {
    const token = randomBytes(18).toString('base64url');
    if (!/^\d+$/.test(token)) return token;
  }
}

/** The next number of the day for a service; rolls back with the transaction that took it. */
export async function takeNumber(
  trx: Transaction<Database>,
  serviceId: number,
  day: string,
): Promise<number> {
  const { last_number } = await trx
    .insertInto('daily_number_sequences')
    .values({ service_id: serviceId, day, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['service_id', 'day'])
        .doUpdateSet({ last_number: sql`daily_number_sequences.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return last_number;
}

export interface NewTicketFields {
  priority: Priority | null;
  channel: Channel;
  deviceId?: string | null;
  issuedAt?: Date;
  queuedAt?: Date;
  transferredFromId?: number | null;
  /** A transfer to one named counter: only that counter's call-next takes the ticket. */
  reservedCounterId?: number | null;
  token?: string;
  /**
   * A citizen's own web ticket: it may take only the web share of the daily quota, so the rest
   * stays for people who come in person (staff transfers and moves are not capped).
   */
  webShareCapped?: boolean;
}

/** Counts one more web ticket of the day, in the row takeNumber has just locked. */
async function takeWebPlace(trx: Transaction<Database>, serviceId: number, day: string): Promise<number> {
  const { web_issued } = await trx
    .updateTable('daily_number_sequences')
    .set({ web_issued: sql`web_issued + 1` })
    .where('service_id', '=', serviceId)
    .where('day', '=', day)
    .returning('web_issued')
    .executeTakeFirstOrThrow();
  return web_issued;
}

/** Checks the rules of `serviceId`, numbers the ticket and inserts it as waiting. */
export async function insertWaitingTicket(
  trx: Transaction<Database>,
  centerId: number,
  serviceId: number,
  fields: NewTicketFields,
): Promise<TicketRow> {
  const service = await loadService(trx, centerId, serviceId);
  if (!service.active) {
    throw new DomainError('service_inactive', `service ${service.code} is not taking tickets`, { serviceId });
  }
  if (!isWithinIssuingHours(service.issuing_hours, service.local_time)) {
    throw new DomainError(
      'outside_issuing_hours',
      `service ${service.code} issues tickets ${describeWindows(service.issuing_hours)}; it is now ${service.local_time}`,
      { serviceId, issuingHours: service.issuing_hours, localTime: service.local_time },
    );
  }
  const n = await takeNumber(trx, serviceId, service.local_day);
  if (service.daily_quota !== null && n > service.daily_quota) {
    // Throwing rolls the number back too, so the sequence stays gapless.
    throw new DomainError(
      'daily_quota_reached',
      `service ${service.code} has issued its ${service.daily_quota} tickets for today`,
      { serviceId, dailyQuota: service.daily_quota },
    );
  }
  if (fields.webShareCapped) {
    // Counted even without a quota, so a quota set later in the day starts from the truth.
    const webIssued = await takeWebPlace(trx, serviceId, service.local_day);
    const webQuota = webQuotaOf(service.daily_quota, service.web_quota_percent);
    if (webQuota !== null && webIssued > webQuota) {
      throw new DomainError(
        'daily_quota_reached',
        `service ${service.code} has given the ${webQuota} tickets it offers remotely today; the rest are kept for people at the center`,
        { serviceId, dailyQuota: service.daily_quota, channel: 'web', webQuota },
      );
    }
  }
  return trx
    .insertInto('tickets')
    .values({
      center_id: centerId,
      service_id: serviceId,
      day: service.local_day,
      number: formatTicketNumber(service.code, n),
      token: fields.token ?? newToken(),
      status: 'waiting',
      priority: fields.priority,
      channel: fields.channel,
      device_id: fields.deviceId ?? null,
      ...(fields.issuedAt ? { issued_at: fields.issuedAt } : {}),
      ...(fields.queuedAt ? { queued_at: fields.queuedAt } : {}),
      transferred_from_id: fields.transferredFromId ?? null,
      reserved_counter_id: fields.reservedCounterId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function issueTicket(
  ctx: DomainContext,
  request: IssueRequest,
): Promise<{ ticket: WireTicket; token: string; row: TicketRow }> {
  const { row, event } = await ctx.db.transaction().execute(async (trx) => {
    if (request.deviceId && request.deviceLimits) {
      await assertDeviceUnderLimit(trx, request.deviceId, request.serviceId, request.deviceLimits);
    }
    const row = await insertWaitingTicket(trx, request.centerId, request.serviceId, {
      ...request,
      webShareCapped: request.channel === 'web' && !request.userId,
    });
    const event = await appendEvent(trx, {
      centerId: request.centerId,
      type: 'ticket.issued',
      ticketId: row.id,
      userId: request.userId ?? null,
      body: { ticket: toWireTicket(row) },
    });
    return { row, event };
  });
  ctx.publisher.publish([{ event, ticketTokens: [row.token], serviceIds: [row.service_id] }]);
  return { ticket: toWireTicket(row), token: row.token, row };
}
