/**
 * How many text messages one number may receive in a day, whoever asks (issue 10: taking a
 * ticket, giving a number and cancelling, in a loop, texted any number without end). Counted in
 * the database, so every instance shares the count; the number is kept only as an HMAC keyed
 * from SESSION_SECRET, so the count outlives the ticket while the number itself does not.
 */
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';

export class SmsAllowance {
  readonly #key: Buffer;

  constructor(
    sessionSecret: string,
    readonly perNumberPerDay: number,
  ) {
    this.#key = createHmac('sha256', sessionSecret).update('luot sms number v1').digest();
  }

  #hash(phone: string): string {
    return createHmac('sha256', this.#key).update(phone).digest('base64url');
  }

  /** Takes one message of the number's day; false when the day's are used up (nothing sent then). */
  async claim(db: Kysely<Database>, phone: string, day: string): Promise<boolean> {
    const { rows } = await sql<{ sent: number }>`
      INSERT INTO sms_sends (phone_hash, day, sent) VALUES (${this.#hash(phone)}, ${day}::date, 1)
      ON CONFLICT (phone_hash, day) DO UPDATE SET sent = sms_sends.sent + 1
        WHERE sms_sends.sent < ${this.perNumberPerDay}
      RETURNING sent`.execute(db);
    // Days gone by count for nothing: a few rows a day, dropped as they go.
    await sql`DELETE FROM sms_sends WHERE day < ${day}::date - 1`.execute(db);
    return rows.length === 1;
  }
}
