/**
 * Sign-in lockout (issue 6): after `maxPerUser` failures for one username, or `maxPerIp`
 * from one address, within `windowMinutes`, sign-in is refused for `lockMinutes`, whatever
 * the password. Failures and locks are rows in the database, so every instance sees them.
 * An unknown username is counted and locked exactly like a real one: a lock says nothing
 * about who exists. A successful sign-in clears the username's failures.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';

export interface LockoutPolicy {
  maxPerUser: number;
  maxPerIp: number;
  windowMinutes: number;
  lockMinutes: number;
}

const userKey = (username: string) => `user:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

export class LoginLockout {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: Readonly<LockoutPolicy>,
  ) {}

  /** Throws 429 rate_limited while the username or the address is locked. */
  async assertNotLocked(username: string, ip: string): Promise<void> {
    const lock = await this.db
      .selectFrom('login_locks')
      .select(sql<number>`ceil(extract(epoch from max(locked_until) - now()))`.as('seconds'))
      .where('key', 'in', [userKey(username), ipKey(ip)])
      .where('locked_until', '>', sql<Date>`now()`)
      .executeTakeFirst();
    const seconds = Number(lock?.seconds ?? 0);
    if (seconds > 0) {
      throw new DomainError(
        'rate_limited',
        `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minutes`,
        { retryAfterSeconds: seconds },
      );
    }
  }

  /** Counts a failure against the username and the address, locking whichever reached its limit. */
  async recordFailure(username: string, ip: string): Promise<void> {
    const { windowMinutes, lockMinutes } = this.policy;
    const keys: [string, number][] = [
      [userKey(username), this.policy.maxPerUser],
      [ipKey(ip), this.policy.maxPerIp],
    ];
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_failures')
        .values(keys.map(([key]) => ({ key })))
        .execute();
      for (const [key, max] of keys) {
        // Old failures no longer count; dropping them here keeps the table small.
        await trx
          .deleteFrom('login_failures')
          .where('key', '=', key)
          .where('at', '<=', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
          .execute();
        const row = await trx
          .selectFrom('login_failures')
          .select(sql<string>`count(*)`.as('n'))
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (Number(row.n) < max) continue;
        const until = sql<Date>`now() + make_interval(mins => ${lockMinutes})`;
        await trx
          .insertInto('login_locks')
          .values({ key, locked_until: until })
          .onConflict((oc) => oc.column('key').doUpdateSet({ locked_until: until }))
          .execute();
        await trx.deleteFrom('login_failures').where('key', '=', key).execute();
      }
    });
  }

  async recordSuccess(username: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', userKey(username)).execute();
  }
}
