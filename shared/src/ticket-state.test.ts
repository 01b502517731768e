import { describe, expect, it } from 'vitest';
import {
  ACTIVE_AT_COUNTER,
  allowedActions,
  canTransition,
  FINAL_STATUSES,
  isFinal,
  nextStatus,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketStatus,
  TRANSITIONS,
} from './ticket-state.js';

/**
 * The lifecycle of DESIGN.md §4, written out by hand so that a change to the state machine
 * shows up here as a deliberate edit. Expiry is the day closing on a ticket that was never
 * finished: waiting, called or held (a serving ticket is the clerk's to finish).
 */
const EXPECTED: Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>> = {
  waiting: { call: 'called', cancel: 'cancelled', expire: 'expired' },
  called: {
    recall: 'called',
    start: 'serving',
    no_show: 'no_show',
    return: 'waiting',
    hold: 'held',
    transfer: 'done',
    expire: 'expired',
  },
  serving: { complete: 'done', hold: 'held', transfer: 'done' },
  held: { resume: 'called', expire: 'expired' },
  no_show: { reactivate: 'waiting' },
  done: {},
  cancelled: {},
  expired: {},
};

const pairs = TICKET_STATUSES.flatMap((status) =>
  TICKET_ACTIONS.map((action) => ({ status, action, expected: EXPECTED[status][action] })),
);

describe('ticket state machine', () => {
  it('covers every status and nothing else', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it.each(pairs.filter((p) => p.expected !== undefined))(
    'allows $action from $status, leading to $expected',
    ({ status, action, expected }) => {
      expect(nextStatus(status, action)).toBe(expected);
      expect(canTransition(status, action)).toBe(true);
    },
  );

  it.each(pairs.filter((p) => p.expected === undefined))(
    'refuses $action from $status',
    ({ status, action }) => {
      expect(nextStatus(status, action)).toBeUndefined();
      expect(canTransition(status, action)).toBe(false);
    },
  );

  it('allows exactly the transitions of the expected table', () => {
    const allowed = pairs.filter((p) => canTransition(p.status, p.action)).length;
    const expected = Object.values(EXPECTED).reduce((n, actions) => n + Object.keys(actions).length, 0);
    expect(allowed).toBe(expected);
    expect(expected).toBe(16);
  });
});

describe('allowedActions', () => {
  it.each(TICKET_STATUSES)('offers a person the actions of %s, never expire', (status) => {
    const expected = (Object.keys(EXPECTED[status]) as TicketAction[]).filter((a) => a !== 'expire');
    expect(allowedActions(status).sort()).toEqual(expected.sort());
    expect(allowedActions(status)).not.toContain('expire');
  });

  it('offers the clerk at the counter what the console shows', () => {
    expect(allowedActions('waiting').sort()).toEqual(['call', 'cancel']);
    expect(allowedActions('called').sort()).toEqual([
      'hold',
      'no_show',
      'recall',
      'return',
      'start',
      'transfer',
    ]);
    expect(allowedActions('serving').sort()).toEqual(['complete', 'hold', 'transfer']);
    expect(allowedActions('held')).toEqual(['resume']);
    expect(allowedActions('no_show')).toEqual(['reactivate']);
    for (const status of ['done', 'cancelled', 'expired'] as const)
      expect(allowedActions(status)).toEqual([]);
  });
});

describe('isFinal', () => {
  it.each(TICKET_STATUSES)('tells whether %s is final', (status) => {
    const final = status === 'done' || status === 'cancelled' || status === 'expired';
    expect(isFinal(status)).toBe(final);
  });

  it('final states allow nothing, and every other state allows something', () => {
    for (const status of TICKET_STATUSES) {
      const anything = TICKET_ACTIONS.some((action) => canTransition(status, action));
      expect(anything).toBe(!isFinal(status));
    }
    expect([...FINAL_STATUSES].sort()).toEqual(['cancelled', 'done', 'expired']);
  });

  it('a no-show is not final: it can be reactivated', () => {
    expect(isFinal('no_show')).toBe(false);
  });

  it('a counter holds called and serving tickets, not held ones', () => {
    expect([...ACTIVE_AT_COUNTER].sort()).toEqual(['called', 'serving']);
  });
});
