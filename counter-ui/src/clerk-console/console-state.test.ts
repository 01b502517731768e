import { describe, expect, it } from 'vitest';
import type { CenterSnapshot, LiveEvent, WireCounter, WireTicket } from '../../../shared/src/protocol.js';
import {
  applyEvent,
  type CounterView,
  canCallNext,
  countersAfter,
  enabledTicketActions,
  takenOverFrom,
  transferCounterChoices,
  viewFromSnapshot,
} from './console-state.js';

const counter: WireCounter = {
  id: 3,
  number: 3,
  name: 'Quầy 3',
  serviceIds: [2, 6],
  state: 'open',
  pauseReason: null,
};
const ticket = (over: Partial<WireTicket>): WireTicket => ({
  id: 10,
  number: 'B001',
  serviceId: 2,
  status: 'waiting',
  priority: null,
  channel: 'kiosk',
  issuedAt: '2026-11-28T01:00:00.000Z',
  ...over,
});
const event = (over: Partial<LiveEvent>): LiveEvent => ({
  seq: 1,
  type: 'ticket.issued',
  at: '2026-11-28T01:00:00.000Z',
  centerId: 1,
  ...over,
});

describe('clerk console state', () => {
  it('takes its counter and ticket in hand from the center snapshot', () => {
    const called = ticket({ status: 'called', counterId: 3 });
    const snapshot: CenterSnapshot = {
      seq: 7,
      centerId: 1,
      services: [],
      counters: [
        { ...counter, ticket: called },
        { ...counter, id: 4, number: 4, ticket: null },
      ],
      recentCalls: [],
    };
    expect(viewFromSnapshot(snapshot, 3)).toEqual({ counter, ticket: called });
    expect(viewFromSnapshot(snapshot, 4).ticket).toBeNull();
    expect(viewFromSnapshot(snapshot, 99)).toEqual({ counter: null, ticket: null });
  });

  it('follows calls, starts and completions at its own counter', () => {
    let view: CounterView = { counter, ticket: null };
    const called = ticket({ status: 'called', counterId: 3 });
    let r = applyEvent(view, event({ type: 'ticket.called', ticket: called, counterId: 3 }), 3);
    expect(r.view.ticket).toEqual(called);
    expect(r.queueChanged).toBe(true);
    view = r.view;
    r = applyEvent(
      view,
      event({ type: 'ticket.serving', ticket: { ...called, status: 'serving' }, counterId: 3 }),
      3,
    );
    expect(r.view.ticket?.status).toBe('serving');
    r = applyEvent(
      r.view,
      event({ type: 'ticket.done', ticket: { ...called, status: 'done' }, counterId: 3 }),
      3,
    );
    expect(r.view.ticket).toBeNull();
  });

  it('ignores other counters’ calls but notes when its services’ queues change', () => {
    const view = { counter, ticket: null };
    const elsewhere = applyEvent(
      view,
      event({ type: 'ticket.called', ticket: ticket({ status: 'called', counterId: 5 }), counterId: 5 }),
      3,
    );
    expect(elsewhere.view.ticket).toBeNull();
    expect(elsewhere.queueChanged).toBe(true); // service 2 is served here too
    const unrelated = applyEvent(view, event({ ticket: ticket({ serviceId: 9 }) }), 3);
    expect(unrelated.queueChanged).toBe(false);
    const transferredIn = applyEvent(
      view,
      event({
        type: 'ticket.transferred',
        ticket: ticket({ serviceId: 9, status: 'done' }),
        transferredTo: ticket({ id: 11, serviceId: 6 }),
      }),
      3,
    );
    expect(transferredIn.queueChanged).toBe(true);
  });

  it('takes counter changes of its own counter only', () => {
    const paused = { ...counter, state: 'paused' as const, pauseReason: 'meeting' as const };
    const r = applyEvent(
      { counter, ticket: null },
      event({ type: 'counter.changed', counterId: 3, counter: paused }),
      3,
    );
    expect(r.view.counter).toEqual(paused);
    const other = applyEvent(
      { counter, ticket: null },
      event({ type: 'counter.changed', counterId: 4, counter: { ...paused, id: 4 } }),
      3,
    );
    expect(other.view.counter).toEqual(counter);
  });

  it('offers only what the state machine allows, and calls only when open, free and online', () => {
    expect([...enabledTicketActions(ticket({ status: 'called' }))].sort()).toEqual([
      'hold',
      'no_show',
      'recall',
      'return',
      'start',
      'transfer',
    ]);
    expect([...enabledTicketActions(ticket({ status: 'serving' }))].sort()).toEqual([
      'complete',
      'hold',
      'transfer',
    ]);
    expect(enabledTicketActions(null).size).toBe(0);
    expect(canCallNext({ counter, ticket: null }, true)).toBe(true);
    expect(canCallNext({ counter, ticket: null }, false)).toBe(false);
    expect(canCallNext({ counter: { ...counter, state: 'paused' }, ticket: null }, true)).toBe(false);
    expect(canCallNext({ counter, ticket: ticket({ status: 'called', counterId: 3 }) }, true)).toBe(false);
  });

  it('keeps who holds the counter through events that do not say, and sees a takeover (issue 11 item 11)', () => {
    const mine: CounterView = { counter: { ...counter, holder: { userId: 7, name: 'An' } }, ticket: null };
    // A configuration edit says nothing of the holder: it stays.
    const edited = applyEvent(mine, event({ type: 'counter.changed', counterId: 3, counter }), 3).view;
    expect(edited.counter?.holder).toEqual({ userId: 7, name: 'An' });
    expect(takenOverFrom(mine, event({ type: 'counter.changed', counterId: 3, counter }), 3, 7)).toBeNull();
    const taken = event({
      type: 'counter.changed',
      counterId: 3,
      counter: { ...counter, holder: { userId: 8, name: 'Bình' } },
    });
    expect(takenOverFrom(mine, taken, 3, 7)).toEqual({ userId: 8, name: 'Bình' });
    // Not for another counter, nor for a clerk who did not hold it.
    expect(takenOverFrom(mine, { ...taken, counterId: 4 }, 3, 7)).toBeNull();
    expect(takenOverFrom(mine, taken, 3, 9)).toBeNull();
    // Released on sign-out: nobody took it.
    const released = event({ type: 'counter.changed', counterId: 3, counter: { ...counter, holder: null } });
    expect(takenOverFrom(mine, released, 3, 7)).toBeNull();
  });
});

describe('transfer to a counter', () => {
  const at = (id: number, state: WireCounter['state'], serviceIds: number[]): WireCounter => ({
    ...counter,
    id,
    number: id,
    name: `Quầy ${id}`,
    state,
    serviceIds,
  });
  const counters = [
    at(5, 'open', [6]),
    at(3, 'open', [6]),
    at(4, 'closed', [6]),
    at(2, 'paused', [6]),
    at(1, 'open', [2]),
  ];

  it('offers the open and paused counters serving the service, by number, never this one', () => {
    expect(transferCounterChoices(counters, 6, 3).map((c) => c.id)).toEqual([2, 5]);
    expect(transferCounterChoices(counters, 2, 3).map((c) => c.id)).toEqual([1]);
    expect(transferCounterChoices(counters, 9, 3)).toEqual([]);
    expect(transferCounterChoices(counters, null, 3)).toEqual([]);
  });

  it('refreshes the queue when a counter sharing a service closes: its reserved tickets come back', () => {
    const mine: CounterView = { counter, ticket: null };
    const closing = (serviceIds: number[]) =>
      applyEvent(
        mine,
        event({ type: 'counter.changed', counterId: 5, counter: at(5, 'closed', serviceIds) }),
        3,
      );
    expect(closing([6]).queueChanged).toBe(true);
    expect(closing([9]).queueChanged).toBe(false);
    const pausing = event({ type: 'counter.changed', counterId: 5, counter: at(5, 'paused', [6]) });
    expect(applyEvent(mine, pausing, 3).queueChanged).toBe(false);
  });

  it('follows counter.changed: a closed counter drops out, an opened one comes in', () => {
    const closed = countersAfter(
      counters,
      event({ type: 'counter.changed', counterId: 5, counter: at(5, 'closed', [6]) }),
    );
    expect(closed && transferCounterChoices(closed, 6, 3).map((c) => c.id)).toEqual([2]);
    const opened = countersAfter(
      counters,
      event({ type: 'counter.changed', counterId: 4, counter: at(4, 'open', [6]) }),
    );
    expect(opened && transferCounterChoices(opened, 6, 3).map((c) => c.id)).toEqual([2, 4, 5]);
    const added = countersAfter(
      counters,
      event({ type: 'counter.changed', counterId: 8, counter: at(8, 'open', [6]) }),
    );
    expect(added?.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 8]);
    expect(countersAfter(counters, event({ type: 'ticket.issued' }))).toBeNull();
  });
});
