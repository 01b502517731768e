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
  // One statement: take the center's next seq and write the event with it.
  const { rows } = await sql<{ seq: number; at: Date }>`
    WITH next AS (
      UPDATE center_sequences SET last_seq = last_seq + 1
      WHERE center_id = ${event.centerId}
      RETURNING last_seq
    )
    INSERT INTO ticket_events (center_id, seq, type, ticket_id, counter_id, user_id, payload)
    SELECT ${event.centerId}, next.last_seq, ${event.type}, ${event.ticketId ?? null}::int,
           ${event.counterId ?? null}::int, ${event.userId ?? null}::int, ${JSON.stringify(event.body)}::jsonb
    FROM next
    RETURNING seq, at`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error(`center ${event.centerId} has no event sequence`);
  return {
    seq: row.seq,
    type: event.type,
    at: new Date(row.at).toISOString(),
    centerId: event.centerId,
    ...event.body,
  };
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
