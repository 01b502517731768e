/**
 * A Lượt deployment for the fan-out suites: a fresh Postgres database of its own and one or
 * more instances on it (seeded with the demo center), pinned to the server core; close()
 * kills them and drops the database, whatever happened before.
 */
import type { ServerProcess } from '../../harness/server-process.js';
import { readyToCall, Staff } from './centers.js';
import type { Spot } from './fleet-protocol.js';
import { freshDatabase, killAll, luotEnv, SERVER_CPU, startLuot } from './servers.js';

export interface LuotDeployment {
  servers: ServerProcess[];
  close(): Promise<void>;
}

/** `instances` Lượt processes on database `name` (created fresh), with `env` added to each. */
export async function openLuot(
  name: string,
  instances: number,
  env: Record<string, string> = {},
): Promise<LuotDeployment> {
  const database = await freshDatabase(name);
  const servers: ServerProcess[] = [];
  const close = async () => {
    await killAll(servers);
    await database.drop();
  };
  try {
    // One after another: the first migrates and seeds, the others find it done.
    for (let i = 0; i < instances; i++) servers.push(await startLuot(luotEnv(database.url, env), SERVER_CPU));
    return { servers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** clerk1 at counter 1 of the demo center, the counter open and `tickets` tickets waiting. */
export async function homeSpot(url: string, tickets: number): Promise<{ clerk: Staff; spot: Spot }> {
  const clerk = await Staff.login(url, 'clerk1');
  const counters = await clerk.request<{ id: number; number: number }[]>('GET', '/api/centers/1/counters');
  const spot: Spot = { centerId: 1, counterId: counters.find((c) => c.number === 1)!.id };
  // Everything is issued before anyone watches, so no watcher hears the setup.
  await readyToCall(clerk, spot, tickets);
  return { clerk, spot };
}
