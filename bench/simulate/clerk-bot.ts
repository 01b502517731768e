/**
 * One clerk at one counter, driving the real API as the clerk console does: sign in, open the
 * counter, call next; confirm a claimed priority; for a citizen who never comes, recall after
 * a minute and mark the no-show after three; otherwise wait for the walk-up, start, serve for
 * a lognormal time of the field, then complete (or transfer to another field); now and then
 * pause for a break. Idle, it waits for the board to say a ticket arrived. Every duration is
 * simulated and slept scaled (SimClock).
 */

import { Client } from '../../harness/http-client.js';
import type { WireTicket } from '../../shared/src/protocol.js';

/** Signs a clerk in before the day starts, retrying: a loaded machine times out a burst of scrypt checks. */
export async function signIn(base: string, username: string, password: string): Promise<Client> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Client(base).login(username, password);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

import { type SimContext, timed } from './context.js';
import type { SimCenter, SimCounter } from './province.js';
import { lognormal, type Rng } from './random.js';
import { serviceMinutes, walkUpMinutes } from './service-mix.js';
import type { WorkSignal } from './work-signal.js';

export interface BotTally {
  calls: number;
  served: number;
  noShows: number;
  transfers: number;
  breaks: number;
  priorityConfirmed: number;
  feedback: number;
}

export async function runClerkBot(
  ctx: SimContext,
  center: SimCenter,
  counter: SimCounter,
  work: WorkSignal,
  rng: Rng,
  done: () => boolean,
  clerk: Client,
): Promise<BotTally> {
  const { clock, ledger, options } = ctx;
  const tally: BotTally = {
    calls: 0,
    served: 0,
    noShows: 0,
    transfers: 0,
    breaks: 0,
    priorityConfirmed: 0,
    feedback: 0,
  };
  const post = async <T = any>(path: string, body?: unknown, expect = 200) => {
    const reply = await timed<T>(ctx, clerk, 'POST', path, body);
    if (reply.status !== expect && !(path.endsWith('call-next') && reply.status === 204)) {
      ledger.note(
        `center ${center.id} counter ${counter.number}: ${path} → ${reply.status} ${JSON.stringify(reply.body)}`,
      );
    }
    return reply;
  };
  const profileOf = (serviceId: number) => center.services.find((s) => s.id === serviceId)!.profile;

  await post(`/api/counters/${counter.id}/open`);
  while (!done()) {
    const reply = await post<{ ticket: WireTicket }>(`/api/counters/${counter.id}/call-next`);
    if (reply.status === 204) {
      // Nobody waits for this counter: wait for a ticket of its fields (or two simulated minutes).
      await work.wait(counter.serviceIds, Math.max(200, clock.realMs(2)));
      continue;
    }
    if (reply.status !== 200) {
      await clock.sleep(1);
      continue;
    }
    tally.calls++;
    const ticket = reply.body.ticket;
    const entry = await ledger.await(ticket.id);
    if (!entry) {
      ledger.note(`center ${center.id}: called ticket ${ticket.id} (${ticket.number}) that no kiosk issued`);
      continue;
    }
    const { citizen, leg } = entry;
    leg.calls++;
    leg.calledAtMs = ticket.calledAt ? Date.parse(ticket.calledAt) : Date.now();
    if (ticket.priority !== null && !ticket.priorityConfirmed) {
      await post(`/api/tickets/${ticket.id}/priority`, { decision: 'confirm' });
      tally.priorityConfirmed++;
    }
    if (citizen.noShow) {
      await clock.sleep(1);
      await post(`/api/tickets/${ticket.id}/recall`);
      leg.recalls++;
      await clock.sleep(2);
      await post(`/api/tickets/${ticket.id}/no-show`);
      ledger.finish(leg, 'no_show');
      tally.noShows++;
    } else {
      await clock.sleep(walkUpMinutes(rng));
      await post(`/api/tickets/${ticket.id}/start`);
      await clock.sleep(serviceMinutes(rng, profileOf(leg.serviceId)));
      if (citizen.transferTo !== null && citizen.legs.length === 1) {
        const moved = await post<{ ticket: WireTicket }>(`/api/tickets/${ticket.id}/transfer`, {
          serviceId: citizen.transferTo,
        });
        if (moved.status === 200) {
          ledger.addLeg(citizen, {
            ticketId: moved.body.ticket.id,
            serviceId: citizen.transferTo,
            number: moved.body.ticket.number,
            queuedAtMs: Date.now(),
            calledAtMs: null,
            calls: 0,
            recalls: 0,
            final: null,
          });
        }
        ledger.finish(leg, 'transferred');
        tally.transfers++;
      } else {
        await post(`/api/tickets/${ticket.id}/complete`, { outcome: 'resolved' });
        ledger.finish(leg, 'done');
        tally.served++;
        // Four in ten rate the service on their phone, mostly satisfied.
        if (rng() < 0.4) {
          const r = rng();
          const rating = r < 0.05 ? 1 : r < 0.15 ? 2 : r < 0.5 ? 3 : 4;
          const fb = await timed(
            ctx,
            new Client(ctx.base),
            'POST',
            `/api/tickets/${citizen.token}/feedback`,
            { rating },
          );
          if (fb.status === 201) tally.feedback++;
        }
      }
    }
    if (rng() < options.breakChance && !done()) {
      await post(`/api/counters/${counter.id}/pause`, { reason: 'Nghỉ giải lao' });
      tally.breaks++;
      await clock.sleep(lognormal(rng, 12, 0.4));
      await post(`/api/counters/${counter.id}/open`);
    }
  }
  await post(`/api/counters/${counter.id}/close`);
  return tally;
}
