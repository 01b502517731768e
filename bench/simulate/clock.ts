/**
 * Simulated time. The server's clock is real and cannot be sped up, so the simulator runs
 * its own clock: `--speed 60` maps one simulated minute to one real second. Bots sleep
 * scaled durations; everything the simulator reads from the server (issue and call times,
 * the estimate) is in real seconds and is scaled back with `toSimMinutes` for the report.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';

export class SimClock {
  readonly #t0: number;

  /** `startMinute`: the simulated minute of the day (e.g. 450 for 7:30) at real time now. */
  constructor(
    readonly speed: number,
    readonly startMinute: number,
  ) {
    this.#t0 = performance.now();
  }

  /** The simulated minute of the day, now. */
  minute(): number {
    return this.startMinute + ((performance.now() - this.#t0) / 60_000) * this.speed;
  }

  realMs(simMinutes: number): number {
    return (simMinutes * 60_000) / this.speed;
  }

  toSimMinutes(realSeconds: number): number {
    return (realSeconds * this.speed) / 60;
  }

  async sleep(simMinutes: number, signal?: AbortSignal): Promise<void> {
    const ms = this.realMs(simMinutes);
    if (ms <= 0) return;
    await sleepMs(ms, undefined, signal ? { signal } : undefined).catch(() => {});
  }

  /** Sleeps until the simulated minute of the day `minute` (returns at once if past). */
  async until(minute: number, signal?: AbortSignal): Promise<void> {
    await this.sleep(minute - this.minute(), signal);
  }
}

/** "7:30" → 450. */
export function parseClock(text: string): number {
  const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match || Number(match[1]) > 24 || Number(match[2] ?? 0) > 59) throw new Error(`"${text}" is not H:MM`);
  return Number(match[1]) * 60 + Number(match[2] ?? 0);
}

export function formatClock(minute: number): string {
  const m = Math.floor(minute);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}
