/**
 * How many counters a center needs and what each serves. The demo seed has eight counters,
 * right for a district center of a few hundred tickets a day; a city center of 1,000 needs
 * about thirty. Counters are sized so the busiest hour runs at `utilisation` of capacity (a
 * queue builds at the peak and drains after it), and split across services by their share
 * of the work (tickets × mean time); every second counter also serves a neighbour service,
 * as the demo's counters 2, 3, 5, 7 and 8 do.
 */
import { meanCounterMinutes, type ServiceProfile, WALK_UP } from './service-mix.js';

export interface PlannedCounter {
  /** Service codes, preferred first. */
  codes: string[];
}

export function countersNeeded(
  peakHourTickets: number,
  mix: readonly ServiceProfile[],
  utilisation = 0.9,
): number {
  return Math.max(4, Math.ceil((peakHourTickets * meanCounterMinutes(mix)) / 60 / utilisation));
}

/**
 * Counters to add so that each service has about its share of `total`, given the primary
 * services of the counters that exist already (the demo center's eight).
 */
export function planCounters(
  total: number,
  mix: readonly ServiceProfile[],
  existingPrimaries: readonly string[] = [],
): PlannedCounter[] {
  const work = mix.map((s) => s.weight * (s.meanMinutes + WALK_UP.meanMinutes));
  const sum = work.reduce((a, b) => a + b, 0);
  const have = new Map<string, number>();
  for (const code of existingPrimaries) have.set(code, (have.get(code) ?? 0) + 1);
  const planned: PlannedCounter[] = [];
  const toAdd = Math.max(0, total - existingPrimaries.length);
  // Largest remaining deficit first, one counter at a time, so rounding never starves a service.
  for (let i = 0; i < toAdd; i++) {
    let best = 0;
    let bestDeficit = Number.NEGATIVE_INFINITY;
    mix.forEach((s, k) => {
      const deficit = (work[k]! / sum) * total - (have.get(s.code) ?? 0);
      if (deficit > bestDeficit) {
        bestDeficit = deficit;
        best = k;
      }
    });
    const primary = mix[best]!.code;
    have.set(primary, (have.get(primary) ?? 0) + 1);
    const neighbour = mix[(best + 1) % mix.length]!.code;
    planned.push({ codes: planned.length % 2 === 1 ? [primary, neighbour] : [primary] });
  }
  return planned;
}
