/**
 * Sign-in limits (issue 6, reworked in issue 10). Three counts of failures within `windowMinutes`:
 * - per username *and* address: at `maxPerUser` that username is locked from that address for
 *   `lockMinutes`, whatever the password. Someone guessing from elsewhere cannot lock the real
 *   user out, admin included;
 * - per address: at `maxPerIp` the address is locked, whatever the username (one machine
 *   trying many usernames);
 * - per username from every address: past `slowAfter`, each further attempt for it waits
 *   `slowBaseMs`, doubling with each failure up to `slowMaxMs`, before its password is checked
 *   (one address each guess, many addresses). Never a lock: the right password still signs in,
 *   after the wait. The wait is a timer, no CPU, and at most `slowMaxPending` sign-ins (and
 *   `slowMaxPendingPerUser` for one username) wait at once on an instance; past that the
 *   attempt is refused at once with 429, so a flood costs neither CPU nor unbounded timers.
 *   An address the username signed in from within `knownAddressDays` is not slowed: the staff
 *   at their counters sign in as usual while their username is guessed from outside.
 * Failures, locks and known addresses are rows in the database, so every instance sees them;
 * each failure also drops the rows of any key that no longer count, so the tables stay bounded.
 * An unknown username is counted, locked and slowed exactly like a real one: nothing to
 * enumerate. A success clears the failures of its username and address.
 */
import { channel } from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';
import { DomainError } from '../errors.js';

export interface LockoutPolicy {
  /** Failures for one username from one address before that pair is locked. */
  maxPerUser: number;
  maxPerIp: number;
  windowMinutes: number;
  lockMinutes: number;
  /** Failures for one username from all addresses after which its attempts wait. */
  slowAfter: number;
  slowBaseMs: number;
  slowMaxMs: number;
  slowMaxPending: number;
  slowMaxPendingPerUser: number;
  /** How long a successful sign-in's address is spared the wait; 0 spares none. */
  knownAddressDays: number;
}

/** Published when an attempt is made to wait: `{ delayMs }`, for tests and whoever watches. */
export const SLOWED_CHANNEL = 'luot:login-slowed';
const slowed = channel(SLOWED_CHANNEL);

const nameOf = (username: string) => username.toLowerCase();
const userKey = (username: string) => `user:${nameOf(username)}`;
const ipKey = (ip: string) => `ip:${ip}`;
const pairKey = (username: string, ip: string) => `pair:${nameOf(username)}@${ip}`;

/** The wait after `failures` for one username: doubling from the base past the threshold, capped. */
export function slowDelayMs(failures: number, policy: Readonly<LockoutPolicy>): number {
  if (failures < policy.slowAfter) return 0;
  const doublings = Math.min(failures - policy.slowAfter, 30);
  return Math.min(policy.slowMaxMs, policy.slowBaseMs * 2 ** doublings);
}

const refused = (seconds: number, message: string) =>
  new DomainError('rate_limited', message, { retryAfterSeconds: seconds });

export class LoginLockout {
  #pending = 0;
  readonly #pendingByUser = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: Readonly<LockoutPolicy>,
  ) {}

  /**
   * Before a password is checked: throws 429 rate_limited while the username is locked from
   * this address or the address is locked; waits while the username is slowed.
   */
  async admit(username: string, ip: string): Promise<void> {
    const { windowMinutes } = this.policy;
    // One round trip: the locks that apply, the username's failures, whether the address is known.
    const { rows } = await sql<{
      lock_seconds: string | number | null;
      failures: string | number;
      known: boolean;
    }>`
      SELECT
        (SELECT ceil(extract(epoch FROM max(locked_until) - now())) FROM login_locks
          WHERE key IN (${pairKey(username, ip)}, ${ipKey(ip)}) AND locked_until > now()) AS lock_seconds,
        (SELECT count(*) FROM login_failures
          WHERE key = ${userKey(username)} AND at > now() - make_interval(mins => ${windowMinutes})) AS failures,
        EXISTS (SELECT 1 FROM login_known_addresses
          WHERE username = ${nameOf(username)} AND address = ${ip} AND until > now()) AS known
    `.execute(this.db);
    const row = rows[0]!;
    const seconds = Number(row.lock_seconds ?? 0);
    if (seconds > 0) {
      throw refused(seconds, `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minutes`);
    }
    const delay = row.known ? 0 : slowDelayMs(Number(row.failures), this.policy);
    if (delay > 0) await this.#wait(nameOf(username), delay);
  }

  /** A timer, nothing else; refused at once when too many already wait. */
  async #wait(name: string, delayMs: number): Promise<void> {
    const mine = this.#pendingByUser.get(name) ?? 0;
    if (this.#pending >= this.policy.slowMaxPending || mine >= this.policy.slowMaxPendingPerUser) {
      const seconds = Math.ceil(delayMs / 1000);
      throw refused(seconds, `too many sign-ins for this username at once: try again in ${seconds} seconds`);
    }
    this.#pending++;
    this.#pendingByUser.set(name, mine + 1);
    if (slowed.hasSubscribers) slowed.publish({ delayMs });
    try {
      await sleep(delayMs, undefined, { ref: false });
    } finally {
      this.#pending--;
      const left = (this.#pendingByUser.get(name) ?? 1) - 1;
      if (left > 0) this.#pendingByUser.set(name, left);
      else this.#pendingByUser.delete(name);
    }
  }

  /** Counts a failure for the pair, the address and the username; locks the pair or the address at its limit. */
  async recordFailure(username: string, ip: string): Promise<void> {
    const { windowMinutes, lockMinutes } = this.policy;
    const limits = new Map([
      [pairKey(username, ip), this.policy.maxPerUser],
      [ipKey(ip), this.policy.maxPerIp],
    ]);
    const keys = [...limits.keys(), userKey(username)];
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_failures')
        .values(keys.map((key) => ({ key })))
        .execute();
      // Old failures no longer count; dropping them here keeps the table small.
      await trx
        .deleteFrom('login_failures')
        .where('key', 'in', keys)
        .where('at', '<=', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
        .execute();
      const counts = await trx
        .selectFrom('login_failures')
        .select(['key', sql<string>`count(*)`.as('n')])
        .where('key', 'in', [...limits.keys()])
        .groupBy('key')
        .execute();
      for (const { key, n } of counts) {
        if (Number(n) < limits.get(key)!) continue;
        const until = sql<Date>`now() + make_interval(mins => ${lockMinutes})`;
        await trx
          .insertInto('login_locks')
          .values({ key, locked_until: until })
          .onConflict((oc) => oc.column('key').doUpdateSet({ locked_until: until }))
          .execute();
        await trx.deleteFrom('login_failures').where('key', '=', key).execute();
      }
    });
    await this.#sweep();
  }

  /**
   * Drops what no longer counts, of every key: failures past the window, locks past their end,
   * known addresses past theirs. Above, only this attempt's own keys are tidied, so a spray of
   * usernames from many addresses, each tried once and never again, would otherwise stay for
   * ever. Runs only when something is written, after it commits (never holding its locks), by
   * index ranges that are empty most of the time (migration 2026-12-03T0100).
   */
  async #sweep(): Promise<void> {
    await sql`
      WITH failures AS (
        DELETE FROM login_failures WHERE at <= now() - make_interval(mins => ${this.policy.windowMinutes})
      ), known AS (
        DELETE FROM login_known_addresses WHERE until <= now()
      )
      DELETE FROM login_locks WHERE locked_until <= now()`.execute(this.db);
  }

  /**
   * Clears the pair's failures (the user's own typing) and remembers the address. The
   * username's count across addresses stays: it measures guessing from elsewhere, which a
   * success here does not end; it runs out with the window.
   */
  async recordSuccess(username: string, ip: string): Promise<void> {
    const { knownAddressDays } = this.policy;
    const name = nameOf(username);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_failures').where('key', '=', pairKey(username, ip)).execute();
      if (knownAddressDays === 0) return;
      const until = sql<Date>`now() + make_interval(days => ${knownAddressDays})`;
      await trx
        .insertInto('login_known_addresses')
        .values({ username: name, address: ip, until })
        .onConflict((oc) => oc.columns(['username', 'address']).doUpdateSet({ until }))
        .execute();
      await trx
        .deleteFrom('login_known_addresses')
        .where('username', '=', name)
        .where('until', '<=', sql<Date>`now()`)
        .execute();
    });
  }
}
