/**
 * Staff sessions live in the database (only a hash of the id), so any instance honours a
 * cookie set by another, sessions survive restarts, and signing out ends them everywhere.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Actor } from './actor.js';

export const SESSION_HOURS = 12;

const hashId = (id: string): string => createHash('sha256').update(id).digest('base64url');

export async function createSession(db: Kysely<Database>, userId: number): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashId(id),
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(hours => ${SESSION_HOURS})` as unknown as Date,
    })
    .execute();
  // Expired sessions of anyone are cleared now and then, here, where it costs nothing extra.
  await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  return id;
}

export async function endSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashId(id)).execute();
}

/** The actor behind a session id, or null when it is unknown, expired or the user is inactive. */
export async function actorOfSession(db: Kysely<Database>, id: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'u.id',
      'u.username',
      'u.role',
      // Every staff request reads this: one round trip, not two.
      sql<
        number[]
      >`ARRAY(SELECT uc.center_id FROM user_centers uc WHERE uc.user_id = u.id ORDER BY uc.center_id)`.as(
        'center_ids',
      ),
    ])
    .where('s.id_hash', '=', hashId(id))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.id,
    username: row.username,
    role: row.role,
    centerIds: row.center_ids.map(Number),
  };
}
