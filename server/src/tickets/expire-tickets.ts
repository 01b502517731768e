/**
 * When a center's local day ends, tickets still waiting, called or held expire (DESIGN.md §4).
 * Any instance may sweep: SKIP LOCKED and the status check make a ticket expire once.
 */
import { sql } from 'kysely';
import { type TicketStatus, TRANSITIONS } from '../../../shared/src/ticket-state.js';
import type { DomainContext } from '../context.js';
import { appendEvent } from '../events/events.repository.js';
import type { Published } from '../events/publisher.js';
import { toWireTicket } from './ticket.wire.js';

const EXPIRABLE = (Object.keys(TRANSITIONS) as TicketStatus[]).filter((s) => TRANSITIONS[s].expire);

export async function expireStaleTickets(ctx: DomainContext): Promise<number> {
  const centers = await ctx.db.selectFrom('centers').select('id').execute();
  let expired = 0;
  for (const { id: centerId } of centers) {
    const items = await ctx.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`
        SELECT t.id FROM tickets t JOIN centers c ON c.id = t.center_id
        WHERE t.center_id = ${centerId}
          AND t.status IN (${sql.join(EXPIRABLE)})
          AND t.day < (now() AT TIME ZONE c.timezone)::date
        ORDER BY t.id
        FOR UPDATE OF t SKIP LOCKED`.execute(trx);
      const published: Published[] = [];
      for (const { id } of rows) {
        const row = await trx
          .updateTable('tickets')
          .set({ status: 'expired', finished_at: sql`now()` })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const event = await appendEvent(trx, {
          centerId,
          type: 'ticket.expired',
          ticketId: id,
          counterId: row.counter_id,
          body: { ticket: toWireTicket(row) },
        });
        published.push({ event, ticketTokens: [row.token], serviceIds: [] });
      }
      return published;
    });
    ctx.publisher.publish(items);
    expired += items.length;
  }
  return expired;
}
