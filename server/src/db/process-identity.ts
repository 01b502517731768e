/**
 * What tells a process apart from a later one that got the same PID (a container's PID 1 after a
 * restart, any PID after a reboot): when it started, in clock ticks since boot (`/proc/<pid>/stat`
 * field 22), and which boot that was (`/proc/sys/kernel/random/boot_id`). Linux only: elsewhere,
 * or with `/proc` hidden, both read as null and the caller cannot prove identity.
 */
import { readFileSync } from 'node:fs';

export interface ProcessProbe {
  isRunning(pid: number): boolean;
  startTimeOf(pid: number): string | null;
  bootId(): string | null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command, is in parentheses and may itself hold spaces or ')': count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[22 - 3];
    return start && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export const systemProbe: ProcessProbe = { isRunning, startTimeOf, bootId };
