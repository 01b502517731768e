/**
 * The SQL of citizen notifications: push subscriptions, phone numbers given with consent,
 * the one-time notices a ticket has had, and the clean-up when tickets end.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Locale } from '../../../shared/src/i18n/catalogue.js';
import type { TicketStatus } from '../../../shared/src/ticket-state.js';
import type { Database } from '../db/tables.js';
import { DomainError, illegalTransition, notFound } from '../errors.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Tickets in these states may still be called: notifications make sense for them. */
const LIVE: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'held'];
/** A ticket in these states has ended: its subscriptions and phone number are deleted. */
export const ENDED: readonly TicketStatus[] = ['done', 'cancelled', 'no_show', 'expired'];
/** More than a citizen has devices: a cap, so one token cannot fan out to endless endpoints. */
export const MAX_SUBSCRIPTIONS_PER_TICKET = 5;

export interface PushKeys {
  p256dh: string;
  auth: string;
}

export interface StoredSubscription {
  id: number;
  endpoint: string;
  keys: PushKeys;
  locale: Locale;
}

/**
 * Locks the live ticket a token names, for the rest of the transaction: a transition that ends
 * it waits, so what is saved here is seen by the clean-up that follows that transition.
 */
async function lockLiveTicket(trx: Transaction<Database>, token: string): Promise<number> {
  const row = await trx
    .selectFrom('tickets')
    .select(['id', 'status'])
    .where('token', '=', token)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('ticket', 'token');
  if (!LIVE.includes(row.status)) throw illegalTransition('notify about', row.status);
  return row.id;
}

export function saveSubscription(
  db: Kysely<Database>,
  token: string,
  subscription: { endpoint: string; keys: PushKeys },
  locale: Locale,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ticketId = await lockLiveTicket(trx, token);
    const { n } = await trx
      .selectFrom('push_subscriptions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('ticket_id', '=', ticketId)
      .where('endpoint', '<>', subscription.endpoint)
      .executeTakeFirstOrThrow();
    if (n >= MAX_SUBSCRIPTIONS_PER_TICKET) {
      throw new DomainError(
        'rate_limited',
        `a ticket takes at most ${MAX_SUBSCRIPTIONS_PER_TICKET} devices`,
        {
          limit: MAX_SUBSCRIPTIONS_PER_TICKET,
        },
      );
    }
    await trx
      .insertInto('push_subscriptions')
      .values({
        ticket_id: ticketId,
        endpoint: subscription.endpoint,
        keys: JSON.stringify(subscription.keys),
        locale,
      })
      .onConflict((oc) =>
        oc
          .columns(['ticket_id', 'endpoint'])
          .doUpdateSet({ keys: JSON.stringify(subscription.keys), locale }),
      )
      .execute();
    return ticketId;
  });
}

export async function ticketIdOf(db: Db, token: string): Promise<number> {
  const row = await db.selectFrom('tickets').select('id').where('token', '=', token).executeTakeFirst();
  if (!row) throw notFound('ticket', 'token');
  return row.id;
}

export async function deleteSubscription(db: Db, ticketId: number, endpoint: string): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where('ticket_id', '=', ticketId)
    .where('endpoint', '=', endpoint)
    .execute();
}

export async function deleteSubscriptionById(db: Db, id: number): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
}

export async function subscriptionsOf(db: Db, ticketId: number): Promise<StoredSubscription[]> {
  const rows = await db
    .selectFrom('push_subscriptions')
    .select(['id', 'endpoint', 'keys', 'locale'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    endpoint: r.endpoint,
    keys: r.keys as PushKeys,
    locale: r.locale === 'en' ? 'en' : 'vi',
  }));
}

/** Marks a ticket's one SMS opt-in; a second (a new number, or the same after unsubscribing) is refused. */
export const SMS_OPT_IN = 'sms_opt_in';

export function saveContact(db: Kysely<Database>, token: string, phone: string, locale: Locale) {
  return db.transaction().execute(async (trx) => {
    const ticketId = await lockLiveTicket(trx, token);
    const first = await trx
      .insertInto('ticket_notices')
      .values({ ticket_id: ticketId, kind: SMS_OPT_IN })
      .onConflict((oc) => oc.columns(['ticket_id', 'kind']).doNothing())
      .returning('ticket_id')
      .executeTakeFirst();
    if (!first) {
      throw new DomainError(
        'already_exists',
        'this ticket has already been given a number for text messages; one a ticket',
        { ticketId },
      );
    }
    await trx
      .insertInto('ticket_contacts')
      .values({ ticket_id: ticketId, phone, locale })
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet({ phone, locale }))
      .execute();
    return ticketId;
  });
}

export async function deleteContact(db: Db, ticketId: number): Promise<void> {
  await db.deleteFrom('ticket_contacts').where('ticket_id', '=', ticketId).execute();
}

/** The number to text about a ticket, and the ticket's local day (the number's daily allowance counts by it). */
export async function contactOf(
  db: Db,
  ticketId: number,
): Promise<{ phone: string; locale: Locale; day: string } | null> {
  const row = await db
    .selectFrom('ticket_contacts as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .select(['c.phone', 'c.locale', sql<string>`t.day::text`.as('day')])
    .where('c.ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row ? { phone: row.phone, locale: row.locale === 'en' ? 'en' : 'vi', day: row.day } : null;
}

/**
 * Which of these tickets somebody asked to be told about (by push or by SMS), leaving out those
 * that already had the one-time notice `notYet`.
 */
export async function ticketsToTell(db: Db, ticketIds: number[], notYet?: string): Promise<Set<number>> {
  if (ticketIds.length === 0) return new Set();
  let query = db
    .selectFrom('tickets as t')
    .select('t.id')
    .where('t.id', 'in', ticketIds)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('push_subscriptions as p').select('p.id').whereRef('p.ticket_id', '=', 't.id'),
        ),
        eb.exists(
          eb.selectFrom('ticket_contacts as c').select('c.ticket_id').whereRef('c.ticket_id', '=', 't.id'),
        ),
      ]),
    );
  if (notYet) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ticket_notices as n')
            .select('n.ticket_id')
            .whereRef('n.ticket_id', '=', 't.id')
            .where('n.kind', '=', notYet),
        ),
      ),
    );
  }
  return new Set((await query.execute()).map((r) => r.id));
}

/**
 * Records that a one-time notice goes out now, while the ticket is still in `status`. Only one
 * caller ever gets true for a ticket and kind, whichever instance it runs on.
 */
export async function claimNotice(db: Db, ticketId: number, kind: string, status: TicketStatus) {
  const { rows } = await sql<{ ticket_id: number }>`
    INSERT INTO ticket_notices (ticket_id, kind)
    SELECT id, ${kind} FROM tickets WHERE id = ${ticketId} AND status = ${status}
    ON CONFLICT DO NOTHING
    RETURNING ticket_id`.execute(db);
  return rows.length === 1;
}

/**
 * Deletes the subscriptions and phone numbers of every ended ticket. Both tables hold only live
 * tickets, so they stay small and each row costs one primary-key probe of tickets; one sweep
 * also catches what an instance that stopped mid-way left behind.
 */
export async function forgetEndedTickets(db: Db): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('tickets as t')
          .select('t.id')
          .whereRef('t.id', '=', 'push_subscriptions.ticket_id')
          .where('t.status', 'in', ENDED),
      ),
    )
    .execute();
  await db
    .deleteFrom('ticket_contacts')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('tickets as t')
          .select('t.id')
          .whereRef('t.id', '=', 'ticket_contacts.ticket_id')
          .where('t.status', 'in', ENDED),
      ),
    )
    .execute();
}
