/**
 * A citizen's device for the web channel's limits (DESIGN.md §14): an id the server mints and
 * signs with a key derived from SESSION_SECRET, kept in a cookie as `<id>.<signature>`. A
 * cookie the server did not sign (made up, edited, copied from another deployment) counts as
 * no device: a new id is minted, so a client cannot pick or rotate ids to escape the limits;
 * dropping the cookie only makes a new device, bounded by the per-address limits.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ID = /^[A-Za-z0-9_-]{22}$/;
/** 128 bits of HMAC-SHA256, base64url. */
const SIGNATURE_LENGTH = 22;

export class DeviceIds {
  readonly #key: Buffer;

  constructor(sessionSecret: string) {
    // A key of its own, so a device cookie can never stand in for anything else signed later.
    this.#key = createHmac('sha256', sessionSecret).update('luot device id v1').digest();
  }

  #sign(id: string): string {
    return createHmac('sha256', this.#key).update(id).digest('base64url').slice(0, SIGNATURE_LENGTH);
  }

  /** A new device: its id (stored with its tickets) and the cookie value that proves it. */
  mint(): { id: string; cookie: string } {
    const id = randomBytes(16).toString('base64url');
    return { id, cookie: `${id}.${this.#sign(id)}` };
  }

  /** The id a cookie value proves, or null when the server did not sign it. */
  verify(cookie: string | undefined): string | null {
    if (!cookie || cookie.length !== 22 + 1 + SIGNATURE_LENGTH) return null;
    const id = cookie.slice(0, 22);
    if (!ID.test(id) || cookie[22] !== '.') return null;
    const given = Buffer.from(cookie.slice(23));
    const expected = Buffer.from(this.#sign(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }
}
