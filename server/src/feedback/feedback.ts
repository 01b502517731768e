/**
 * A citizen rates the service once, after it (DESIGN.md §3: the 4-level scale of Vietnamese
 * centers). The ticket's token is the right to rate it; a second rating is a 409.
 */
import type { Rating } from '../../../shared/src/protocol.js';
import type { DomainContext } from '../context.js';
import { DomainError, notFound } from '../errors.js';

export interface FeedbackReceipt {
  ticketId: number;
  rating: Rating;
  comment: string | null;
  createdAt: string;
}

export async function rateTicket(
  ctx: DomainContext,
  token: string,
  rating: Rating,
  comment: string | null,
): Promise<FeedbackReceipt> {
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
    const existing = await trx
      .selectFrom('feedback')
      .select('ticket_id')
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirst();
    if (existing) throw new DomainError('feedback_exists', 'this ticket has already been rated');
    const row = await trx
      .insertInto('feedback')
      .values({ ticket_id: ticket.id, rating, comment })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      ticketId: row.ticket_id,
      rating: row.rating as Rating,
      comment: row.comment,
      createdAt: row.created_at.toISOString(),
    };
  });
}
