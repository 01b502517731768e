/**
 * A Socket.IO connection that sends packets as written, byte for byte: what a hostile client
 * sends rather than what socket.io-client would encode (unparseable packets, attachments that
 * point nowhere, arguments where the ack should be, a handshake `auth` that is no object).
 * It speaks engine.io through socket.io-client's Manager and writes socket.io packets itself:
 * `0{auth}` connect, `2[...]` event, `2<id>[...]` event with ack, `5<n>-<id>[...]` with n
 * binary attachments; the server's `3<id>[...]` answers the ack.
 */
import { Manager } from 'socket.io-client';

export type AckReply = { ack: unknown[] } | { closed: true };

export class RawSocket {
  readonly #manager: Manager;
  readonly #acks = new Map<number, (reply: AckReply) => void>();
  #onConnect: ((packet: string) => void) | null = null;
  #nextId = 1;
  closed = false;

  private constructor(manager: Manager) {
    this.#manager = manager;
    const engine = manager.engine;
    engine.on('message', (data: unknown) => {
      if (typeof data !== 'string') return;
      if (data[0] === '0' || data[0] === '4') this.#onConnect?.(data);
      const ack = /^3(\d+)(.*)$/s.exec(data);
      if (!ack) return;
      const id = Number(ack[1]);
      this.#acks.get(id)?.({ ack: JSON.parse(ack[2]!) as unknown[] });
      this.#acks.delete(id);
    });
    engine.on('close', () => {
      this.closed = true;
      this.#onConnect?.('closed');
      for (const resolve of this.#acks.values()) resolve({ closed: true });
      this.#acks.clear();
    });
  }

  /** An engine.io connection, not yet in a namespace (`connect` joins one). */
  static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    const manager = new Manager(url, {
      transports: ['websocket'],
      reconnection: false,
      autoConnect: false,
      extraHeaders: headers,
    });
    return new Promise((resolve, reject) =>
      manager.open((err) => (err ? reject(err) : resolve(new RawSocket(manager)))),
    );
  }

  /** Sends `0<auth>` (auth as JSON text, or '' for none); the server's answer, or 'closed'. */
  connect(auth = '', namespace = ''): Promise<string> {
    return new Promise((resolve) => {
      this.#onConnect = (packet) => {
        this.#onConnect = null;
        resolve(packet);
      };
      this.send(`0${namespace}${auth}`);
    });
  }

  /** One socket.io packet, as text or as a binary attachment. */
  send(packet: string | Buffer): void {
    if (!this.closed) this.#manager.engine.write(packet);
  }

  /** An event with an ack id: `args` is the JSON text of the array; resolves with the ack's arguments. */
  request(args: string, attachments: Buffer[] = [], timeoutMs = 10_000): Promise<AckReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve({ closed: true });
      const timer = setTimeout(
        () => reject(new Error(`no ack in ${timeoutMs} ms for ${args.slice(0, 200)}`)),
        timeoutMs,
      );
      this.#acks.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.send(attachments.length > 0 ? `5${attachments.length}-${id}${args}` : `2${id}${args}`);
      for (const buffer of attachments) this.send(buffer);
    });
  }

  close(): void {
    this.closed = true;
    this.#manager.engine.close();
  }
}
