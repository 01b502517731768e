import { describe, expect, it } from 'vitest';
import type { LiveEvent, WireCounter } from './protocol.js';
import { carriesStaffText, publicCounter, publicEvent } from './staff-text.js';

const counter: WireCounter = { id: 3, number: 3, name: 'Quầy 3', serviceIds: [1], state: 'paused' };
const event = (extra: Partial<LiveEvent>): LiveEvent => ({
  seq: 7,
  type: 'counter.changed',
  at: '2026-12-02T08:00:00.000Z',
  centerId: 1,
  ...extra,
});

describe('staff text on public screens', () => {
  it('drops a pause note, and reads a free-text reason of old as "other"', () => {
    expect(publicCounter({ ...counter, pauseReason: 'other', pauseNote: 'Đi họp với chị Lan' })).toEqual({
      ...counter,
      pauseReason: 'other',
    });
    expect(publicCounter({ ...counter, pauseReason: 'Đi họp với chị Lan' as never })).toEqual({
      ...counter,
      pauseReason: 'other',
    });
    expect(publicCounter({ ...counter, pauseReason: 'break' })).toEqual({ ...counter, pauseReason: 'break' });
  });

  it('strips a call note and a counter note from events, and leaves others as they are', () => {
    const noted = event({ type: 'ticket.called', note: 'Ông Nguyễn Văn A, hồ sơ đất' });
    expect(carriesStaffText(noted)).toBe(true);
    expect(publicEvent(noted)).not.toHaveProperty('note');
    const paused = event({ counterId: 3, counter: { ...counter, pauseReason: 'other', pauseNote: 'x' } });
    expect(publicEvent(paused).counter).toEqual({ ...counter, pauseReason: 'other' });
    const plain = event({ counterId: 3, counter: { ...counter, pauseReason: 'break', pauseNote: null } });
    expect(carriesStaffText(plain)).toBe(false);
    expect(publicEvent(plain)).toBe(plain);
  });

  it('never shows the public who holds a counter (issue 11 item 11)', () => {
    const held = event({
      counterId: 3,
      counter: { ...counter, pauseReason: 'break', holder: { userId: 5, name: 'An' } },
    });
    expect(carriesStaffText(held)).toBe(true);
    expect(publicEvent(held).counter).toEqual({ ...counter, pauseReason: 'break' });
    const released = event({ counterId: 3, counter: { ...counter, pauseReason: 'break', holder: null } });
    expect(publicEvent(released).counter).not.toHaveProperty('holder');
    expect(publicCounter({ ...counter, holder: { userId: 5, name: 'An' } })).toEqual(counter);
  });
});
