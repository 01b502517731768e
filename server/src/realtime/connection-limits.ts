/**
 * Open Socket.IO connections per client address (issue 10, beyond the list). Subscribes were
 * limited, rooms per socket too, but not the sockets themselves: one machine could open them
 * until the instance ran out of memory (about 11 KiB each, docs/performance.md), each one
 * needing no more than a handshake. A hall's Wi-Fi puts every phone and board behind one
 * address, so the cap (SOCKETS_PER_ADDRESS) sits far above a busy center. A handshake past it is
 * refused before the connection opens, so a client retries with its backoff, not in a loop.
 * Counted per instance in memory; an address's entry goes when its last socket closes.
 */
import type { IncomingMessage } from 'node:http';

interface EngineSocket {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
}

export class ConnectionsPerAddress {
  readonly #open = new Map<string, number>();

  constructor(
    readonly max: number,
    private readonly addressOf: (request: IncomingMessage) => string,
  ) {}

  /** For the handshake (Socket.IO's allowRequest): whether this address may open one more. */
  admits(request: IncomingMessage): boolean {
    return (this.#open.get(this.addressOf(request)) ?? 0) < this.max;
  }

  /** Counts every connection the engine opens, until it closes. */
  attach(engine: { on(event: 'connection', listener: (socket: EngineSocket) => void): unknown }): void {
    engine.on('connection', (socket) => {
      const address = this.addressOf(socket.request);
      this.#open.set(address, (this.#open.get(address) ?? 0) + 1);
      socket.once('close', () => {
        const left = (this.#open.get(address) ?? 1) - 1;
        if (left > 0) this.#open.set(address, left);
        else this.#open.delete(address);
      });
    });
  }

  /** Open connections of an address (tests and metrics). */
  of(address: string): number {
    return this.#open.get(address) ?? 0;
  }
}
