/**
 * The real server the simulator drives: `server/src/server.ts` as its own process (the same
 * helper the restart tests use), on a temporary embedded database or on `--database-url`.
 * Issuance and sign-in limits are lifted (a whole province issues from one address) and the
 * demo seed is on, so the simulator can sign in as admin and as clerk1…clerk8.
 */
import { type ServerProcess, startServer } from '../../harness/server-process.js';

export interface SimServerOptions {
  dataDir: string | null;
  databaseUrl: string | null;
  password: string;
}

export interface SimServer extends ServerProcess {
  /** The base URL with an IPv4 host (the server listens on 127.0.0.1 only). */
  base: string;
}

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const server = await startServer({
    DATA_DIR: options.dataDir ?? '',
    DATABASE_URL: options.databaseUrl ?? '',
    // Required with DATABASE_URL; a run's sessions need not outlive it.
    ...(options.databaseUrl ? { SESSION_SECRET: 'luot-simulator-session-secret-0123456789' } : {}),
    REDIS_URL: '',
    PUBLIC_URL: '',
    SEED_DEMO: 'true',
    DEMO_PASSWORD: options.password,
    ISSUE_RATE_PER_MINUTE: '1000000',
    PUBLIC_API_PER_MINUTE: '10000000',
    WEB_TICKETS_PER_DEVICE: '1000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    LOG_LEVEL: 'warn',
  });
  return { ...server, base: server.url.replace('//localhost:', '//127.0.0.1:') };
}
