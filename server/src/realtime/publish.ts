/**
 * Emits committed events to the rooms they concern, in the order they committed, and asks for
 * the positions of the queues they changed (queues/position-refresh.ts computes them); each
 * citizen then hears only what changed for them. An event with text staff typed goes whole to
 * the center's staff room and without that text to the public rooms (DESIGN.md §14).
 */
import type { LiveEvent } from '../../../shared/src/protocol.js';
import { centerRoom, counterRoom, staffRoom, ticketRoom } from '../../../shared/src/rooms.js';
import { carriesStaffText, publicEvent } from '../../../shared/src/staff-text.js';
import type { Published, Publisher } from '../events/publisher.js';
import type { PositionRefresh, RefreshedQueue } from '../queues/position-refresh.js';
import type { QueuePosition } from '../queues/positions.js';
import type { RealtimeServer } from './io.js';

export interface Logger {
  warn(obj: object, msg: string): void;
}

/** Hears what is published, after it is emitted (citizen notifications); must not throw. */
export interface PublishObserver {
  published(items: Published[]): void;
  /** A service's waiting tickets with fresh positions, after each refresh. */
  positions(positions: QueuePosition[]): void;
}

/** A citizen's new position, for the instance that holds their page. */
interface PositionNotice {
  token: string;
  event: LiveEvent;
}

/**
 * What a citizen last heard of their place: an estimate gone (no counter open) or back, and a
 * change in which counters serve them, are news even when the position stays.
 */
interface Heard {
  position: number;
  /** null: no estimate (no open counter serves the service). */
  minutes: number | null;
  counters: string;
}

/** The server-side event (between instances, through the adapter) carrying a refresh's positions. */
const POSITIONS = 'luot:positions';

export class SocketPublisher implements Publisher {
  #observers: PublishObserver[] = [];
  #io: RealtimeServer;
  #refresh: PositionRefresh;
  /** service id → ticket id → what its citizen last heard from this instance; only changes are sent. */
  #told = new Map<number, Map<number, Heard>>();
  /**
   * With Redis, a refresh's positions cross to the other instances as one message, not one
   * per waiting ticket; each instance then sends only to the ticket rooms it holds (most
   * citizens never open their page, so most positions are never encoded at all).
   */
  #clustered: boolean;

  constructor(io: RealtimeServer, refresh: PositionRefresh, options: { clustered?: boolean } = {}) {
    this.#clustered = options.clustered ?? false;
    if (this.#clustered) io.on(POSITIONS, (notices: PositionNotice[]) => this.#deliverLocally(notices));
    this.#io = io;
    this.#refresh = refresh;
    refresh.onRefreshed((queue) => this.#tellPositions(queue));
  }

  observe(observer: PublishObserver): void {
    this.#observers.push(observer);
  }

  publish(items: Published[]): void {
    for (const { event, ticketTokens, serviceIds } of items) {
      // One emit to the union of rooms: a socket in two of them gets the event once.
      const rooms = [centerRoom(event.centerId), ...ticketTokens.map(ticketRoom)];
      if (event.counterId !== undefined) rooms.push(counterRoom(event.counterId));
      const staff = staffRoom(event.centerId);
      if (carriesStaffText(event)) {
        this.#io.to(staff).emit('event', event);
        this.#io.to(rooms).except(staff).emit('event', publicEvent(event));
      } else {
        this.#io.to([...rooms, staff]).emit('event', event);
      }
      for (const serviceId of serviceIds) this.#refresh.touch(serviceId, event.seq, event.centerId);
    }
    for (const observer of this.#observers) observer.published(items);
  }

  tellTicket(token: string, event: LiveEvent): void {
    this.#io.to(ticketRoom(token)).emit('event', event);
  }

  /** Resolves when every position refresh asked for so far has been sent (tests wait on it). */
  idle(): Promise<void> {
    return this.#refresh.idle();
  }

  #deliverLocally(notices: PositionNotice[]): void {
    for (const { token, event } of notices) {
      const room = ticketRoom(token);
      if (this.#io.sockets.adapter.rooms.has(room)) this.#io.local.to(room).emit('event', event);
    }
  }

  /** A refreshed queue: each citizen on this instance (or, clustered, on any) hears what changed for them. */
  #tellPositions({ serviceId, centerId, seq, positions }: RefreshedQueue): void {
    const at = new Date().toISOString();
    const before = this.#told.get(serviceId) ?? new Map();
    const now = new Map<number, Heard>();
    const notices: PositionNotice[] = [];
    for (const observer of this.#observers) observer.positions(positions);
    for (const { token, ticket } of positions) {
      // An estimate that moves by less than a minute is not news to anyone.
      const seconds = ticket.estimatedWaitSeconds;
      const heard: Heard = {
        position: ticket.position!,
        minutes: seconds === null || seconds === undefined ? null : Math.round(seconds / 60),
        counters: (ticket.servingCounters ?? []).join(','),
      };
      now.set(ticket.id, heard);
      const last = before.get(ticket.id);
      if (
        last &&
        last.position === heard.position &&
        last.minutes === heard.minutes &&
        last.counters === heard.counters
      )
        continue;
      notices.push({ token, event: { seq, type: 'ticket.position', at, centerId, ticket } });
    }
    this.#deliverLocally(notices);
    if (this.#clustered && notices.length > 0) this.#io.serverSideEmit(POSITIONS, notices);
    // Only waiting tickets are kept, so the map never outgrows the queues.
    if (now.size > 0) this.#told.set(serviceId, now);
    else this.#told.delete(serviceId);
  }
}
