/**
 * A rating given on the counter display, the tablet on the clerk's desk (issue 4). It must come
 * from that counter's paired display (issue 10: anyone following the public feed knows which
 * ticket was just done where), and a ticket is rated once, and only while it is the one just
 * completed at that counter, that is within COUNTER_RATING_WINDOW_SECONDS of its completion
 * there and before that counter has called anyone else.
 */
import { type Kysely, sql } from 'kysely';
import type { FeedbackReceipt } from '../../../shared/src/api/tickets.js';
import { COUNTER_RATING_WINDOW_SECONDS } from '../../../shared/src/counter-rating.js';
import type { LiveEvent, Rating } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';
import { currentSeq } from '../events/events.repository.js';
import type { Publisher } from '../events/publisher.js';
import { toWireTicket } from '../tickets/ticket.wire.js';

/** Events after which a counter holds another ticket: the completed one is no longer "just completed". */
const CALLS = ['ticket.called', 'ticket.resumed'] as const;

const closed = (counterId: number, ticketId: number, why: string): DomainError =>
  new DomainError('rating_closed', `ticket ${ticketId} cannot be rated at counter ${counterId}: ${why}`, {
    counterId,
    ticketId,
  });

export async function rateAtCounter(
  db: Kysely<Database>,
  counterId: number,
  ticketId: number,
  rating: Rating,
  fromItsDisplay: (counter: { id: number; centerId: number }) => Promise<boolean>,
  publisher: Publisher,
): Promise<FeedbackReceipt> {
  const counter = await db
    .selectFrom('counters')
    .select(['id', 'center_id'])
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (!counter) throw notFound('counter', counterId);
  if (!(await fromItsDisplay({ id: counter.id, centerId: counter.center_id }))) {
    throw new DomainError(
      'device_not_paired',
      `ratings at counter ${counterId} come from its paired display; the citizen can rate from the ticket's page`,
      { counterId },
    );
  }
  const { receipt, notice } = await db.transaction().execute(async (trx) => {
    const ticket = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
    if (!ticket) throw notFound('ticket', ticketId);
    const rated = await trx
      .selectFrom('feedback')
      .select('ticket_id')
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    if (rated) throw new DomainError('feedback_exists', 'this ticket has already been rated');

    // Its completion at this counter (by the ticket's own index), and whether it is recent.
    const done = await trx
      .selectFrom('ticket_events')
      .select([
        'center_id',
        'seq',
        sql<boolean>`at > now() - make_interval(secs => ${COUNTER_RATING_WINDOW_SECONDS})`.as('recent'),
      ])
      .where('ticket_id', '=', ticketId)
      .where('counter_id', '=', counterId)
      .where('type', '=', 'ticket.done')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (!done) throw closed(counterId, ticketId, 'it was not completed there');
    if (!done.recent) {
      throw closed(counterId, ticketId, `it was completed more than ${COUNTER_RATING_WINDOW_SECONDS} s ago`);
    }
    // A few rows at most: the center's events of the last seconds, by primary key.
    const later = await trx
      .selectFrom('ticket_events')
      .select('seq')
      .where('center_id', '=', done.center_id)
      .where('seq', '>', done.seq)
      .where('counter_id', '=', counterId)
      .where('type', 'in', CALLS)
      .executeTakeFirst();
    if (later) throw closed(counterId, ticketId, 'the counter has called another ticket since');

    // The primary key settles two ratings sent at once: one row, and the other is told so.
    const row = await trx
      .insertInto('feedback')
      .values({ ticket_id: ticketId, rating, comment: null })
      .onConflict((oc) => oc.column('ticket_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DomainError('feedback_exists', 'this ticket has already been rated');
    const receipt: FeedbackReceipt = {
      ticketId: row.ticket_id,
      rating: row.rating,
      comment: row.comment,
      createdAt: row.created_at.toISOString(),
    };
    // The citizen's phone, if open, stops offering the form (issue 11 item 15): its own room only.
    const notice: LiveEvent = {
      seq: await currentSeq(trx, ticket.center_id),
      type: 'ticket.rated',
      at: receipt.createdAt,
      centerId: ticket.center_id,
      ticket: toWireTicket(ticket),
      feedback: { rating: receipt.rating, hasComment: false },
    };
    return { receipt, notice: { token: ticket.token, event: notice } };
  });
  publisher.tellTicket(notice.token, notice.event);
  return receipt;
}
