/**
 * Paired devices for tests whose subject is something else: a kiosk issues on the kiosk
 * channel only once paired (DESIGN.md §14), a counter display rates only for its counter.
 * Written straight to the database as pairing would write it; pairing itself has its own tests.
 */
import type { Kysely } from 'kysely';
import type { Database, DeviceKind } from '../../server/src/db/tables.js';
import { hashSecret, newDeviceToken } from '../../server/src/devices/device-credentials.js';
import { Client } from './test-app.js';

export async function pairDevice(
  db: Kysely<Database>,
  centerId: number,
  kind: DeviceKind,
  counterId: number | null = null,
): Promise<string> {
  const token = newDeviceToken();
  await db
    .insertInto('paired_devices')
    .values({
      center_id: centerId,
      kind,
      name: `${kind} for tests`,
      counter_id: counterId,
      token_hash: hashSecret(token),
      created_by: null,
    })
    .execute();
  return token;
}

/** An HTTP client that speaks as a kiosk paired with `centerId`. */
export async function kioskClient(db: Kysely<Database>, baseUrl: string, centerId: number): Promise<Client> {
  return new Client(baseUrl, { authorization: `Bearer ${await pairDevice(db, centerId, 'kiosk')}` });
}
