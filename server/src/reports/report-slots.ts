/**
 * At most a few reports at once on an instance. A year's report holds a connection for seconds,
 * and the reports' lane has only REPORT_POOL_SIZE of them (db/postgres-pool.ts): a third report
 * waited for one, gave up after DB_CONNECT_TIMEOUT_MS and was told the database could not be
 * reached. Now it is told at once that reports are busy, and when to retry (503 busy), and the
 * lane's connections never queue. On PGlite, whose one connection everything shares, this also
 * keeps reports from queueing up in front of the tickets.
 */
import { DomainError } from '../errors.js';

/** About what a year's report of a big center takes (bench/reports.ts): come back after one. */
export const RETRY_AFTER_SECONDS = 5;

export class ReportSlots {
  #running = 0;

  constructor(readonly size: number) {}

  get running(): number {
    return this.#running;
  }

  /** Runs `work` in a free slot; throws 503 busy at once when there is none. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.size) {
      throw new DomainError(
        'busy',
        `reports are busy: ${this.size} are being computed on this server; retry in ${RETRY_AFTER_SECONDS} seconds`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
    }
  }
}
