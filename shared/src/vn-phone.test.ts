import { describe, expect, it } from 'vitest';
import { normalizeVnPhone } from './vn-phone.js';

describe('normalizeVnPhone', () => {
  it('gives one form for the ways a number is written', () => {
    for (const raw of [
      '0912345678',
      '+84912345678',
      '84912345678',
      '0912 345 678',
      '0912.345.678',
      '+84 (912) 345-678',
    ]) {
      expect(normalizeVnPhone(raw)).toBe('+84912345678');
    }
  });
  it('refuses what is no Vietnamese number', () => {
    for (const raw of ['', '091234', '00912345678', '+1 912 345 678', '0912a45678', '+840912345678']) {
      expect(normalizeVnPhone(raw)).toBeNull();
    }
  });
});
