/**
 * The citizens of one center: arrival times sampled from the curve up front, each citizen
 * given a field by its weight and, by the configured shares, a priority claim (made at the
 * kiosk, confirmed by the clerk), a no-show, or a transfer after service. Tickets are taken at
 * the kiosk channel at their simulated minute; the reply's position and estimate are recorded.
 */

import { Client } from '../../harness/http-client.js';
import { PRIORITIES, type WireTicket } from '../../shared/src/protocol.js';
import { type ArrivalCurve, sampleArrivals } from './arrival-curve.js';
import { type SimContext, timed } from './context.js';
import type { SimCenter } from './province.js';
import { pickWeighted, type Rng } from './random.js';

type IssueReply = WireTicket & { token: string };

let nextKey = 1;

/** The center's kiosk, paired as a manager pairs one: only a paired kiosk issues kiosk tickets. */
async function pairKiosk(ctx: SimContext, centerId: number): Promise<string> {
  const admin = await new Client(ctx.base).login('admin', ctx.password);
  const code = await admin.post<{ code: string }>(`/api/centers/${centerId}/pairing-codes`, {
    kind: 'kiosk',
    name: `Kiosk ${centerId}`,
  });
  const paired = await new Client(ctx.base).post<{ token: string }>('/api/devices/pair', {
    code: code.body.code,
  });
  if (paired.status !== 201) throw new Error(`pairing the kiosk of center ${centerId}: ${paired.status}`);
  return paired.body.token;
}

export async function runKiosk(
  ctx: SimContext,
  center: SimCenter,
  curve: ArrivalCurve,
  rng: Rng,
): Promise<number> {
  const { options, clock, ledger } = ctx;
  const arrivals = sampleArrivals(rng, curve, center.ticketsPerDay, options.from, options.to);
  const kiosk = new Client(ctx.base, { authorization: `Bearer ${await pairKiosk(ctx, center.id)}` });
  const inFlight = new Set<Promise<void>>();
  for (const minute of arrivals) {
    await clock.until(minute, ctx.stopping.signal);
    if (ctx.stopping.signal.aborted) break;
    const service = pickWeighted(rng, center.services, (s) => s.profile.weight);
    const priority =
      rng() < options.priorityShare ? PRIORITIES[Math.floor(rng() * PRIORITIES.length)]! : null;
    const fate = rng();
    const noShow = fate < options.noShowShare;
    const others = center.services.filter((s) => s.id !== service.id);
    const transferTo =
      !noShow && fate < options.noShowShare + options.transferShare
        ? others[Math.floor(rng() * others.length)]!.id
        : null;
    ledger.pendingIssues++;
    const p = timed<IssueReply>(ctx, kiosk, 'POST', `/api/centers/${center.id}/tickets`, {
      serviceId: service.id,
      priority,
      channel: 'kiosk',
    })
      .then((reply) => {
        if (reply.status !== 201) {
          ledger.note(`issue at center ${center.id}: ${reply.status} ${JSON.stringify(reply.body)}`);
          return;
        }
        const t = reply.body;
        const issuedAtMs = Date.parse(t.issuedAt);
        ledger.add({
          key: nextKey++,
          centerId: center.id,
          serviceId: service.id,
          serviceCode: service.code,
          priority: priority !== null,
          noShow,
          transferTo,
          token: t.token,
          estimatedWaitSeconds: t.estimatedWaitSeconds ?? null,
          position: t.position ?? null,
          issuedAtMs,
          legs: [
            {
              ticketId: t.id,
              serviceId: service.id,
              number: t.number,
              queuedAtMs: issuedAtMs,
              calledAtMs: null,
              calls: 0,
              recalls: 0,
              final: null,
            },
          ],
        });
      })
      .catch((err: unknown) => ledger.note(`issue at center ${center.id} failed: ${String(err)}`))
      .finally(() => {
        ledger.pendingIssues--;
        inFlight.delete(p);
      });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return arrivals.length;
}
