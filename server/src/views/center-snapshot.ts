/**
 * Snapshots answer `subscribe` and GET /snapshot. Each is read in one repeatable-read
 * transaction, so its `seq` matches its state exactly: a client applies events after it.
 */

import type { Kysely } from 'kysely';
import type {
  CenterSnapshot,
  CounterSnapshot,
  RecentCall,
  TicketSnapshot,
  WireTicket,
} from '../../../shared/src/protocol.js';
import { ACTIVE_AT_COUNTER } from '../../../shared/src/ticket-state.js';
import { servicesOfCounters, toWireCounter } from '../counters/counter.wire.js';
import { listCounters } from '../counters/counters.repository.js';
import type { Database } from '../db/tables.js';
import { notFound } from '../errors.js';
import { currentSeq, rowToEvent } from '../events/events.repository.js';
import { givenFeedback } from '../feedback/feedback.js';
import { positionOf } from '../queues/positions.js';
import { toWireTicket } from '../tickets/ticket.wire.js';

const RECENT_CALLS = 10;

function readConsistently<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
}

export function centerSnapshot(db: Kysely<Database>, centerId: number): Promise<CenterSnapshot> {
  return readConsistently(db, async (trx) => {
    const seq = await currentSeq(trx, centerId);
    const counters = await listCounters(trx, centerId);
    const services = await trx
      .selectFrom('services as s')
      .leftJoin('tickets as t', (join) =>
        join.onRef('t.service_id', '=', 's.id').on('t.status', '=', 'waiting'),
      )
      .select(['s.id', (eb) => eb.fn.count<number>('t.id').as('waiting')])
      .where('s.center_id', '=', centerId)
      .groupBy('s.id')
      .orderBy('s.id')
      .execute();
    const active = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('center_id', '=', centerId)
      .where('status', 'in', ACTIVE_AT_COUNTER)
      .execute();
    const byCounter = new Map(active.map((t) => [t.counter_id, toWireTicket(t)]));
    const calls = await trx
      .selectFrom('ticket_events')
      .select(['seq', 'type', 'at', 'center_id', 'payload'])
      .where('center_id', '=', centerId)
      // Transfers too: the board tells the holder of the old number their new one (issue 11 item 17).
      .where('type', 'in', ['ticket.called', 'ticket.recalled', 'ticket.resumed', 'ticket.transferred'])
      .orderBy('seq', 'desc')
      .limit(RECENT_CALLS)
      .execute();
    const numberOf = new Map(counters.map((c) => [c.id, c.number]));
    const recentCalls: RecentCall[] = calls.map(rowToEvent).map((e) => ({
      seq: e.seq,
      ticketId: e.ticket!.id,
      number: e.ticket!.number,
      serviceId: e.ticket!.serviceId,
      counterId: e.counterId ?? 0,
      counterNumber: e.counterId === undefined ? 0 : (numberOf.get(e.counterId) ?? 0),
      at: e.at,
      recall: e.type === 'ticket.recalled',
      ...(e.transferredTo
        ? {
            transferredTo: {
              number: e.transferredTo.number,
              serviceId: e.transferredTo.serviceId,
              ...(e.transferredToCounter !== undefined ? { counterNumber: e.transferredToCounter } : {}),
            },
          }
        : {}),
    }));
    return {
      seq,
      centerId,
      services: services.map((s) => ({ id: s.id, waiting: Number(s.waiting) })),
      counters: counters.map((c) => ({ ...c, ticket: byCounter.get(c.id) ?? null })),
      recentCalls,
    };
  });
}

export function counterSnapshot(db: Kysely<Database>, counterId: number): Promise<CounterSnapshot> {
  return readConsistently(db, async (trx) => {
    const row = await trx.selectFrom('counters').selectAll().where('id', '=', counterId).executeTakeFirst();
    if (!row) throw notFound('counter', counterId);
    const seq = await currentSeq(trx, row.center_id);
    const services = await servicesOfCounters(trx, [counterId]);
    const ticket = await trx
      .selectFrom('tickets')
      .selectAll()
      .where('counter_id', '=', counterId)
      .where('status', 'in', ACTIVE_AT_COUNTER)
      .executeTakeFirst();
    return {
      seq,
      counter: toWireCounter(row, services.get(counterId) ?? []),
      ticket: ticket ? toWireTicket(ticket) : null,
    };
  });
}

/** The citizen's view: their ticket with position and estimate while waiting, the counter once called. */
export function ticketSnapshot(
  db: Kysely<Database>,
  token: string,
): Promise<TicketSnapshot & { centerId: number }> {
  return readConsistently(db, async (trx) => {
    const row = await trx.selectFrom('tickets').selectAll().where('token', '=', token).executeTakeFirst();
    if (!row) throw notFound('ticket', 'token');
    const seq = await currentSeq(trx, row.center_id);
    const ticket: WireTicket =
      (row.status === 'waiting' ? await positionOf(trx, row.id, row.service_id) : null) ?? toWireTicket(row);
    let counter = null;
    if (row.counter_id !== null) {
      const c = await trx
        .selectFrom('counters')
        .selectAll()
        .where('id', '=', row.counter_id)
        .executeTakeFirstOrThrow();
      const services = await servicesOfCounters(trx, [c.id]);
      counter = toWireCounter(c, services.get(c.id) ?? []);
    }
    // A served ticket's page shows the rating given, wherever it was given.
    const feedback = row.status === 'done' ? { feedback: await givenFeedback(trx, row.id) } : {};
    return { seq, ticket, counter, ...feedback, centerId: row.center_id };
  });
}
