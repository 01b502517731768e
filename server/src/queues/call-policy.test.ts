import { describe, expect, it } from 'vitest';
import { callReason, nextCallsSincePriority, type PolicySettings, priorityAllowed } from './call-policy.js';

/** What a freshly seeded counter starts with: priority may be called at once. */
const FRESH_COUNTER = 1_000_000;

describe('priorityAllowed', () => {
  const oneInThree: PolicySettings = { priorityEvery: 2, ageingMinutes: 30 };

  it('allows priority once the counter has called priorityEvery normal tickets', () => {
    expect(priorityAllowed(0, oneInThree)).toBe(false);
    expect(priorityAllowed(1, oneInThree)).toBe(false);
    expect(priorityAllowed(2, oneInThree)).toBe(true);
    expect(priorityAllowed(3, oneInThree)).toBe(true);
    expect(priorityAllowed(FRESH_COUNTER, oneInThree)).toBe(true);
  });

  it('with priorityEvery 0, priority always goes first', () => {
    const always: PolicySettings = { priorityEvery: 0, ageingMinutes: 30 };
    expect(priorityAllowed(0, always)).toBe(true);
    expect(priorityAllowed(5, always)).toBe(true);
  });
});

describe('nextCallsSincePriority', () => {
  it('resets on a priority call and counts normal calls', () => {
    expect(nextCallsSincePriority(5, true)).toBe(0);
    expect(nextCallsSincePriority(0, false)).toBe(1);
    expect(nextCallsSincePriority(1, false)).toBe(2);
  });

  it('never grows past the fresh counter value (the column is an integer)', () => {
    expect(nextCallsSincePriority(FRESH_COUNTER, false)).toBe(FRESH_COUNTER);
    expect(nextCallsSincePriority(FRESH_COUNTER - 1, false)).toBe(FRESH_COUNTER);
  });

  it('with priorityEvery 2 and both kinds always waiting, a counter calls P, N, N, P, N, N', () => {
    const settings: PolicySettings = { priorityEvery: 2, ageingMinutes: 30 };
    let since = FRESH_COUNTER;
    const sequence: string[] = [];
    for (let i = 0; i < 9; i++) {
      const priority = priorityAllowed(since, settings);
      sequence.push(priority ? 'P' : 'N');
      since = nextCallsSincePriority(since, priority);
    }
    expect(sequence.join('')).toBe('PNNPNNPNN');
  });

  it('with priorityEvery 1 the ratio is one to one', () => {
    const settings: PolicySettings = { priorityEvery: 1, ageingMinutes: 30 };
    let since = FRESH_COUNTER;
    const sequence: string[] = [];
    for (let i = 0; i < 6; i++) {
      const priority = priorityAllowed(since, settings);
      sequence.push(priority ? 'P' : 'N');
      since = nextCallsSincePriority(since, priority);
    }
    expect(sequence.join('')).toBe('PNPNPN');
  });
});

describe('callReason', () => {
  it('says priority when a priority ticket was called while priority was allowed', () => {
    expect(callReason({ priority: 'elderly', aged: false, servicePosition: 0 }, true)).toBe('priority');
    expect(callReason({ priority: 'veteran', aged: true, servicePosition: 2 }, true)).toBe('priority');
  });

  it('a priority ticket called while priority was not allowed is explained by the other rules', () => {
    expect(callReason({ priority: 'elderly', aged: false, servicePosition: 0 }, false)).toBe('oldest');
    expect(callReason({ priority: 'elderly', aged: true, servicePosition: 0 }, false)).toBe('aged');
    expect(callReason({ priority: 'elderly', aged: false, servicePosition: 1 }, false)).toBe('service_order');
  });

  it('says aged before service order', () => {
    expect(callReason({ priority: null, aged: true, servicePosition: 0 }, true)).toBe('aged');
    expect(callReason({ priority: null, aged: true, servicePosition: 3 }, false)).toBe('aged');
  });

  it('says service_order for a ticket of a later service of the counter, oldest for its first', () => {
    expect(callReason({ priority: null, aged: false, servicePosition: 1 }, true)).toBe('service_order');
    expect(callReason({ priority: null, aged: false, servicePosition: 0 }, true)).toBe('oldest');
    expect(callReason({ priority: null, aged: false, servicePosition: 0 }, false)).toBe('oldest');
  });

  it('says transfer for a ticket transferred to this counter by name, before every other rule', () => {
    expect(callReason({ priority: 'elderly', aged: true, servicePosition: 1, reserved: true }, true)).toBe(
      'transfer',
    );
    expect(callReason({ priority: null, aged: false, servicePosition: 0, reserved: true }, false)).toBe(
      'transfer',
    );
    expect(callReason({ priority: null, aged: false, servicePosition: 0, reserved: false }, false)).toBe(
      'oldest',
    );
  });
});
