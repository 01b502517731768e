/**
 * Configuration: read from the environment once, validated, frozen and passed in.
 * Nothing else in the server reads `process.env`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LockoutPolicy } from './auth/login-lockout.js';
import { PASSWORD_FLAW_REASONS, passwordFlaw } from './auth/password-policy.js';
import type { PostgresTimeouts } from './db/postgres-pool.js';
import { compileTrustProxy } from './http/client-address.js';
import type { SubscribeLimits } from './realtime/subscribe-limits.js';

export interface Config {
  port: number;
  host: string;
  publicUrl: string | null;
  /** TRUST_PROXY: the balancers whose X-Forwarded-For is believed (addresses or CIDRs); none by default. */
  trustProxy: readonly string[];
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL's connect, statement, query and idle-in-transaction timeouts (DESIGN.md §14). */
  dbTimeouts: Readonly<PostgresTimeouts>;
  redisUrl: string | null;
  /** Prefix of the Redis stream and channels, so several deployments can share one Redis. */
  redisPrefix: string;
  sessionSecret: string;
  seedDemo: boolean;
  demoPassword: string | null;
  logLevel: string;
  metricsToken: string | null;
  /** Sign-in limits: a lock per username and address, a lock per address, a slow-down per username (login-lockout.ts). */
  loginLockout: Readonly<LockoutPolicy>;
  /** How many events a reconnecting client may be replayed before it gets a fresh snapshot. */
  replayLimit: number;
  subscribeLimits: Readonly<SubscribeLimits>;
  slowConsumers: Readonly<{ maxBacklog: number; everyMs: number }>;
  /** Anonymous API requests a minute per address, on routes without a limit of their own (http/public-rate.ts). */
  publicApiPerMinute: number;
  /** How long a client has to send a whole request, headers and body (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** On SIGTERM, how long /readyz answers 503 (load balancers stop sending) before the instance closes. */
  shutdownDrainMs: number;
  /** Public issuance: requests a minute per IP, and waiting web tickets per device. */
  issueRatePerMinute: number;
  webTicketsPerDevice: number;
  webTicketsPerServiceDay: number;
  /** Notifications to citizens (issue 4); see notificationConfig. */
  vapidPublicKey: string | null;
  vapidPrivateKey: string | null;
  vapidSubject: string;
  pushAhead: number;
  pushAllowedHosts: readonly string[];
  smsWebhookUrl: string | null;
  smsWebhookToken: string | null;
  /** Text messages one number may receive a day, and SMS opt-ins an hour from one address. */
  smsPerNumberDay: number;
  smsOptInsPerAddressHour: number;
  /** Lookups of a lost ticket by number and phone an hour from one address (guesses at phones). */
  ticketLookupsPerAddressHour: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  }
  return raw;
}

/** Addresses and CIDRs, comma-separated; each checked here so a typo stops the start. */
function proxyList(env: Env, name: string): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      compileTrustProxy([entry]);
    } catch {
      throw new ConfigError(`${name}: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`);
    }
  }
  return entries;
}

/** DEMO_PASSWORD signs in every demo user, admin included: it passes the staff password policy. */
function demoPassword(env: Env): string | null {
  const raw = env.DEMO_PASSWORD || null;
  if (raw === null) return null;
  const flaw = ['admin', 'manager', 'clerk'].map((username) => passwordFlaw(raw, username)).find(Boolean);
  if (flaw) throw new ConfigError(`DEMO_PASSWORD ${PASSWORD_FLAW_REASONS[flaw]}`);
  return raw;
}

/**
 * Sign-in limits (auth/login-lockout.ts). LOGIN_MAX_FAILURES_PER_USER kept its name: it now
 * counts one username's failures from one address, so guessing from elsewhere cannot lock the
 * real user out; guessing from many addresses slows the username down instead.
 */
function loginLockout(env: Env): Readonly<LockoutPolicy> {
  const slowBaseMs = int(env, 'LOGIN_SLOW_BASE_MS', 1000, 1, 60_000);
  const slowMaxMs = int(env, 'LOGIN_SLOW_MAX_MS', 10_000, 1, 60_000);
  if (slowMaxMs < slowBaseMs) throw new ConfigError('LOGIN_SLOW_MAX_MS must be at least LOGIN_SLOW_BASE_MS');
  return Object.freeze({
    maxPerUser: int(env, 'LOGIN_MAX_FAILURES_PER_USER', 5, 1, 1000),
    maxPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100_000),
    windowMinutes: int(env, 'LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 24 * 60),
    lockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    slowAfter: int(env, 'LOGIN_SLOW_AFTER_FAILURES', 10, 1, 1_000_000),
    slowBaseMs,
    slowMaxMs,
    slowMaxPending: int(env, 'LOGIN_SLOW_MAX_PENDING', 100, 1, 100_000),
    slowMaxPendingPerUser: int(env, 'LOGIN_SLOW_MAX_PENDING_PER_USER', 4, 1, 1000),
    knownAddressDays: int(env, 'LOGIN_KNOWN_ADDRESS_DAYS', 30, 0, 366),
  });
}

function prefix(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw))
    throw new ConfigError(`${name} may hold letters, digits and _.:- only`);
  return raw;
}

/**
 * PostgreSQL's timeouts. A request's statements take milliseconds, so 2.5 s is generous, and a
 * hung database still answers 503 within 5 s (a free connection in 2 s, then the 3 s answer).
 * A year's report of a big center takes about 5 s (bench/reports.ts): reports get 30 s.
 */
function dbTimeouts(env: Env): PostgresTimeouts {
  const statementMs = int(env, 'DB_STATEMENT_TIMEOUT_MS', 2_500, 100, 600_000);
  const queryMs = int(env, 'DB_QUERY_TIMEOUT_MS', Math.max(3_000, statementMs + 500), 200, 600_000);
  if (queryMs <= statementMs) {
    throw new ConfigError(
      'DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS (the server cancels first)',
    );
  }
  return {
    connectMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 2_000, 100, 60_000),
    statementMs,
    queryMs,
    idleInTransactionMs: int(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 5_000, 100, 3_600_000),
    reportMs: int(env, 'DB_REPORT_TIMEOUT_MS', 30_000, 1_000, 3_600_000),
  };
}

/** On the embedded default the secret is generated once and kept beside the data. */
function embeddedSessionSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // it holds secrets: its owner only
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** The push services browsers subscribe with: a subscription naming any other host is refused. */
const PUSH_SERVICES =
  'fcm.googleapis.com,*.googleapis.com,*.push.services.mozilla.com,web.push.apple.com,*.push.apple.com,*.notify.windows.com';

/** VAPID keys given together or not at all (then made on first start and kept in the database). */
function vapidKeys(env: Env): { vapidPublicKey: string | null; vapidPrivateKey: string | null } {
  const publicKey = env.VAPID_PUBLIC_KEY || null;
  const privateKey = env.VAPID_PRIVATE_KEY || null;
  if ((publicKey === null) !== (privateKey === null)) {
    throw new ConfigError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither');
  }
  const bytes = (s: string) => (/^[A-Za-z0-9_-]+={0,2}$/.test(s) ? Buffer.from(s, 'base64url') : null);
  if (publicKey !== null && (bytes(publicKey)?.length !== 65 || bytes(publicKey)?.[0] !== 4)) {
    throw new ConfigError('VAPID_PUBLIC_KEY must be an uncompressed P-256 public key in base64url');
  }
  if (privateKey !== null && bytes(privateKey)?.length !== 32) {
    throw new ConfigError('VAPID_PRIVATE_KEY must be a P-256 private key (32 bytes) in base64url');
  }
  return { vapidPublicKey: publicKey, vapidPrivateKey: privateKey };
}

function vapidSubject(env: Env, publicUrl: string | null): string {
  const raw = env.VAPID_SUBJECT;
  if (!raw) return publicUrl?.startsWith('https:') ? publicUrl : 'mailto:noreply@luot.invalid';
  if (raw.startsWith('mailto:') ? !/^mailto:[^@\s]+@[^@\s]+$/.test(raw) : !raw.startsWith('https:')) {
    throw new ConfigError('VAPID_SUBJECT must be a mailto: address or an https: URL');
  }
  return url(env, 'VAPID_SUBJECT', ['mailto:', 'https:'])!;
}

function hostList(env: Env, name: string, fallback: string): string[] {
  const hosts = (env[name] || fallback)
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const host of hosts) {
    // `host:port` names a port other than 443 (a local stand-in); a wildcard is always on 443.
    if (!/^(\*\.[a-z0-9.-]+|[a-z0-9.-]+(:[0-9]{1,5})?)$/.test(host))
      throw new ConfigError(`${name}: "${host}" is not a host name`);
  }
  return hosts;
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDir = resolve(env.DATA_DIR || './data');
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret === '') {
    if (databaseUrl) throw new ConfigError('SESSION_SECRET is required with DATABASE_URL (32+ characters)');
    sessionSecret = embeddedSessionSecret(dataDir);
  }
  if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  return Object.freeze({
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:']),
    trustProxy: Object.freeze(proxyList(env, 'TRUST_PROXY')),
    dataDir,
    databaseUrl,
    dbTimeouts: Object.freeze(dbTimeouts(env)),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: prefix(env, 'REDIS_PREFIX', 'luot'),
    sessionSecret,
    seedDemo: bool(env, 'SEED_DEMO', databaseUrl === null),
    demoPassword: demoPassword(env),
    logLevel,
    metricsToken: env.METRICS_TOKEN || null,
    loginLockout: loginLockout(env),
    replayLimit: int(env, 'REPLAY_LIMIT', 500, 1, 100_000),
    slowConsumers: Object.freeze({
      maxBacklog: int(env, 'SOCKET_MAX_BACKLOG', 1000, 1, 1_000_000),
      everyMs: int(env, 'SOCKET_BACKLOG_CHECK_MS', 5000, 50, 600_000),
    }),
    subscribeLimits: Object.freeze({
      // A center's Wi-Fi puts every phone and board behind one address, all resubscribing
      // after a restart: the per-address limit is for floods, not for a busy center.
      perAddressPerMinute: int(env, 'SUBSCRIBE_RATE_PER_MINUTE', 1200, 1, 1_000_000),
      perSocketPerMinute: int(env, 'SUBSCRIBE_RATE_PER_SOCKET', 30, 1, 100_000),
      roomsPerSocket: int(env, 'SUBSCRIBE_ROOMS_PER_SOCKET', 20, 1, 10_000),
      // Far above a hall's Wi-Fi (every phone and board behind one address), far below running out of memory.
      socketsPerAddress: int(env, 'SOCKETS_PER_ADDRESS', 10_000, 1, 10_000_000),
      // A socket in a staff room whose session ended (signed out, expired, deactivated) leaves within this.
      staffRecheckMs: int(env, 'STAFF_SOCKET_RECHECK_MS', 60_000, 100, 3_600_000),
    }),
    shutdownDrainMs: int(env, 'SHUTDOWN_DRAIN_MS', 0, 0, 120_000),
    // A body is at most 64 KiB: even a phone on a poor link sends it in well under this.
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
    // A hall's rush (hundreds of phones behind one address, a few requests each) fits many times over.
    publicApiPerMinute: int(env, 'PUBLIC_API_PER_MINUTE', 3_000, 1, 10_000_000),
    issueRatePerMinute: int(env, 'ISSUE_RATE_PER_MINUTE', 120, 1, 1_000_000),
    webTicketsPerDevice: int(env, 'WEB_TICKETS_PER_DEVICE', 3, 1, 1000),
    webTicketsPerServiceDay: int(env, 'WEB_TICKETS_PER_SERVICE_DAY', 4, 1, 1000),
    ...vapidKeys(env),
    vapidSubject: vapidSubject(env, url(env, 'PUBLIC_URL', ['http:', 'https:'])),
    pushAhead: int(env, 'PUSH_AHEAD', 3, 0, 100),
    pushAllowedHosts: Object.freeze(hostList(env, 'PUSH_ALLOWED_HOSTS', PUSH_SERVICES)),
    smsWebhookUrl: url(env, 'SMS_WEBHOOK_URL', ['http:', 'https:']),
    smsWebhookToken: env.SMS_WEBHOOK_TOKEN || null,
    // A ticket is told a few times (nearly your turn, called, recalled): ten is a busy day for a number.
    smsPerNumberDay: int(env, 'SMS_PER_NUMBER_DAY', 10, 1, 1000),
    // A center's Wi-Fi is one address: enough for its citizens, far too few to text a city.
    smsOptInsPerAddressHour: int(env, 'SMS_OPT_INS_PER_ADDRESS_HOUR', 30, 1, 100_000),
    // A hall's Wi-Fi is one address: enough for the few who lose their page, far too few to guess phones.
    ticketLookupsPerAddressHour: int(env, 'TICKET_LOOKUPS_PER_ADDRESS_HOUR', 30, 1, 100_000),
  });
}
