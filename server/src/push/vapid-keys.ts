/**
 * The VAPID key pair that signs every Web Push request: from VAPID_PUBLIC_KEY and
 * VAPID_PRIVATE_KEY when set, otherwise made on first start and kept in the database, so every
 * instance signs with the same key and subscriptions survive restarts.
 */
import type { Kysely } from 'kysely';
import webpush from 'web-push';
import type { Config } from '../config.js';
import type { Database } from '../db/tables.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export async function loadVapidKeys(
  db: Kysely<Database>,
  config: Pick<Config, 'vapidPublicKey' | 'vapidPrivateKey'>,
): Promise<VapidKeys> {
  if (config.vapidPublicKey && config.vapidPrivateKey) {
    return { publicKey: config.vapidPublicKey, privateKey: config.vapidPrivateKey };
  }
  // Instances starting together each offer a pair; the one row's key lets exactly one win,
  // and everyone reads the winner's.
  const offered = webpush.generateVAPIDKeys();
  await db
    .insertInto('vapid_keys')
    .values({ id: true, public_key: offered.publicKey, private_key: offered.privateKey })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const kept = await db
    .selectFrom('vapid_keys')
    .select(['public_key', 'private_key'])
    .executeTakeFirstOrThrow();
  return { publicKey: kept.public_key, privateKey: kept.private_key };
}

/**
 * The keys, read once when first needed rather than at start-up, so an instance starts (and
 * says it is not ready) even while the database is away; a failed read is tried again next time.
 */
export function lazyVapidKeys(
  db: Kysely<Database>,
  config: Pick<Config, 'vapidPublicKey' | 'vapidPrivateKey'>,
): () => Promise<VapidKeys> {
  let loading: Promise<VapidKeys> | null = null;
  return () => {
    loading ??= loadVapidKeys(db, config).catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
