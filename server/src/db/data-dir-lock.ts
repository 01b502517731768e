/**
 * PGlite corrupts a data directory that two processes open at once, so the embedded default
 * locks DATA_DIR/luot.lock first, and must recover by itself after an unclean stop.
 *
 * The proof that a holder lives is an OS lock on that file (fcntl open-file-description lock on
 * Linux, flock on macOS, LockFileEx on Windows, via fs-native-extensions): the kernel drops it
 * when its process dies, however it dies, and it holds across PID namespaces, so a second
 * container on the same volume is refused even though both are PID 1. The file also records
 * who holds it (lock-record.ts): for the message, and as the proof of last resort where no OS
 * lock can be had (no prebuilt addon fits, as on musl, since its linux build links glibc; or
 * the file system refuses locks). Then a holder counts as live while its PID runs with the same
 * start time in the same boot; without /proc that cannot be proved and a running PID is
 * refused, except our own PID, which is an earlier process (a container's PID 1 before a restart).
 */
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { holderState, type LockRecord, ownRecord, readRecord } from './lock-record.js';
import { type ProcessProbe, systemProbe } from './process-identity.js';

export class DataDirLockedError extends Error {}

export interface OsLock {
  /** True if granted, false if another open file holds it; throws where locks are unsupported. */
  tryLock(fd: number): boolean;
}

export interface LockEnvironment extends ProcessProbe {
  osLock: OsLock | null;
}

export interface DataDirLock {
  release(): void;
  /** What an operator should read in the start-up log (a stale lock taken over, a fallback). */
  notices: string[];
}

function loadOsLock(): OsLock | null {
  try {
    return createRequire(import.meta.url)('fs-native-extensions') as OsLock;
  } catch {
    return null;
  }
}

export const systemLockEnvironment: LockEnvironment = { ...systemProbe, osLock: loadOsLock() };

/** The directories this process holds: opening one twice is refused whatever the file says. */
const held = new Set<string>();

function lockedError(dir: string, holder: LockRecord | null, unprovable: boolean): DataDirLockedError {
  const who = holder ? `pid ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}` : 'pid unknown';
  const hint = unprovable
    ? ` This system cannot check that pid ${holder?.pid} is still Lượt: if no Lượt process uses DATA_DIR, remove ${join(dir, 'luot.lock')}.`
    : ' Stop it first, or give this one its own DATA_DIR; opening the embedded database twice would corrupt it.';
  return new DataDirLockedError(`DATA_DIR ${dir} is in use by another Lượt process (${who}).${hint}`);
}

function tookOver(record: LockRecord): string {
  return `took over the DATA_DIR lock left by pid ${record.pid}${record.host ? ` on ${record.host}` : ''}: that process is gone (an unclean stop)`;
}

/** The OS-lock path; null if the file system refuses locks. */
function lockWithOs(dir: string, file: string, osLock: OsLock, env: ProcessProbe): DataDirLock | null {
  for (let attempt = 0; attempt < 5; attempt++) {
    const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
    let granted: boolean;
    try {
      granted = osLock.tryLock(fd);
    } catch {
      closeSync(fd);
      return null;
    }
    const previous = readRecord(fd);
    if (!granted) {
      closeSync(fd);
      throw lockedError(dir, previous, false);
    }
    // A holder that released between our open and our lock removed this file: we hold an orphan.
    if (!sameFile(fd, file)) {
      closeSync(fd);
      continue;
    }
    // A holder without the OS lock (one that fell back to the record) may still be proved live.
    if (holderState(previous, env) === 'live') {
      closeSync(fd);
      throw lockedError(dir, previous, false);
    }
    ftruncateSync(fd, 0);
    writeSync(fd, ownRecord(env), 0);
    return {
      notices: previous ? [tookOver(previous)] : [],
      release() {
        rmSync(file, { force: true }); // before the unlock, so nobody locks a file about to vanish
        closeSync(fd);
      },
    };
  }
  throw new DataDirLockedError(`could not lock DATA_DIR ${dir}: its lock file keeps being replaced`);
}

function sameFile(fd: number, file: string): boolean {
  try {
    return fstatSync(fd).ino === statSync(file).ino;
  } catch {
    return false;
  }
}

/** The record-only path: create the file exclusively; replace it only when its holder is gone. */
function lockWithRecord(dir: string, file: string, env: ProcessProbe, notices: string[]): DataDirLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = openSync(file, 'r');
      const previous = readRecord(existing);
      closeSync(existing);
      const state = holderState(previous, env);
      if (state !== 'gone') throw lockedError(dir, previous, state === 'unknown');
      if (previous) notices.push(tookOver(previous));
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, ownRecord(env));
    closeSync(fd);
    return { notices, release: () => rmSync(file, { force: true }) };
  }
  throw new DataDirLockedError(`could not lock DATA_DIR ${dir}`);
}

/** Takes the lock on `dir` (made 0700 if missing). */
export function lockDataDir(dir: string, env: LockEnvironment = systemLockEnvironment): DataDirLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = realpathSync(dir);
  if (held.has(key)) throw new DataDirLockedError(`DATA_DIR ${dir} is already open in this process`);
  const file = join(dir, 'luot.lock');
  let lock = env.osLock ? lockWithOs(dir, file, env.osLock, env) : null;
  if (!lock) {
    const why = env.osLock ? 'its file system refuses OS locks' : 'the OS lock addon does not load here';
    lock = lockWithRecord(dir, file, env, [
      `DATA_DIR lock without an OS lock (${why}): a live holder is recognised by its PID, start time and boot id only`,
    ]);
  }
  held.add(key);
  const { release, notices } = lock;
  return {
    notices,
    release() {
      if (!held.delete(key)) return;
      release();
    },
  };
}
