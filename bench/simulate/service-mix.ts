/**
 * What citizens come for and how long it takes: the demo center's six fields (server seed),
 * each with its share of the day's tickets and a lognormal service time with a per-service
 * mean (civil status is quick, land is slow). SLA minutes are not here: they are read from
 * the API (`GET /api/centers/:id/services`), the figure the manager configured.
 */
import { lognormal, type Rng } from './random.js';

export interface ServiceProfile {
  code: string;
  name: string;
  nameEn: string;
  /** SLA used only when creating a province's centers through the admin API. */
  slaMinutes: number;
  /** Share of the center's tickets (relative weight). */
  weight: number;
  /** Mean service time at the counter, in simulated minutes (start → complete). */
  meanMinutes: number;
  /** Shape of the lognormal: sd of the log. 0.5 gives a right tail of about 2.5× the mean at p95. */
  sigma: number;
}

export const SERVICE_MIX: readonly ServiceProfile[] = [
  {
    code: 'A',
    name: 'Tư pháp – Hộ tịch',
    nameEn: 'Justice – Civil status',
    slaMinutes: 20,
    weight: 30,
    meanMinutes: 6,
    sigma: 0.5,
  },
  { code: 'B', name: 'Đất đai', nameEn: 'Land', slaMinutes: 30, weight: 15, meanMinutes: 15, sigma: 0.6 },
  {
    code: 'C',
    name: 'Xây dựng',
    nameEn: 'Construction',
    slaMinutes: 30,
    weight: 10,
    meanMinutes: 12,
    sigma: 0.55,
  },
  {
    code: 'D',
    name: 'Đăng ký kinh doanh',
    nameEn: 'Business registration',
    slaMinutes: 25,
    weight: 15,
    meanMinutes: 10,
    sigma: 0.5,
  },
  {
    code: 'E',
    name: 'Lao động – Thương binh và Xã hội',
    nameEn: 'Labour, invalids and social affairs',
    slaMinutes: 25,
    weight: 20,
    meanMinutes: 8,
    sigma: 0.5,
  },
  {
    code: 'G',
    name: 'Tài nguyên và Môi trường',
    nameEn: 'Natural resources and environment',
    slaMinutes: 30,
    weight: 10,
    meanMinutes: 11,
    sigma: 0.55,
  },
];

/** Walking from the seat to the counter after the call, in simulated minutes. */
export const WALK_UP = { meanMinutes: 0.6, sigma: 0.5 };

export function profileOf(code: string): ServiceProfile {
  const profile = SERVICE_MIX.find((s) => s.code === code);
  if (!profile) throw new Error(`no service profile for code ${code}`);
  return profile;
}

/** One service time in simulated minutes, capped at six means (a stuck file is sent back, not served for hours). */
export function serviceMinutes(rng: Rng, profile: ServiceProfile): number {
  return Math.min(lognormal(rng, profile.meanMinutes, profile.sigma), 6 * profile.meanMinutes);
}

export function walkUpMinutes(rng: Rng): number {
  return Math.min(lognormal(rng, WALK_UP.meanMinutes, WALK_UP.sigma), 4);
}

/** Mean counter time per ticket over the mix (walk-up included), in simulated minutes. */
export function meanCounterMinutes(mix: readonly ServiceProfile[] = SERVICE_MIX): number {
  const total = mix.reduce((a, s) => a + s.weight, 0);
  return mix.reduce((a, s) => a + (s.weight / total) * (s.meanMinutes + WALK_UP.meanMinutes), 0);
}
