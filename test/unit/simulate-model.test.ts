/** The day simulator's pure parts (bench/simulate): arrival curve, distributions, counter plan, error figures. */
import { describe, expect, it } from 'vitest';
import {
  expectedArrivals,
  parseCurve,
  peakHourArrivals,
  sampleArrivals,
} from '../../bench/simulate/arrival-curve.js';
import { parseClock } from '../../bench/simulate/clock.js';
import { countersNeeded, planCounters } from '../../bench/simulate/counter-plan.js';
import { lognormal, poisson, seededRng } from '../../bench/simulate/random.js';
import { SERVICE_MIX } from '../../bench/simulate/service-mix.js';
import { estimateError, mean, percentile, slaShare } from '../../bench/simulate/stats.js';

describe('arrival curve', () => {
  const curve = parseCurve('7:3,8:9,9:12,10:11,11:7,13:6,14:9,15:8,16:4');

  it('spreads the day over the weighted hours, none at lunch', () => {
    expect(expectedArrivals(curve, 690, 0, 24 * 60)).toBeCloseTo(690, 6);
    expect(expectedArrivals(curve, 690, 12 * 60, 13 * 60)).toBe(0);
    expect(peakHourArrivals(curve, 690)).toBeCloseTo(120, 6);
    expect(expectedArrivals(curve, 690, 7 * 60 + 30, 8 * 60)).toBeCloseTo(15, 6);
  });

  it('samples about the expected count, sorted, inside the window', () => {
    const times = sampleArrivals(seededRng(3), curve, 1000, 450, 690);
    const expected = expectedArrivals(curve, 1000, 450, 690);
    expect(Math.abs(times.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(times.every((t, i) => t >= 450 && t < 690 && (i === 0 || t >= times[i - 1]!))).toBe(true);
  });

  it('refuses what is not hour:weight', () => {
    expect(() => parseCurve('7-3')).toThrow(/hour:weight/);
    expect(() => parseCurve('25:1')).toThrow(/0–23/);
    expect(() => parseCurve('7:0')).toThrow(/nothing/);
    expect(parseClock('7:30')).toBe(450);
  });
});

describe('distributions', () => {
  it('lognormal keeps its mean whatever the shape', () => {
    const rng = seededRng(1);
    const xs = Array.from({ length: 20_000 }, () => lognormal(rng, 10, 0.6));
    expect(mean(xs)).toBeGreaterThan(9.6);
    expect(mean(xs)).toBeLessThan(10.4);
  });

  it('poisson has its mean', () => {
    const rng = seededRng(2);
    expect(mean(Array.from({ length: 20_000 }, () => poisson(rng, 4)))).toBeCloseTo(4, 1);
  });
});

describe('counter plan', () => {
  it('sizes a city center near thirty counters and every field gets one', () => {
    const n = countersNeeded(174, SERVICE_MIX);
    expect(n).toBeGreaterThan(25);
    expect(n).toBeLessThan(40);
    const plan = planCounters(n, SERVICE_MIX);
    expect(plan).toHaveLength(n);
    for (const s of SERVICE_MIX) expect(plan.some((p) => p.codes[0] === s.code)).toBe(true);
  });

  it('adds only what the existing counters lack', () => {
    expect(planCounters(8, SERVICE_MIX, ['A', 'A', 'B', 'B', 'C', 'D', 'E', 'G'])).toHaveLength(0);
    expect(planCounters(10, SERVICE_MIX, ['A', 'A', 'B', 'B', 'C', 'D', 'E', 'G'])).toHaveLength(2);
  });
});

describe('figures', () => {
  it('estimate error: MAE, bias and share of the mean wait', () => {
    const e = estimateError([
      { estimated: 10, actual: 12 },
      { estimated: 20, actual: 14 },
    ]);
    expect(e.mae).toBe(4);
    expect(e.bias).toBe(2);
    expect(e.meanWait).toBe(13);
    expect(e.maePercentOfMeanWait).toBeCloseTo(30.77, 2);
    expect(e.withinBand).toBe(0.5);
  });

  it('percentile and SLA share', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 6);
    expect(slaShare([5, 10, 30], 20)).toBeCloseTo(2 / 3, 6);
    expect(Number.isNaN(mean([]))).toBe(true);
  });
});
