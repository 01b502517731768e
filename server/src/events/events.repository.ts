/**
 * The event log: every change appends one row with the center's next `seq`.
 * Call appendEvent last in a transaction: it locks the center's sequence row until commit,
 * so seq is gapless and events commit in seq order, and the lock is held only briefly.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { EventType, LiveEvent } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';

export interface NewEvent {
  centerId: number;
  type: EventType;
  ticketId?: number | null;
  counterId?: number | null;
  userId?: number | null;
  /** What clients get besides seq, type, at and centerId. */
  body: Omit<LiveEvent, 'seq' | 'type' | 'at' | 'centerId'>;
}

export async function appendEvent(trx: Transaction<Database>, event: NewEvent): Promise<LiveEvent> {
  const { last_seq: seq } = await trx
    .updateTable('center_sequences')
    .set({ last_seq: sql`last_seq + 1` })
    .where('center_id', '=', event.centerId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const { at } = await trx
    .insertInto('ticket_events')
    .values({
      center_id: event.centerId,
      seq,
      type: event.type,
      ticket_id: event.ticketId ?? null,
      counter_id: event.counterId ?? null,
      user_id: event.userId ?? null,
      payload: JSON.stringify(event.body),
    })
    .returning('at')
    .executeTakeFirstOrThrow();
  return { seq, type: event.type, at: at.toISOString(), centerId: event.centerId, ...event.body };
}

export async function currentSeq(db: Kysely<Database>, centerId: number): Promise<number> {
  const row = await db
    .selectFrom('center_sequences')
    .select('last_seq')
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return row?.last_seq ?? 0;
}

type EventRow = { seq: number; type: string; at: Date; center_id: number; payload: unknown };

export function rowToEvent(row: EventRow): LiveEvent {
  const body = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as object;
  return {
    seq: row.seq,
    type: row.type as EventType,
    at: row.at.toISOString(),
    centerId: row.center_id,
    ...body,
  };
}

/** Events after `sinceSeq`, oldest first, at most `limit` (+1 to tell the caller there are more). */
export async function eventsSince(
  db: Kysely<Database>,
  centerId: number,
  sinceSeq: number,
  limit: number,
  counterId?: number,
): Promise<LiveEvent[]> {
  let query = db
    .selectFrom('ticket_events')
    .select(['seq', 'type', 'at', 'center_id', 'payload'])
    .where('center_id', '=', centerId)
    .where('seq', '>', sinceSeq);
  if (counterId !== undefined) query = query.where('counter_id', '=', counterId);
  const rows = await query
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  return rows.map(rowToEvent);
}
