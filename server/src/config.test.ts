import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'luot-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to the embedded database with the demo seed and a secret kept in DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      redisUrl: null,
      seedDemo: true,
      replayLimit: 500,
    });
    expect(config.sessionSecret).toBe(readFileSync(join(dataDir, 'session-secret'), 'utf8'));
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(config.sessionSecret);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('trusts no proxy unless TRUST_PROXY names it', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).trustProxy).toEqual([]);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: ' 10.0.0.0/8 ,127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it('on Postgres needs a session secret and does not seed unless asked', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@h/db' })).toThrow(/SESSION_SECRET is required/);
    const config = loadConfig({ DATABASE_URL: 'postgres://x@h/db', SESSION_SECRET: 's'.repeat(32) });
    expect(config.seedDemo).toBe(false);
  });

  it('bounds every PostgreSQL wait by default, and each bound may be set', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).dbTimeouts).toEqual({
      connectMs: 2_000,
      statementMs: 2_500,
      queryMs: 3_000,
      idleInTransactionMs: 5_000,
      reportMs: 30_000,
    });
    const set = loadConfig({
      DATA_DIR: dataDir,
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '8000',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000',
      DB_REPORT_TIMEOUT_MS: '120000',
    }).dbTimeouts;
    // The client waits a little longer than the server's own cancel unless told otherwise.
    expect(set).toEqual({
      connectMs: 1_000,
      statementMs: 8_000,
      queryMs: 8_500,
      idleInTransactionMs: 60_000,
      reportMs: 120_000,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x', SESSION_SECRET: 's'.repeat(32) }, /DATABASE_URL must start with postgres/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL is not a valid URL/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be true or false/],
    [{ SESSION_SECRET: 'short' }, /at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ REDIS_PREFIX: 'a b' }, /REDIS_PREFIX may hold/],
    [{ SHUTDOWN_DRAIN_MS: '-1' }, /SHUTDOWN_DRAIN_MS must be an integer from 0/],
    [{ DB_STATEMENT_TIMEOUT_MS: '0' }, /DB_STATEMENT_TIMEOUT_MS must be an integer from 100/],
    [{ DB_STATEMENT_TIMEOUT_MS: '4000', DB_QUERY_TIMEOUT_MS: '4000' }, /DB_QUERY_TIMEOUT_MS must be longer/],
    [{ TRUST_PROXY: '10.0.0.0/8, balancer.local' }, /TRUST_PROXY: "balancer.local" is not an IP address/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(message);
  });
});
