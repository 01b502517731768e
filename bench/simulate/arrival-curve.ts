/**
 * When citizens arrive: a weight per hour of the day (`--curve 7:3,8:9,…`), morning and
 * early-afternoon peaks, nothing over lunch. A center's day is `ticketsPerDay` spread over
 * the hours by weight; arrivals within an hour are a Poisson process (uniform times).
 */
import { poisson, type Rng } from './random.js';

/** Hour of day (0–23) → relative weight. Hours not listed get no arrivals. */
export type ArrivalCurve = ReadonlyMap<number, number>;

/** A city one-stop center: doors at 7:00, peak mid-morning, lunch 12–13, a second peak at 14. */
export const DEFAULT_CURVE = '7:3,8:9,9:12,10:11,11:7,13:6,14:9,15:8,16:4';

export function parseCurve(text: string): ArrivalCurve {
  const curve = new Map<number, number>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,2}):(\d+(?:\.\d+)?)$/.exec(part);
    if (!match) throw new Error(`--curve: "${part}" is not hour:weight (e.g. 9:12)`);
    const hour = Number(match[1]);
    const weight = Number(match[2]);
    if (hour > 23) throw new Error(`--curve: hour ${hour} is not 0–23`);
    if (curve.has(hour)) throw new Error(`--curve: hour ${hour} is given twice`);
    curve.set(hour, weight);
  }
  const total = [...curve.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('--curve: the weights add up to nothing');
  return curve;
}

/** Expected arrivals per minute at minute-of-day `minute`, for a day of `ticketsPerDay`. */
export function ratePerMinute(curve: ArrivalCurve, ticketsPerDay: number, minute: number): number {
  const total = [...curve.values()].reduce((a, b) => a + b, 0);
  const weight = curve.get(Math.floor(minute / 60)) ?? 0;
  return (ticketsPerDay * weight) / total / 60;
}

/** Expected arrivals in [from, to) minutes of the day. */
export function expectedArrivals(
  curve: ArrivalCurve,
  ticketsPerDay: number,
  from: number,
  to: number,
): number {
  let sum = 0;
  for (let hour = Math.floor(from / 60); hour * 60 < to; hour++) {
    const start = Math.max(from, hour * 60);
    const end = Math.min(to, (hour + 1) * 60);
    sum += ratePerMinute(curve, ticketsPerDay, hour * 60) * Math.max(0, end - start);
  }
  return sum;
}

/** Arrival times (minutes of the day, sorted) in [from, to): a Poisson count per hour slice, uniform within it. */
export function sampleArrivals(
  rng: Rng,
  curve: ArrivalCurve,
  ticketsPerDay: number,
  from: number,
  to: number,
): number[] {
  const times: number[] = [];
  for (let hour = Math.floor(from / 60); hour * 60 < to; hour++) {
    const start = Math.max(from, hour * 60);
    const end = Math.min(to, (hour + 1) * 60);
    if (end <= start) continue;
    const n = poisson(rng, ratePerMinute(curve, ticketsPerDay, hour * 60) * (end - start));
    for (let i = 0; i < n; i++) times.push(start + rng() * (end - start));
  }
  return times.sort((a, b) => a - b);
}

/** The busiest hour's expected arrivals: what a center's counters are sized for. */
export function peakHourArrivals(curve: ArrivalCurve, ticketsPerDay: number): number {
  return Math.max(...[...curve.keys()].map((h) => ratePerMinute(curve, ticketsPerDay, h * 60) * 60));
}
