/** A running Lượt instance on a test database, listening on a free port, and HTTP helpers. */

import { Client as HttpClient } from '../../harness/http-client.js';
import { type BuiltApp, buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import type { DatabaseHandle } from '../../server/src/db/database.js';
import { TEST_PASSWORD } from './test-password.js';

export interface TestApp extends BuiltApp {
  url: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  redisUrl?: string | null;
  /** A fixed port, to restart an app where its clients expect it. */
  port?: number;
  env?: Record<string, string>;
}

export async function startTestApp(database: DatabaseHandle, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    SESSION_SECRET: 'test-session-secret-that-is-long-enough',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    // Suites issue hundreds of tickets from one address and client; the limits have their own test.
    ISSUE_RATE_PER_MINUTE: '1000000',
    WEB_TICKETS_PER_DEVICE: '1000',
    WEB_TICKETS_PER_SERVICE_DAY: '1000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    SUBSCRIBE_RATE_PER_MINUTE: '1000000',
    PUBLIC_API_PER_MINUTE: '10000000',
    SUBSCRIBE_RATE_PER_SOCKET: '100000',
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const built = await buildApp(config, database);
  await built.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...built, url: `http://127.0.0.1:${port}`, close: () => built.app.close() };
}

export type { Reply } from '../../harness/http-client.js';

/** The harness client, signing in with the test databases' password unless told another. */
export class Client extends HttpClient {
  override login(username: string, password = TEST_PASSWORD): Promise<this> {
    return super.login(username, password);
  }
}
