/**
 * Sockets of one room that ask for a snapshot at about the same moment share one read: after
 * an instance restarts, a center's hundred screens reconnect at once and cost one snapshot,
 * not a hundred. Safe because a socket joins its room before it asks, so a read that starts
 * after every sharer joined misses nothing any of them needs. A batch closes when its read
 * starts: a socket that joins later waits for the next read, never shares an older one.
 */
export class SharedReads<T> {
  readonly #open = new Map<string, Promise<T>>();

  read(key: string, fn: () => Promise<T>): Promise<T> {
    const open = this.#open.get(key);
    if (open) return open;
    const batch = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.#open.delete(key);
      return fn();
    });
    this.#open.set(key, batch);
    return batch;
  }
}
