/**
 * A citizen rates the service once, after it (DESIGN.md §3: the 4-level scale of Vietnamese
 * centers). The ticket's token is the right to rate it. A rating already given (on the counter
 * display, or from another device) stands: a second rating is a 409 that says which one was
 * given, except that a comment sent to a rating without one is kept, attached to it (issue 11
 * item 15: the citizen typed it on the phone while the tablet took the rating).
 */
import type { Kysely, Transaction } from 'kysely';
import type { FeedbackReceipt } from '../../../shared/src/api/tickets.js';
import type { GivenFeedback, Rating } from '../../../shared/src/protocol.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';

/** What the citizen's page shows of a ticket's rating: the rating and whether a comment is attached. */
export async function givenFeedback(
  db: Kysely<Database> | Transaction<Database>,
  ticketId: number,
): Promise<GivenFeedback | null> {
  const row = await db
    .selectFrom('feedback')
    .select(['rating', 'comment'])
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row ? { rating: row.rating, hasComment: row.comment !== null } : null;
}

const exists = (given: GivenFeedback): DomainError =>
  new DomainError('feedback_exists', 'this ticket has already been rated', given);

/** `created`: false when the comment was attached to a rating given before (200, not 201). */
export async function rateTicket(
  ctx: DomainContext,
  token: string,
  rating: Rating,
  comment: string | null,
): Promise<{ receipt: FeedbackReceipt; created: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'status', 'outcome'])
      .where('token', '=', token)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw notFound('ticket', 'token');
    if (ticket.status !== 'done') {
      throw new DomainError(
        'illegal_transition',
        `a ticket can be rated once served; this one is ${ticket.status}`,
        {
          currentStatus: ticket.status,
        },
      );
    }
    // The ticket row is locked, but a rating on the counter display does not take that lock:
    // if one lands between our read and our insert, the primary key keeps one row, and the
    // comment is attached to it as if it had been there first.
    const readExisting = () =>
      trx
        .selectFrom('feedback')
        .selectAll()
        .where('ticket_id', '=', ticket.id)
        .forUpdate()
        .executeTakeFirst();
    let existing = await readExisting();
    if (!existing) {
      const row = await trx
        .insertInto('feedback')
        .values({ ticket_id: ticket.id, rating, comment })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { receipt: { ...toReceipt(row), attached: false }, created: true };
      existing = await readExisting();
      if (!existing) throw new DomainError('feedback_exists', 'this ticket has already been rated');
    }
    const given = { rating: existing.rating, hasComment: existing.comment !== null };
    if (comment === null || existing.comment !== null) throw exists(given);
    const row = await trx
      .updateTable('feedback')
      .set({ comment })
      .where('ticket_id', '=', ticket.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { receipt: { ...toReceipt(row), attached: true }, created: false };
  });
}

function toReceipt(row: { ticket_id: number; rating: Rating; comment: string | null; created_at: Date }) {
  return {
    ticketId: row.ticket_id,
    rating: row.rating,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
  };
}
