import { describe, expect, it } from 'vitest';
import { passwordFlaw } from './password-policy.js';

describe('password policy', () => {
  it('accepts long passwords that are nobody’s guess', () => {
    for (const ok of [
      'luot-test-password',
      'correct horse battery staple',
      'Trời hôm nay xanh lắm',
      'bench-password',
      '8264-9173-5502',
    ]) {
      expect(passwordFlaw(ok, 'clerk1'), ok).toBeNull();
    }
  });

  it('refuses blank and invisible-only passwords', () => {
    for (const blank of [
      '',
      ' '.repeat(12),
      '\t\n'.repeat(8),
      '\u200b'.repeat(16),
      '\u3000'.repeat(12),
      '\u2800'.repeat(12),
      '\u0301'.repeat(12),
      '\u0007\u200d\ufeff\u2060'.repeat(4),
    ]) {
      expect(passwordFlaw(blank), JSON.stringify(blank)).toBe('blank');
    }
  });

  it('counts characters as code points after NFC, invisible ones not at all', () => {
    expect(passwordFlaw('short-pass1')).toBe('too_short'); // 11
    expect(passwordFlaw('short-pass12')).toBeNull(); // 12
    // 12 code points typed as e + combining accent, 6 after NFC.
    expect(passwordFlaw('e\u0301'.repeat(6))).toBe('too_short');
    // Emoji are one character each, not two UTF-16 units.
    expect(passwordFlaw('🔑🚪🪟🧱🪵🌳')).toBe('too_short');
    expect(passwordFlaw(`abc-def-gh1${'\u200b'.repeat(6)}`)).toBe('too_short');
  });

  it('refuses common passwords, in any case, and with digits or symbols around them', () => {
    for (const common of [
      'password1234',
      'Password2024!',
      'PASSWORD!!!!',
      'qwertyuiop123',
      'iloveyou1234',
      '123456789012',
      'qwertyuiopas',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'luot12345678',
      'lượt-2024-!!!',
      'Mật khẩu 2024!',
      'matkhau@12345',
      'admin2024!!!!',
      '1qaz2wsx3edc',
    ]) {
      expect(passwordFlaw(common), common).toBe('common');
    }
  });

  it('refuses the username, and the username with a little around it', () => {
    expect(passwordFlaw('nguyenvana_hcc', 'nguyenvana_hcc')).toBe('username');
    expect(passwordFlaw('Nguyenvana_HCC!', 'nguyenvana_hcc')).toBe('username');
    expect(passwordFlaw('clerk7clerk7', 'clerk7')).toBe('username');
    expect(passwordFlaw('nv.tran2024!!', 'nv.tran')).toBe('username');
    expect(passwordFlaw('nv.tran likes long walks', 'nv.tran')).toBeNull();
  });
});
