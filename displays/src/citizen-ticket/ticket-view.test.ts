import { describe, expect, it } from 'vitest';
import type { LiveEvent, WireCounter, WireTicket } from '../../../shared/src/protocol.js';
import { applyEvent, needsCounter, type TicketView, viewFromSnapshot } from './ticket-view.js';

const waiting = (position: number): WireTicket => ({
  id: 7,
  number: 'A007',
  serviceId: 1,
  status: 'waiting',
  priority: null,
  channel: 'web',
  issuedAt: '2026-11-28T01:00:00.000Z',
  position,
  estimatedWaitSeconds: position * 300,
});
const called: WireTicket = { ...waiting(1), status: 'called', counterId: 3, position: undefined };
const counter3: WireCounter = { id: 3, number: 3, name: 'Quầy 3', serviceIds: [1], state: 'open' };
const event = (seq: number, type: LiveEvent['type'], ticket: WireTicket, extra: Partial<LiveEvent> = {}) =>
  ({ seq, type, at: '', centerId: 1, ticket, ...extra }) as LiveEvent;

describe('the citizen view of a ticket', () => {
  const start: TicketView = viewFromSnapshot(null, { seq: 10, ticket: waiting(3), counter: null });

  it('applies position changes in seq order and drops older ones', () => {
    const moved = applyEvent(start, event(12, 'ticket.position', waiting(2)));
    expect(moved.ticket.position).toBe(2);
    const stale = applyEvent(moved, event(11, 'ticket.position', waiting(3)));
    expect(stale).toBe(moved);
    const same = applyEvent(moved, event(12, 'ticket.position', waiting(1)));
    expect(same.ticket.position).toBe(1);
  });

  it('never lets a position computed before the call undo it', () => {
    const call = applyEvent(start, event(15, 'ticket.called', called, { counterId: 3 }));
    expect(call.ticket.status).toBe('called');
    expect(needsCounter(call)).toBe(true);
    expect(applyEvent(call, event(14, 'ticket.position', waiting(1))).ticket.status).toBe('called');
  });

  it('learns the counter from a snapshot, even one read just before the last event', () => {
    const call = applyEvent(start, event(15, 'ticket.called', called, { counterId: 3 }));
    const learned = viewFromSnapshot(call, { seq: 14, ticket: waiting(1), counter: counter3 });
    expect(learned.ticket.status).toBe('called');
    expect(learned.counter?.number).toBe(3);
    expect(needsCounter(learned)).toBe(false);
    const fresh = viewFromSnapshot(learned, {
      seq: 20,
      ticket: { ...called, status: 'serving' },
      counter: counter3,
    });
    expect(fresh.ticket.status).toBe('serving');
  });

  it('follows the citizen to the new ticket of a transfer, and ignores other tickets', () => {
    const next: WireTicket = { ...waiting(4), id: 9, number: 'B002', serviceId: 2 };
    const moved = applyEvent(
      start,
      event(16, 'ticket.transferred', { ...called, status: 'done' }, { transferredTo: next }),
    );
    expect(moved).toMatchObject({ transferred: true, ticket: { id: 9, number: 'B002' }, counter: null });
    expect(applyEvent(moved, event(17, 'ticket.position', waiting(1)))).toBe(moved);
  });

  it('keeps the counter a transfer named, through position changes and a snapshot', () => {
    const next: WireTicket = { ...waiting(1), id: 9, number: 'B002', serviceId: 2, reservedCounterId: 4 };
    const moved = applyEvent(
      start,
      event(
        16,
        'ticket.transferred',
        { ...called, status: 'done' },
        { transferredTo: next, transferredToCounter: 5 },
      ),
    );
    expect(moved).toMatchObject({
      transferred: true,
      transferredToCounter: 5,
      ticket: { reservedCounterId: 4 },
    });
    const later = applyEvent(moved, event(17, 'ticket.position', next));
    expect(later.transferredToCounter).toBe(5);
    expect(viewFromSnapshot(later, { seq: 18, ticket: next, counter: null }).transferredToCounter).toBe(5);
  });
});
