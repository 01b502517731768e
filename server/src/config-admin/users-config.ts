/**
 * Staff accounts. Admins manage anyone; a manager manages only clerks of their own centers
 * (create, reset password, deactivate), and only an admin changes a role or centers.
 * Resetting a password or deactivating ends the user's sessions. Hashes never leave here.
 * A password must pass the policy (auth/password-policy.ts). Nobody changes their own role,
 * and the last active admin cannot be demoted or deactivated (DESIGN.md §14).
 */
import type { Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { ConfigUser } from '../../../shared/src/api/users.js';
import { writeAudit } from '../audit/audit.repository.js';
import { type Actor, assertCenterAccess } from '../auth/actor.js';
import { assertPasswordPolicy } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import type { DomainContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { DomainError, notFound } from '../errors.js';
import type { NewUser, UserChanges } from './config.schemas.js';
import { alreadyExists, invalidField } from './config-rules.js';

type Db = DomainContext['db'] | Transaction<Database>;

async function usersWhere(db: Db, filter: { centerId?: number; userId?: number }): Promise<ConfigUser[]> {
  let query = db
    .selectFrom('users as u')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.active']);
  if (filter.userId !== undefined) query = query.where('u.id', '=', filter.userId);
  if (filter.centerId !== undefined) {
    const centerId = filter.centerId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_centers as uc')
          .select('uc.user_id')
          .whereRef('uc.user_id', '=', 'u.id')
          .where('uc.center_id', '=', centerId),
      ),
    );
  }
  const rows = await query.orderBy('u.username').execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('user_centers')
    .select(['user_id', 'center_id'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('center_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    active: r.active,
    centerIds: links.filter((l) => l.user_id === r.id).map((l) => l.center_id),
  }));
}

export function listCenterUsers(db: Db, actor: Actor, centerId: number): Promise<ConfigUser[]> {
  assertCenterAccess(actor, centerId);
  return usersWhere(db, { centerId });
}

async function userById(db: Db, userId: number): Promise<ConfigUser> {
  const [user] = await usersWhere(db, { userId });
  if (!user) throw notFound('user', userId);
  return user;
}

/** A manager may manage a clerk whose centers are all among the manager's own. */
function assertMayManage(actor: Actor, user: Pick<ConfigUser, 'role' | 'centerIds'>): void {
  if (actor.role === 'admin') return;
  const own =
    user.role === 'clerk' &&
    user.centerIds.length > 0 &&
    user.centerIds.every((c) => actor.centerIds.includes(c));
  if (!own) throw new DomainError('forbidden', 'a manager manages only the clerks of their own center');
}

async function assertCentersExist(db: Db, centerIds: number[]): Promise<void> {
  if (centerIds.length === 0) return;
  const found = await db.selectFrom('centers').select('id').where('id', 'in', centerIds).execute();
  const known = new Set(found.map((c) => c.id));
  const i = centerIds.findIndex((id) => !known.has(id));
  if (i >= 0) throw invalidField(`centerIds.${i}`, `center ${centerIds[i]} does not exist`);
}

/** The ids of the active admins, their rows locked until the transaction ends. */
async function lockActiveAdmins(trx: Transaction<Database>): Promise<number[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Refuses a change that would leave no active admin (409), and one by an admin who is no
 * longer one: a change committed while this one waited for the lock may have demoted them.
 */
function assertAdminsRemain(
  actor: Actor,
  admins: number[],
  userId: number,
  input: Static<typeof UserChanges>,
) {
  const removes = input.active === false || (input.role !== undefined && input.role !== 'admin');
  if (removes && admins.includes(userId) && admins.length === 1) {
    throw new DomainError(
      'last_admin',
      'this is the last active admin: make another user an admin before demoting or deactivating this one',
    );
  }
  if (!admins.includes(actor.userId)) {
    throw new DomainError('forbidden', 'your account is no longer an active admin: sign in again');
  }
}

export async function createUser(
  ctx: DomainContext,
  actor: Actor,
  input: Static<typeof NewUser>,
): Promise<ConfigUser> {
  if (input.role !== 'admin' && input.centerIds.length === 0) {
    throw invalidField('centerIds', 'must name at least one center');
  }
  assertMayManage(actor, input);
  assertPasswordPolicy(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertCentersExist(trx, input.centerIds);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw alreadyExists('username', input.username);
    const user = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.centerIds.length > 0) {
      await trx
        .insertInto('user_centers')
        .values(input.centerIds.map((center_id) => ({ user_id: user.id, center_id })))
        .execute();
    }
    const { password: _, ...logged } = input;
    for (const centerId of input.centerIds.length > 0 ? input.centerIds : [null]) {
      await writeAudit(trx, actor, {
        centerId,
        action: 'user.created',
        subject: `user:${user.id}`,
        details: logged,
      });
    }
    return user.id;
  });
  return userById(ctx.db, id);
}

export async function updateUser(
  ctx: DomainContext,
  actor: Actor,
  userId: number,
  input: Static<typeof UserChanges>,
): Promise<ConfigUser> {
  await ctx.db.transaction().execute(async (trx) => {
    // Only an admin can touch an admin; when the change could take one away, lock the active
    // admins first, so two admins demoting each other at once run one after the other.
    const mayRemoveAdmin = actor.role === 'admin' && (input.active === false || input.role !== undefined);
    const admins = mayRemoveAdmin ? await lockActiveAdmins(trx) : null;
    const user = await userById(trx, userId);
    assertMayManage(actor, user);
    if ((input.role !== undefined || input.centerIds !== undefined) && actor.role !== 'admin') {
      throw new DomainError('forbidden', 'only an admin changes a role or centers');
    }
    if (input.role !== undefined && input.role !== user.role && userId === actor.userId) {
      throw new DomainError('forbidden', 'nobody changes their own role: another admin must do it', {
        rule: 'own_role',
      });
    }
    if (input.active === false && userId === actor.userId) {
      throw invalidField('active', 'cannot be turned off for your own account');
    }
    if (admins) assertAdminsRemain(actor, admins, userId, input);
    if (input.centerIds !== undefined) await assertCentersExist(trx, input.centerIds);
    const changes = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    if (Object.keys(changes).length > 0)
      await trx.updateTable('users').set(changes).where('id', '=', userId).execute();
    if (input.centerIds !== undefined) {
      await trx.deleteFrom('user_centers').where('user_id', '=', userId).execute();
      if (input.centerIds.length > 0) {
        await trx
          .insertInto('user_centers')
          .values(input.centerIds.map((center_id) => ({ user_id: userId, center_id })))
          .execute();
      }
    }
    // A deactivated user, or one whose rights changed, signs in again.
    if (input.active === false || input.role !== undefined || input.centerIds !== undefined) {
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    }
    for (const centerId of user.centerIds.length > 0 ? user.centerIds : [null]) {
      await writeAudit(trx, actor, {
        centerId,
        action: 'user.updated',
        subject: `user:${userId}`,
        details: { before: user, changes: input },
      });
    }
  });
  return userById(ctx.db, userId);
}

export async function resetPassword(
  ctx: DomainContext,
  actor: Actor,
  userId: number,
  password: string,
): Promise<void> {
  const user = await userById(ctx.db, userId);
  assertMayManage(actor, user);
  assertPasswordPolicy(password, user.username);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    for (const centerId of user.centerIds.length > 0 ? user.centerIds : [null]) {
      await writeAudit(trx, actor, { centerId, action: 'user.password_reset', subject: `user:${userId}` });
    }
  });
}
