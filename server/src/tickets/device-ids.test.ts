import { describe, expect, it } from 'vitest';
import { DeviceIds } from './device-ids.js';

describe('DeviceIds', () => {
  const ids = new DeviceIds('a-session-secret-that-is-long-enough-for-tests');

  it('verifies the ids it minted', () => {
    const { id, cookie } = ids.mint();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ids.verify(cookie)).toBe(id);
    expect(ids.mint().id).not.toBe(id);
  });

  it('refuses ids it did not sign: unsigned, edited, or signed by another deployment', () => {
    const { id, cookie } = ids.mint();
    expect(ids.verify(id)).toBeNull(); // the old, unsigned form
    expect(ids.verify(undefined)).toBeNull();
    expect(ids.verify(`${'A'.repeat(22)}${cookie.slice(22)}`)).toBeNull(); // another id, same signature
    const flipped = cookie.slice(0, -1) + (cookie.endsWith('A') ? 'B' : 'A');
    expect(ids.verify(flipped)).toBeNull();
    const other = new DeviceIds('another-deployment-secret-of-enough-length');
    expect(other.verify(cookie)).toBeNull();
    expect(ids.verify(`${cookie}x`)).toBeNull();
  });
});
