import { describe, expect, it } from 'vitest';
import { isServed } from './served.js';
import { TICKET_STATUSES } from './ticket-state.js';

const at = '2026-12-04T08:00:00Z';

describe('served (issue 11 item 14)', () => {
  it('is a ticket started and completed, with any outcome but transferred', () => {
    for (const outcome of ['resolved', 'received', 'needs_more_documents', 'referred', 'other', null])
      expect(isServed({ status: 'done', startedAt: at, outcome }), String(outcome)).toBe(true);
  });

  it('is not a transfer, from serving or from called', () => {
    expect(isServed({ status: 'done', startedAt: at, outcome: 'transferred' })).toBe(false);
    expect(isServed({ status: 'done', startedAt: null, outcome: 'transferred' })).toBe(false);
  });

  it('is not a ticket that was never started, nor one in any other state', () => {
    expect(isServed({ status: 'done', startedAt: null, outcome: null })).toBe(false);
    for (const status of TICKET_STATUSES.filter((s) => s !== 'done'))
      expect(isServed({ status, startedAt: at, outcome: null }), status).toBe(false);
  });
});
