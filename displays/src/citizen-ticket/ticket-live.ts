/**
 * A Lit reactive controller holding the citizen's live connection: Socket.IO with the typed
 * protocol, `subscribe { ticketToken }` on every (re)connect, answered with a fresh snapshot,
 * then the events of the ticket's own room. Reports online/offline to its host, and can ask
 * for a fresh snapshot (to learn the counter a ticket was just called to).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io } from 'socket.io-client';
import type { LiveSocket } from '../../../shared/src/live/center-live.js';
import { reloadForProtocol } from '../../../shared/src/live/protocol-reload.js';
import {
  type LiveEvent,
  PROTOCOL_VERSION,
  type SubscribeAck,
  type TicketSnapshot,
} from '../../../shared/src/protocol.js';

export interface TicketLiveHandlers {
  snapshot(snapshot: TicketSnapshot): void;
  event(event: LiveEvent): void;
  /** The server refused the subscription (an unknown token). */
  refused(code: string): void;
}

export class TicketLiveController implements ReactiveController {
  #socket: LiveSocket | null = null;
  #token: string | null = null;
  #online = false;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: TicketLiveHandlers,
  ) {
    host.addController(this);
  }

  get online(): boolean {
    return this.#online;
  }

  /** Follows this ticket from now on (null: none). */
  watch(token: string | null): void {
    if (token === this.#token) return;
    this.#stop();
    this.#token = token;
    if (token !== null) this.#start();
  }

  /** Asks for a fresh snapshot over the open connection. */
  resync(): void {
    if (this.#socket?.connected) this.#subscribe();
  }

  hostConnected(): void {
    if (this.#token !== null && !this.#socket) this.#start();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(): void {
    const socket = io({ transports: ['websocket', 'polling'] }) as LiveSocket;
    this.#socket = socket;
    socket.on('event', (event) => this.handlers.event(event));
    socket.on('connect', () => {
      this.#setOnline(true);
      this.#subscribe();
    });
    socket.on('disconnect', (reason) => {
      this.#setOnline(false);
      // A server shutting down on purpose does not mean "stay away": come back when it is up.
      if (reason === 'io server disconnect') socket.connect();
    });
  }

  #subscribe(): void {
    const token = this.#token;
    if (!token || !this.#socket) return;
    const request = { ticketToken: token, protocolVersion: PROTOCOL_VERSION };
    this.#socket.emit('subscribe', request, (ack: SubscribeAck) => {
      if (token !== this.#token) return;
      if ('error' in ack && ack.error.code === 'protocol_mismatch') this.#mismatch();
      else if ('snapshot' in ack) {
        if (this.#socket?.connected) this.#setOnline(true); // after a mismatch that showed offline
        this.handlers.snapshot(ack.snapshot as TicketSnapshot);
      } else if ('error' in ack) this.handlers.refused(ack.error.code);
    });
  }

  /** The server speaks another protocol version: reload, or show offline and ask again later (protocol-reload.ts). */
  #mismatch(): void {
    const decision = reloadForProtocol();
    if (decision.reload) return;
    this.#setOnline(false);
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#socket?.connected) this.#subscribe();
    }, decision.retryInMs);
  }

  #stop(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.#setOnline(false);
  }

  #setOnline(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    this.host.requestUpdate();
  }
}
