/**
 * A Lit reactive controller holding the citizen's live connection: Socket.IO with the typed
 * protocol, `subscribe { ticketToken, sinceSeq }` on every (re)connect, answered with a fresh
 * snapshot, then the events of the ticket's own room. A subscribe that fails or gets no answer
 * is asked again by the one retry policy (shared/src/live/retry-policy.ts) with the last seq
 * applied; only an unknown ticket stops it. "Live" means subscribed, not merely connected: a
 * page that is out of its room says so. Can also ask for a fresh snapshot (to learn the counter
 * a ticket was just called to).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io } from 'socket.io-client';
import type { ErrorCode } from '../../../shared/src/errors.js';
import type { LiveSocket } from '../../../shared/src/live/center-live.js';
import { reloadForProtocol } from '../../../shared/src/live/protocol-reload.js';
import {
  RetryTimer,
  SUBSCRIBE_TIMEOUT_MS,
  TRANSPORT_RECONNECT,
} from '../../../shared/src/live/retry-policy.js';
import {
  type LiveEvent,
  PROTOCOL_VERSION,
  type SubscribeAck,
  type TicketSnapshot,
} from '../../../shared/src/protocol.js';

/** Refusals a retry cannot mend: the token names no ticket (or is not a token at all). */
const FINAL_REFUSALS: ReadonlySet<ErrorCode> = new Set(['not_found', 'validation_failed']);

export interface TicketLiveHandlers {
  snapshot(snapshot: TicketSnapshot): void;
  event(event: LiveEvent): void;
  /** The server refused the subscription for good (an unknown token): no more retries. */
  refused(code: string): void;
}

export class TicketLiveController implements ReactiveController {
  #socket: LiveSocket | null = null;
  #token: string | null = null;
  #online = false;
  #retry = new RetryTimer();
  /** The newest seq seen (snapshot or event), sent as sinceSeq; -1 before the first snapshot. */
  #seq = -1;

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
    if (this.#socket?.connected) this.#subscribe(false);
  }

  hostConnected(): void {
    if (this.#token !== null && !this.#socket) this.#start();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(): void {
    const socket = io({ ...TRANSPORT_RECONNECT }) as LiveSocket;
    this.#socket = socket;
    socket.on('event', (event) => this.#event(event));
    socket.on('connect', () => {
      this.#retry.cancel(); // this subscribe replaces any retry still waiting
      this.#subscribe();
    });
    socket.on('disconnect', (reason) => {
      this.#setOnline(false);
      // A server shutting down on purpose does not mean "stay away": come back when it is up.
      if (reason === 'io server disconnect') socket.connect();
    });
  }

  #event(event: LiveEvent): void {
    this.#seq = Math.max(this.#seq, event.seq);
    this.handlers.event(event);
  }

  /** Subscribes again after a failure; while disconnected, the next connect does it. */
  #resubscribe(): void {
    if (this.#socket?.connected) this.#subscribe();
  }

  /** `resume`: send the last seq seen, as after a reconnect or a failure; false asks for a snapshot. */
  #subscribe(resume = true): void {
    const token = this.#token;
    const socket = this.#socket;
    if (!token || !socket) return;
    const since = resume && this.#seq >= 0 ? { sinceSeq: this.#seq } : {};
    const request = { ticketToken: token, protocolVersion: PROTOCOL_VERSION, ...since };
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('subscribe', request, (timedOut, ack: SubscribeAck) => {
      if (token !== this.#token || socket !== this.#socket) return;
      // No answer in time (or the socket dropped meanwhile: then its connect asks again).
      if (timedOut) this.#failed();
      else if ('error' in ack) {
        if (ack.error.code === 'protocol_mismatch') this.#mismatch();
        else if (FINAL_REFUSALS.has(ack.error.code)) {
          this.#setOnline(false);
          this.handlers.refused(ack.error.code);
        } else this.#failed();
      } else {
        this.#retry.succeeded();
        if (socket.connected) this.#setOnline(true); // in the room again
        if ('snapshot' in ack) {
          const snapshot = ack.snapshot as TicketSnapshot;
          this.#seq = Math.max(this.#seq, snapshot.seq);
          this.handlers.snapshot(snapshot);
        } else for (const event of ack.events) this.#event(event);
      }
    });
  }

  /** Out of its room (the database away, a rate limit, no answer): offline, and ask again later. */
  #failed(): void {
    this.#setOnline(false);
    if (this.#socket?.connected) this.#retry.schedule(() => this.#resubscribe());
  }

  /** The server speaks another protocol version: reload, or show offline and ask again later (protocol-reload.ts). */
  #mismatch(): void {
    const decision = reloadForProtocol();
    if (decision.reload) return;
    this.#setOnline(false);
    this.#retry.after(decision.retryInMs, () => this.#resubscribe());
  }

  #stop(): void {
    this.#retry.cancel();
    this.#retry.succeeded();
    this.#seq = -1;
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
