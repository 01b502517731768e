import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { ReportSlots } from './report-slots.js';

describe('ReportSlots', () => {
  it('runs as many at once as it has slots, refuses the next at once with busy, and frees a slot when one ends', async () => {
    const slots = new ReportSlots(2);
    const gates: (() => void)[] = [];
    const held = () => new Promise<string>((resolve) => gates.push(() => resolve('done')));
    const first = slots.run(held);
    const second = slots.run(async () => {
      await held();
      throw new Error('a failed report frees its slot too');
    });
    expect(slots.running).toBe(2);
    const refused = await slots.run(async () => 'never').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'busy', status: 503, details: { retryAfterSeconds: 5 } });
    for (const open of gates) open();
    await expect(first).resolves.toBe('done');
    await expect(second).rejects.toThrow('frees its slot');
    expect(slots.running).toBe(0);
    await expect(slots.run(async () => 'again')).resolves.toBe('again');
  });
});
