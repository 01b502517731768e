/**
 * The simulator's own record of every citizen and every ticket they held (a transfer gives a
 * citizen a second ticket, a "leg"), filled from the server's replies. It is what the report
 * measures and what the end-of-day checks compare with the boards, the API and the database.
 */

export interface Leg {
  ticketId: number;
  serviceId: number;
  number: string;
  /** Server time (ms) the leg started waiting: issue, or the transfer for a second leg. */
  queuedAtMs: number;
  calledAtMs: number | null;
  /** Calls the bots made of this leg (a double call would show here and on the boards). */
  calls: number;
  recalls: number;
  final: 'done' | 'transferred' | 'no_show' | null;
  /** When the bots finished it (ms); the server's mean service time counts done and transferred legs. */
  finishedAtMs?: number;
}

export interface Citizen {
  key: number;
  centerId: number;
  serviceId: number;
  serviceCode: string;
  priority: boolean;
  noShow: boolean;
  /** The service the clerk sends this citizen on to after serving them, if any. */
  transferTo: number | null;
  token: string;
  /** The reply to the issue: real seconds, and place in the queue (1 = next). */
  estimatedWaitSeconds: number | null;
  position: number | null;
  issuedAtMs: number;
  legs: Leg[];
}

export class Ledger {
  readonly citizens: Citizen[] = [];
  readonly #byTicket = new Map<number, { citizen: Citizen; leg: Leg }>();
  readonly anomalies: string[] = [];
  /** Issue requests in flight, so the day does not end under a reply still on its way. */
  pendingIssues = 0;

  #open = 0;

  add(citizen: Citizen): void {
    this.citizens.push(citizen);
    for (const leg of citizen.legs) {
      this.#byTicket.set(leg.ticketId, { citizen, leg });
      if (leg.final === null) this.#open++;
    }
  }

  addLeg(citizen: Citizen, leg: Leg): void {
    citizen.legs.push(leg);
    this.#byTicket.set(leg.ticketId, { citizen, leg });
    if (leg.final === null) this.#open++;
  }

  finish(leg: Leg, final: NonNullable<Leg['final']>): void {
    if (leg.final === null) this.#open--;
    leg.final = final;
    leg.finishedAtMs = Date.now();
  }

  /** Waits (polling) for a ticket whose issue reply may still be on its way. */
  async await(ticketId: number, timeoutMs = 5_000): Promise<{ citizen: Citizen; leg: Leg } | undefined> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const found = this.#byTicket.get(ticketId);
      if (found || performance.now() > until) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  byTicket(ticketId: number): { citizen: Citizen; leg: Leg } | undefined {
    return this.#byTicket.get(ticketId);
  }

  /** Legs not yet in a final state. */
  openLegs(): number {
    return this.#open;
  }

  note(message: string): void {
    if (this.anomalies.length < 200) this.anomalies.push(message);
  }
}
