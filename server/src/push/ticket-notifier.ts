/**
 * Decides when a citizen is notified, from what the publisher emits: "nearly your turn" once per
 * ticket when at most `ahead` people are before it and an open counter serves its queue (with
 * none, nobody's turn is near: it comes when one opens), "go to Quầy N" when it is called (or recalled,
 * or resumed), and nothing more once it has ended, when its subscriptions and phone number go.
 * Work runs after the event is emitted and never delays it; failures are logged, never thrown.
 */
import type { Kysely } from 'kysely';
import type { EventType } from '../../../shared/src/protocol.js';
import type { Database } from '../db/tables.js';
import type { Published } from '../events/publisher.js';
import { positionOf, type QueuePosition } from '../queues/positions.js';
import type { Logger } from '../realtime/publish.js';
import type { NotificationChannel, TicketNotice } from './notices.js';
import { claimNotice, forgetEndedTickets, ticketsToTell } from './push.repository.js';

const CALLS: readonly EventType[] = ['ticket.called', 'ticket.recalled', 'ticket.resumed'];
const ENDINGS: readonly EventType[] = [
  'ticket.done',
  'ticket.cancelled',
  'ticket.no_show',
  'ticket.expired',
  'ticket.transferred',
];

export interface TicketNotifierOptions {
  db: Kysely<Database>;
  channels: NotificationChannel[];
  /** PUSH_AHEAD: "nearly your turn" when this many people or fewer are ahead. */
  ahead: number;
  log: Logger;
}

export class TicketNotifier {
  #options: TicketNotifierOptions;
  #work = new Set<Promise<void>>();
  /** The clean-up of ended tickets in progress, and whether endings came in since it began. */
  #forgetting: Promise<void> | null = null;
  #forgetAgain = false;

  constructor(options: TicketNotifierOptions) {
    this.#options = options;
  }

  /** Committed events, as the publisher emits them. */
  published(items: Published[]): void {
    for (const { event, ticketTokens } of items) {
      const token = ticketTokens[0];
      if (CALLS.includes(event.type) && event.ticket && event.counterId !== undefined && token) {
        const { id, number } = event.ticket;
        this.#track(this.#called(id, number, token, event.counterId));
      }
    }
    if (items.some(({ event }) => ENDINGS.includes(event.type))) this.#forget();
  }

  /**
   * One clean-up sweeps every ended ticket, so endings that come while one runs need one more
   * after it, not one each: at a rush (or with the database slow) they would otherwise pile up,
   * two statements per ticket done, each holding a connection the requests need.
   */
  #forget(): void {
    if (this.#forgetting) {
      this.#forgetAgain = true;
      return;
    }
    const sweep = async () => {
      do {
        this.#forgetAgain = false;
        await forgetEndedTickets(this.#options.db);
      } while (this.#forgetAgain);
    };
    const running = sweep().finally(() => {
      this.#forgetting = null;
    });
    this.#forgetting = running;
    this.#track(running);
  }

  /** A service's waiting tickets with fresh positions, after each refresh. */
  positions(positions: QueuePosition[]): void {
    const near = positions.filter(({ ticket }) => this.#isNear(ticket));
    if (near.length > 0) this.#track(this.#near(near));
  }

  /** Right after someone subscribes: a ticket already near its turn hears so at once. */
  subscribed(ticketId: number, serviceId: number, token: string): void {
    this.#track(
      positionOf(this.#options.db, ticketId, serviceId).then((ticket) =>
        ticket && this.#isNear(ticket) ? this.#near([{ token, ticket }]) : undefined,
      ),
    );
  }

  /** Few enough ahead, and someone serving the queue (issue 11 item 3: no promise while nobody does). */
  #isNear(ticket: QueuePosition['ticket']): boolean {
    if (ticket.servingCounters?.length === 0) return false;
    return (ticket.position ?? Infinity) - 1 <= this.#options.ahead;
  }

  /** Resolves when every notice asked for so far has been handled (tests wait on it). */
  async idle(): Promise<void> {
    while (this.#work.size > 0) await Promise.allSettled([...this.#work]);
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.#options.log.warn({ err: error }, 'notification failed'),
    );
    this.#work.add(tracked);
    void tracked.finally(() => this.#work.delete(tracked));
  }

  async #near(candidates: QueuePosition[]): Promise<void> {
    const { db, ahead } = this.#options;
    const wanted = await ticketsToTell(
      db,
      candidates.map((c) => c.ticket.id),
      'near',
    );
    for (const { token, ticket } of candidates) {
      const peopleAhead = (ticket.position ?? 1) - 1;
      if (!wanted.has(ticket.id) || peopleAhead > ahead) continue;
      if (!(await claimNotice(db, ticket.id, 'near', 'waiting'))) continue;
      await this.#deliver({
        kind: 'near',
        ticketId: ticket.id,
        number: ticket.number,
        token,
        ahead: peopleAhead,
      });
    }
  }

  async #called(ticketId: number, number: string, token: string, counterId: number): Promise<void> {
    const { db } = this.#options;
    if (!(await ticketsToTell(db, [ticketId])).has(ticketId)) return;
    const counter = await db
      .selectFrom('counters')
      .select('number')
      .where('id', '=', counterId)
      .executeTakeFirst();
    if (!counter) return;
    await this.#deliver({ kind: 'called', ticketId, number, token, counterNumber: counter.number });
  }

  async #deliver(notice: TicketNotice): Promise<void> {
    await Promise.all(this.#options.channels.map((channel) => channel.deliver(notice)));
  }
}
