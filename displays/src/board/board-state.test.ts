import { describe, expect, it } from 'vitest';
import type { CenterSnapshot, LiveEvent, WireTicket } from '../../../shared/src/protocol.js';
import {
  ANNOUNCE_WITHIN_MS,
  applyEvent,
  MAX_CALLS,
  shouldAnnounce,
  viewFromSnapshot,
} from './board-state.js';

const counter = (id: number, state: 'open' | 'closed' | 'paused' = 'open') => ({
  id,
  number: id,
  name: `Quầy ${id}`,
  serviceIds: [1, 2],
  state,
  ticket: null,
});

const snapshot: CenterSnapshot = {
  seq: 10,
  centerId: 1,
  services: [
    { id: 1, waiting: 2 },
    { id: 2, waiting: 0 },
  ],
  counters: [counter(2), counter(1)],
  recentCalls: [],
};

const ticket = (id: number, status: WireTicket['status'], extra: Partial<WireTicket> = {}): WireTicket => ({
  id,
  number: `A00${id}`,
  serviceId: 1,
  status,
  priority: null,
  channel: 'kiosk',
  issuedAt: '2026-11-28T01:00:00.000Z',
  ...extra,
});

let seq = 10;
const event = (type: LiveEvent['type'], extra: Partial<LiveEvent> = {}): LiveEvent => ({
  seq: ++seq,
  type,
  at: '2026-11-28T02:00:00.000Z',
  centerId: 1,
  ...extra,
});

describe('board state', () => {
  it('starts from a snapshot, counters in number order', () => {
    const view = viewFromSnapshot(snapshot);
    expect(view.counters.map((c) => c.number)).toEqual([1, 2]);
    expect(view.waiting).toEqual({ 1: 2, 2: 0 });
  });

  it('shows a ticket called and then recalled once, at its recall, when read from a snapshot', () => {
    const call = (seq: number, ticketId: number, recall: boolean) => ({
      seq,
      ticketId,
      number: `A00${ticketId}`,
      serviceId: 1,
      counterId: 1,
      counterNumber: 1,
      at: '2026-11-28T02:00:00.000Z',
      recall,
    });
    // Newest first, as the server sends them.
    const view = viewFromSnapshot({
      ...snapshot,
      recentCalls: [call(9, 1, true), call(8, 2, false), call(7, 1, false)],
    });
    expect(view.calls.map((c) => [c.number, c.recall])).toEqual([
      ['A001', true],
      ['A002', false],
    ]);
  });

  it('keeps waiting counts by event, including the ambiguous ones', () => {
    let view = viewFromSnapshot(snapshot);
    view = applyEvent(view, event('ticket.issued', { ticket: ticket(3, 'waiting') }), 0);
    expect(view.waiting[1]).toBe(3);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(3, 'called'), counterId: 1 }), 0);
    expect(view.waiting[1]).toBe(2);
    view = applyEvent(view, event('ticket.returned', { ticket: ticket(3, 'waiting'), counterId: 1 }), 0);
    expect(view.waiting[1]).toBe(3);
    view = applyEvent(view, event('ticket.cancelled', { ticket: ticket(3, 'cancelled') }), 0);
    expect(view.waiting[1]).toBe(2);
    // Expiry of a waiting ticket counts; of a called one (it has a call time) does not.
    view = applyEvent(view, event('ticket.expired', { ticket: ticket(4, 'expired') }), 0);
    expect(view.waiting[1]).toBe(1);
    view = applyEvent(view, event('ticket.expired', { ticket: ticket(5, 'expired', { calledAt: 'x' }) }), 0);
    expect(view.waiting[1]).toBe(1);
    const moved = ticket(6, 'waiting', { serviceId: 2, number: 'B001' });
    view = applyEvent(
      view,
      event('ticket.transferred', { ticket: ticket(7, 'done'), transferredTo: moved }),
      0,
    );
    expect(view.waiting).toEqual({ 1: 1, 2: 1 });
  });

  it('puts calls first, moves a recalled ticket to the top, and keeps only the last few', () => {
    let view = viewFromSnapshot(snapshot);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(1, 'called'), counterId: 1 }), 5000);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(2, 'called'), counterId: 2 }), 5000);
    expect(view.calls.map((c) => [c.number, c.counterNumber])).toEqual([
      ['A002', 2],
      ['A001', 1],
    ]);
    view = applyEvent(view, event('ticket.recalled', { ticket: ticket(1, 'called'), counterId: 1 }), 0);
    expect(view.calls.map((c) => [c.number, c.recall])).toEqual([
      ['A001', true],
      ['A002', false],
    ]);
    expect(view.calls[0]!.freshUntil).toBe(0);
    for (let id = 10; id < 30; id++) {
      view = applyEvent(view, event('ticket.called', { ticket: ticket(id, 'called'), counterId: 1 }), 0);
    }
    expect(view.calls).toHaveLength(MAX_CALLS);
    expect(view.calls[0]!.ticketId).toBe(29);
  });

  it('shows a transfer in the old number’s row, old and new number, live as after a reload (issue 11 item 17)', () => {
    let view = viewFromSnapshot(snapshot);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(1, 'called'), counterId: 2 }), 5000);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(2, 'called'), counterId: 1 }), 5000);
    const to = ticket(9, 'waiting', { serviceId: 2, number: 'B003' });
    const transfer = event('ticket.transferred', {
      ticket: ticket(1, 'done'),
      transferredTo: to,
      counterId: 2,
    });
    view = applyEvent(view, transfer, 0);
    // The transfer rewrites A001's row where it stands: the latest call (A002) keeps the top slot
    // (issue 11: a transfer pushed the current call down); counter 2 is free again.
    expect(view.calls.map((c) => [c.number, c.transferredTo?.number ?? null, c.counterNumber])).toEqual([
      ['A002', null, 1],
      ['A001', 'B003', 2],
    ]);
    expect(view.calls[1]).toMatchObject({ transferredTo: { number: 'B003', serviceId: 2 }, freshUntil: 0 });
    expect(view.counters.find((c) => c.id === 2)?.ticket).toBeNull();
    // A snapshot lists the same rows (the transfer is the newest event of ticket 1).
    const reloaded = viewFromSnapshot({
      ...snapshot,
      recentCalls: [
        { ...view.calls[1]!, seq: transfer.seq },
        {
          seq: transfer.seq - 1,
          ticketId: 2,
          number: 'A002',
          serviceId: 1,
          counterId: 1,
          counterNumber: 1,
          at: '',
          recall: false,
        },
        {
          seq: transfer.seq - 2,
          ticketId: 1,
          number: 'A001',
          serviceId: 1,
          counterId: 2,
          counterNumber: 2,
          at: '',
          recall: false,
        },
      ],
    });
    expect(reloaded.calls.map((c) => [c.number, c.transferredTo?.number ?? null])).toEqual([
      ['A002', null],
      ['A001', 'B003'],
    ]);
    // The new number called later is a row of its own; a manager's move (no counter) of a ticket
    // not listed gets a row just below the current call.
    view = applyEvent(view, event('ticket.called', { ticket: { ...to, status: 'called' }, counterId: 1 }), 0);
    view = applyEvent(
      view,
      event('ticket.transferred', {
        ticket: ticket(5, 'cancelled'),
        transferredTo: ticket(10, 'waiting', { serviceId: 2, number: 'B004' }),
      }),
      0,
    );
    expect(view.calls.map((c) => [c.number, c.transferredTo?.number ?? null, c.counterNumber])).toEqual([
      ['B003', null, 1],
      ['A005', 'B004', 0],
      ['A002', null, 1],
      ['A001', 'B003', 2],
    ]);
  });

  it('says the counter a transfer named, live as after a reload ("A010 → E003 · Quầy 5")', () => {
    let view = viewFromSnapshot(snapshot);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(1, 'called'), counterId: 2 }), 0);
    const to = { ...ticket(9, 'waiting', { serviceId: 2, number: 'B003' }), reservedCounterId: 5 };
    const transfer = event('ticket.transferred', {
      ticket: ticket(1, 'done'),
      transferredTo: to,
      transferredToCounter: 5,
      counterId: 2,
    });
    view = applyEvent(view, transfer, 0);
    expect(view.calls[0]?.transferredTo).toEqual({ number: 'B003', serviceId: 2, counterNumber: 5 });
    // The snapshot's row, as center-snapshot.ts writes it, reads the same.
    const reloaded = viewFromSnapshot({
      ...snapshot,
      recentCalls: [{ ...view.calls[0]!, seq: transfer.seq }],
    });
    expect(reloaded.calls[0]?.transferredTo).toEqual(view.calls[0]?.transferredTo);
  });

  it('shows what each counter holds, and frees it when the ticket leaves', () => {
    let view = viewFromSnapshot(snapshot);
    view = applyEvent(view, event('ticket.called', { ticket: ticket(1, 'called'), counterId: 2 }), 0);
    expect(view.counters.find((c) => c.id === 2)?.ticket?.number).toBe('A001');
    view = applyEvent(view, event('ticket.serving', { ticket: ticket(1, 'serving'), counterId: 2 }), 0);
    expect(view.counters.find((c) => c.id === 2)?.ticket?.status).toBe('serving');
    view = applyEvent(view, event('ticket.done', { ticket: ticket(1, 'done'), counterId: 2 }), 0);
    expect(view.counters.find((c) => c.id === 2)?.ticket).toBeNull();
    const paused = { ...counter(1, 'paused'), pauseReason: 'meeting' as const };
    const { ticket: _, ...wire } = paused;
    view = applyEvent(view, event('counter.changed', { counterId: 1, counter: wire }), 0);
    expect(view.counters.find((c) => c.id === 1)?.state).toBe('paused');
  });

  it('announces only live calls of the last minute', () => {
    const call = event('ticket.called', { ticket: ticket(1, 'called'), counterId: 1 });
    expect(shouldAnnounce(call, false, 1000)).toBe(true);
    expect(shouldAnnounce(call, true, 1000)).toBe(false);
    expect(shouldAnnounce(call, false, ANNOUNCE_WITHIN_MS + 1)).toBe(false);
    expect(
      shouldAnnounce(event('ticket.serving', { ticket: ticket(1, 'serving'), counterId: 1 }), false, 0),
    ).toBe(false);
    expect(
      shouldAnnounce(event('ticket.resumed', { ticket: ticket(1, 'called'), counterId: 1 }), false, 0),
    ).toBe(true);
  });
});
