/** Password hashing with scrypt (built into Node): `scrypt$N$r$p$salt$hash`, all base64url. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { channel } from 'node:diagnostics_channel';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/**
 * Published once per key derivation (no payload worth keeping), so a test can prove that a
 * sign-in for an unknown user costs the same derivation as one for a real user.
 */
export const DERIVE_CHANNEL = 'luot:password-derive';
const derivations = channel(DERIVE_CHANNEL);

/**
 * What an unknown or deactivated user's password is checked against: the same parameters as
 * a real hash, a random salt and a random key no password derives to. Made once, costs nothing.
 */
const DUMMY_HASH = [
  'scrypt',
  N,
  R,
  P,
  randomBytes(16).toString('base64url'),
  randomBytes(KEY_LENGTH).toString('base64url'),
].join('$');

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  if (derivations.hasSubscribers) derivations.publish({ n, r, p });
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when `password` matches `stored`. Without a stored hash (an unknown or deactivated
 * user), or with one that is not ours, the password is checked against the dummy hash and
 * the answer is false: either way one scrypt runs, so the time taken says nothing about
 * which usernames exist.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? [];
  const usable = parts.length === 6 && parts[0] === 'scrypt';
  const [, n, r, p, salt, key] = usable ? parts : DUMMY_HASH.split('$');
  const expected = Buffer.from(key!, 'base64url');
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), Number(n), Number(r), Number(p));
  return usable && actual.length === expected.length && timingSafeEqual(actual, expected);
}
