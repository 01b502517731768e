/**
 * What a staff password must be (DESIGN.md §14), for new accounts, password resets and
 * DEMO_PASSWORD: at least 12 characters, not blank or invisible-only, not the username, not a
 * common password. Existing passwords keep working; the rule applies when one is set.
 *
 * Characters are code points after NFC (the form scrypt hashes), so "é" typed as e + accent
 * counts once; invisible ones (controls, zero-width and other format characters) count none.
 * "Common" is the shipped list (common-passwords.txt, where it comes from is said in it),
 * compared in lower case, also without Vietnamese accents and spaces, and also once digits
 * and symbols around the word are cut off: "Password2024!" and "luot12345678" are refused.
 */
import { readFileSync } from 'node:fs';
import { DomainError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 12;

export type PasswordFlaw = 'blank' | 'too_short' | 'username' | 'common';

/** The reason in words, after `body.password` (the forms show their own words by `rule`). */
export const PASSWORD_FLAW_REASONS: Record<PasswordFlaw, string> = {
  blank: 'must not be blank or made only of invisible characters',
  too_short: `must have at least ${MIN_PASSWORD_LENGTH} characters`,
  username: 'must not be the username or made from it',
  common: 'is a common password (or one with digits or symbols added): choose another',
};

const COMMON: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** Characters that show nothing: counted none, and a password of only these is blank. */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
/** Blank also when only spaces, lone accents and the braille blank remain. */
const BLANK = /^[\p{White_Space}\p{M}\u2800]*$/u;
/** What people put around a word to pass a rule: digits, punctuation, symbols, spaces. */
const PADDING = /^[\p{N}\p{P}\p{S}\p{White_Space}]+|[\p{N}\p{P}\p{S}\p{White_Space}]+$/gu;
/** Runs of keys people type in order; a password inside one (either way) is common. */
const RUNS = [
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm',
].flatMap((run) => {
  const long = run.repeat(3);
  return [long, [...long].reverse().join('')];
});

/** "Mật Khẩu" → "matkhau": accents off, đ as d, no spaces. */
const folded = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/\s/g, '').normalize('NFC');

function isCommon(form: string): boolean {
  if (COMMON.has(form) || COMMON.has(form.replace(PADDING, ''))) return true;
  if (new Set(form).size <= 3) return true; // "aaaaaaaaaaaa", "abcabcabcabc"
  return RUNS.some((run) => run.includes(form)); // "123456789012", "qwertyuiopas"
}

/** The first thing wrong with `password` for the account `username`, or null when it will do. */
export function passwordFlaw(password: string, username = ''): PasswordFlaw | null {
  const visible = password.normalize('NFC').replace(UNSEEN, '');
  if (BLANK.test(visible)) return 'blank';
  if ([...visible].length < MIN_PASSWORD_LENGTH) return 'too_short';
  const lower = visible.toLowerCase();
  const forms = [...new Set([lower, folded(lower)])];
  const name = username.toLowerCase();
  if (name !== '') {
    // The username with a little around it: "clerk1clerk1", "nv_test2024!!".
    const bare = (s: string) => s.replaceAll(name, '').replace(PADDING, '');
    if (forms.some((form) => form.includes(name) && bare(form).length < 4)) return 'username';
  }
  if (forms.some(isCommon)) return 'common';
  return null;
}

/** A 400 naming the field, its reason in words and the `rule` a form translates. */
export function assertPasswordPolicy(password: string, username: string): void {
  const flaw = passwordFlaw(password, username);
  if (flaw === null) return;
  const reason = PASSWORD_FLAW_REASONS[flaw];
  throw new DomainError('validation_failed', `body.password ${reason}`, {
    in: 'body',
    field: 'password',
    reason,
    rule: flaw,
  });
}
