import { describe, expect, it } from 'vitest';
import { type TransferCounter, type TransferFrom, transferCounterFault } from './transfer-target.js';

const counter: TransferCounter = { id: 5, number: 5, centerId: 1, state: 'open', serviceIds: [10, 11] };
const from: TransferFrom = { centerId: 1, counterId: 2, serviceId: 11 };

describe('transferCounterFault', () => {
  it('accepts an open or paused counter of the center that serves the service', () => {
    expect(transferCounterFault(counter, from)).toBeNull();
    expect(transferCounterFault({ ...counter, state: 'paused' }, from)).toBeNull();
  });

  it('refuses a counter of another center, naming the field', () => {
    const fault = transferCounterFault({ ...counter, centerId: 2 }, from);
    expect(fault).toMatchObject({ code: 'bad_request', details: { field: 'counterId' } });
  });

  it('refuses the counter the ticket is at: transferring to yourself', () => {
    const fault = transferCounterFault(counter, { ...from, counterId: 5 });
    expect(fault).toMatchObject({ code: 'bad_request', details: { field: 'counterId' } });
    expect(fault?.message).toMatch(/yourself/);
  });

  it('refuses a counter that does not serve the target service', () => {
    const fault = transferCounterFault(counter, { ...from, serviceId: 12 });
    expect(fault).toMatchObject({ code: 'bad_request', details: { field: 'counterId', serviceId: 12 } });
  });

  it('refuses a closed counter with counter_closed (409)', () => {
    const fault = transferCounterFault({ ...counter, state: 'closed' }, from);
    expect(fault).toMatchObject({ code: 'counter_closed', details: { field: 'counterId', state: 'closed' } });
    expect(fault?.status).toBe(409);
  });
});
