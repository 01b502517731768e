/**
 * The DATA_DIR lock against each holder it may find: gone, a PID now held by another program,
 * our own PID from an earlier process (a container's PID 1 after a restart), this process
 * itself, and a live Lượt server; with the OS lock, with the record only, and without /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../test/helpers/server-process.js';
import {
  DataDirLockedError,
  type LockEnvironment,
  lockDataDir,
  systemLockEnvironment,
} from './data-dir-lock.js';
import type { LockRecord } from './lock-record.js';
import { systemProbe } from './process-identity.js';

const ON_LINUX = process.platform === 'linux';
const root = mkdtempSync(join(tmpdir(), 'luot-lock-'));
let n = 0;
const freshDir = () => join(root, `d${n++}`);
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function deadPid(): Promise<number> {
  const child = spawn('true');
  await once(child, 'exit');
  return child.pid!;
}

/** Another program (not Lượt) that runs for the length of the test. */
async function otherProgram(): Promise<number> {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child.pid!;
}

function plant(dir: string, record: Partial<LockRecord> | string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'luot.lock'), typeof record === 'string' ? record : JSON.stringify(record));
}

const ours = () => ({ startTime: systemProbe.startTimeOf(process.pid), bootId: systemProbe.bootId() });
const recordOnly: LockEnvironment = { ...systemProbe, osLock: null };
const noProc: LockEnvironment = {
  isRunning: systemProbe.isRunning,
  startTimeOf: () => null,
  bootId: () => null,
  osLock: null,
};

const environments: [string, LockEnvironment][] = [
  ['with the OS lock', systemLockEnvironment],
  ['with the record only', recordOnly],
];

it.runIf(ON_LINUX)('has the OS lock and /proc on this machine (else the suites below prove less)', () => {
  expect(systemLockEnvironment.osLock).not.toBeNull();
  expect(ours().startTime).toMatch(/^\d+$/);
  expect(ours().bootId).toMatch(/^[0-9a-f-]{36}$/);
});

describe.each(environments)('the DATA_DIR lock %s', (_, env) => {
  it('writes who holds it (pid, start time, boot id) and removes it on release', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir, env);
    const record = JSON.parse(readFileSync(join(dir, 'luot.lock'), 'utf8'));
    expect(record).toMatchObject({ pid: process.pid, ...ours() });
    lock.release();
    expect(existsSync(join(dir, 'luot.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that is gone, old format and new', async () => {
    for (const format of ['record', 'bare pid'] as const) {
      const dir = freshDir();
      const pid = await deadPid();
      plant(dir, format === 'record' ? { pid, ...ours() } : String(pid));
      const lock = lockDataDir(dir, env);
      expect(lock.notices.join('\n')).toContain(`left by pid ${pid}`);
      lock.release();
    }
  });

  it.runIf(ON_LINUX)(
    'takes over a lock whose PID another program holds now (another start time)',
    async () => {
      const dir = freshDir();
      const pid = await otherProgram();
      plant(dir, { pid, startTime: '1', bootId: ours().bootId });
      const lock = lockDataDir(dir, env);
      expect(lock.notices.join('\n')).toContain(`left by pid ${pid}`);
      lock.release();
    },
  );

  it.runIf(ON_LINUX)(
    'takes over a lock written by our own PID in an earlier process (start time or boot differ)',
    () => {
      const { startTime, bootId } = ours();
      for (const earlier of [
        { startTime: String(Number(startTime) - 1), bootId },
        { startTime, bootId: '00000000-0000-0000-0000-000000000000' },
      ]) {
        const dir = freshDir();
        plant(dir, { pid: process.pid, ...earlier });
        const lock = lockDataDir(dir, env);
        expect(lock.notices.join('\n')).toContain(`left by pid ${process.pid}`);
        lock.release();
      }
    },
  );

  it.runIf(ON_LINUX)(
    'refuses a holder the record proves live (its PID, start time and boot match)',
    async () => {
      const dir = freshDir();
      const pid = await otherProgram();
      plant(dir, { pid, startTime: systemProbe.startTimeOf(pid), bootId: ours().bootId });
      expect(() => lockDataDir(dir, env)).toThrow(`is in use by another Lượt process (pid ${pid}`);
    },
  );

  it('refuses this process opening the directory twice, and gives it back on release', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir, env);
    expect(() => lockDataDir(dir, env)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, env)).toThrow('is already open in this process');
    lock.release();
    lockDataDir(dir, env).release();
  });
});

describe('the DATA_DIR lock where it cannot prove who holds it', () => {
  it('without the OS lock, refuses a running PID of unknown identity and says how to clear it', async () => {
    const dir = freshDir();
    const pid = await otherProgram();
    plant(dir, String(pid)); // the old format: a PID and nothing to check it by
    expect(() => lockDataDir(dir, recordOnly)).toThrow(`remove ${join(dir, 'luot.lock')}`);
  });

  it('without the OS lock nor /proc, refuses a running PID, but takes over our own PID and a dead one', async () => {
    const live = freshDir();
    plant(live, { pid: await otherProgram() });
    expect(() => lockDataDir(live, noProc)).toThrow(DataDirLockedError);
    for (const pid of [process.pid, await deadPid()]) {
      const dir = freshDir();
      plant(dir, { pid });
      lockDataDir(dir, noProc).release();
    }
  });

  it.runIf(ON_LINUX)(
    'with the OS lock, takes over a running PID of unknown identity: no lock held, no holder',
    async () => {
      const dir = freshDir();
      plant(dir, String(await otherProgram()));
      lockDataDir(dir, { ...systemLockEnvironment, startTimeOf: () => null, bootId: () => null }).release();
    },
  );

  it('falls back to the record when the file system refuses OS locks, and says so', () => {
    const refusing = {
      tryLock(): boolean {
        throw Object.assign(new Error('no locks here'), { code: 'ENOLCK' });
      },
    };
    const lock = lockDataDir(freshDir(), { ...systemProbe, osLock: refusing });
    expect(lock.notices.join('\n')).toContain('its file system refuses OS locks');
    lock.release();
  });
});

describe('the DATA_DIR lock against a live Lượt server', () => {
  it('refuses while the server runs, naming its pid; takes the directory once it stopped', async () => {
    const dir = freshDir();
    const server = await startServer({ DATA_DIR: dir, DEMO_PASSWORD: 'lock-test-password-1' }, 150_000);
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(() => lockDataDir(dir)).toThrow(`is in use by another Lượt process (pid ${server.child.pid}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    lockDataDir(dir).release();
  }, 300_000);
});
