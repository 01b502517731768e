import { describe, expect, it } from 'vitest';
import type { LiveEvent, WireTicket } from '../../../shared/src/protocol.js';
import {
  applyCounterEvent,
  type CounterDisplayView,
  offerEnd,
  openOffer,
  viewFromCounterSnapshot,
} from './counter-display-state.js';

const counter = { id: 3, number: 3, name: 'Quầy 3', serviceIds: [1], state: 'open' as const };
const ticket = (id: number, status: WireTicket['status']): WireTicket => ({
  id,
  number: `A00${id}`,
  serviceId: 1,
  status,
  priority: null,
  channel: 'kiosk',
  issuedAt: '2026-11-28T01:00:00.000Z',
});
let seq = 0;
const event = (type: LiveEvent['type'], t?: WireTicket): LiveEvent => ({
  seq: ++seq,
  type,
  at: '2026-11-28T02:00:00.000Z',
  centerId: 1,
  counterId: 3,
  ...(t ? { ticket: t } : {}),
});

describe('counter display state', () => {
  const start: CounterDisplayView = viewFromCounterSnapshot(
    { seq: 1, counter, ticket: null },
    { counter: null, ticket: null, offer: null, transfer: null },
  );

  it('shows the called, then served ticket, and offers the rating on completion', () => {
    let view = applyCounterEvent(start, event('ticket.called', ticket(1, 'called')), 0);
    expect(view.ticket?.number).toBe('A001');
    view = applyCounterEvent(view, event('ticket.serving', ticket(1, 'serving')), 0);
    expect(view.ticket?.status).toBe('serving');
    view = applyCounterEvent(view, event('ticket.done', ticket(1, 'done')), 31_000);
    expect(view.ticket).toBeNull();
    expect(openOffer(view, 1000)).toEqual({ ticketId: 1, number: 'A001', until: 31_000 });
    expect(openOffer(view, 31_000)).toBeNull();
  });

  it('ends the offer when the next ticket is called', () => {
    let view = applyCounterEvent(start, event('ticket.done', ticket(1, 'done')), 31_000);
    view = applyCounterEvent(view, event('ticket.called', ticket(2, 'called')), 0);
    expect(view.offer).toBeNull();
    expect(view.ticket?.number).toBe('A002');
  });

  it('opens no offer for a completion too old to rate', () => {
    expect(offerEnd(0, 1000)).toBe(31_000);
    expect(offerEnd(10_000, 1000)).toBe(21_000);
    expect(offerEnd(29_000, 1000)).toBe(0);
    expect(applyCounterEvent(start, event('ticket.done', ticket(1, 'done')), 0).offer).toBeNull();
  });

  it('tells the old and new number of a transfer made here until the next call (issue 11 item 17)', () => {
    let view = applyCounterEvent(start, event('ticket.called', ticket(1, 'called')), 0);
    const to = { ...ticket(7, 'waiting'), number: 'E003', serviceId: 5 };
    view = applyCounterEvent(
      view,
      { ...event('ticket.transferred', ticket(1, 'done')), transferredTo: to },
      0,
    );
    expect(view.ticket).toBeNull();
    expect(view.transfer).toEqual({ from: 'A001', to: 'E003', serviceId: 5 });
    // A resync keeps it while the counter is free; the next call ends it.
    expect(viewFromCounterSnapshot({ seq: 9, counter, ticket: null }, view).transfer).toEqual(view.transfer);
    view = applyCounterEvent(view, event('ticket.called', ticket(2, 'called')), 0);
    expect(view.transfer).toBeNull();
    expect(view.ticket?.number).toBe('A002');
  });

  it('tells the counter a transfer named, beside the new number', () => {
    const view = applyCounterEvent(
      applyCounterEvent(start, event('ticket.called', ticket(1, 'called')), 0),
      {
        ...event('ticket.transferred', ticket(1, 'done')),
        transferredTo: { ...ticket(7, 'waiting'), number: 'E003', serviceId: 5, reservedCounterId: 4 },
        transferredToCounter: 5,
      },
      0,
    );
    expect(view.transfer).toEqual({ from: 'A001', to: 'E003', serviceId: 5, counterNumber: 5 });
  });

  it('frees the counter on a no-show, a return or a hold, and follows its state', () => {
    for (const type of ['ticket.no_show', 'ticket.returned', 'ticket.held'] as const) {
      const held = applyCounterEvent(start, event('ticket.called', ticket(1, 'called')), 0);
      expect(applyCounterEvent(held, event(type, ticket(1, 'waiting')), 0).ticket).toBeNull();
    }
    const closed = applyCounterEvent(
      start,
      { ...event('counter.changed'), counter: { ...counter, state: 'closed' } },
      0,
    );
    expect(closed.counter?.state).toBe('closed');
  });
});
