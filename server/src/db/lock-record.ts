/**
 * Who holds DATA_DIR's lock, as its file records it, and whether that holder is proved live:
 * its PID runs, in the same boot, with the same start time. A PID alone (the format before
 * start times were kept) proves nothing but that some process has that PID now.
 */
import { readSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ProcessProbe } from './process-identity.js';

export interface LockRecord {
  pid: number;
  startTime: string | null;
  bootId: string | null;
  host: string | null;
}

/** 'live' is proved; 'unknown' is a running PID whose identity cannot be checked. */
export function holderState(record: LockRecord | null, env: ProcessProbe): 'live' | 'gone' | 'unknown' {
  if (!record || !env.isRunning(record.pid)) return 'gone';
  const boot = env.bootId();
  if (record.bootId && boot) {
    if (record.bootId !== boot) return 'gone'; // written before a reboot
    const now = record.startTime ? env.startTimeOf(record.pid) : null;
    if (now !== null) return now === record.startTime ? 'live' : 'gone'; // gone: the PID was reused
  }
  return record.pid === process.pid ? 'gone' : 'unknown';
}

export function parseRecord(text: string): LockRecord | null {
  const bare = Number(text.trim()); // the format before start times were kept: a PID alone
  if (Number.isInteger(bare) && bare > 0) return { pid: bare, startTime: null, bootId: null, host: null };
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isInteger(r.pid) || (r.pid as number) <= 0) return null;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    return { pid: r.pid as number, startTime: str(r.startTime), bootId: str(r.bootId), host: str(r.host) };
  } catch {
    return null;
  }
}

export function readRecord(fd: number): LockRecord | null {
  try {
    const buf = Buffer.alloc(1024);
    return parseRecord(buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8'));
  } catch {
    return null; // unreadable (Windows forbids reading a range another process locked)
  }
}

export function ownRecord(env: ProcessProbe): string {
  const record: LockRecord = {
    pid: process.pid,
    startTime: env.startTimeOf(process.pid),
    bootId: env.bootId(),
    host: hostname(),
  };
  return JSON.stringify(record);
}
