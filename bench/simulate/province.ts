/**
 * The centers of the run, set up through the admin API as a manager would (our choice over
 * writing rows with Kysely: it exercises the configuration API and its audit log, and needs
 * no second handle on a database the server holds). Center 1 is the demo center, given the
 * counters a city center of `--tickets-per-day` needs; centers 2…N are district centers
 * created like it (same six fields and SLAs, 25–50 % of the city's tickets, counters sized
 * to their load, one clerk account per counter). Ageing is scaled to the speed (see below).
 */
import type { Client } from '../../harness/http-client.js';
import { type ArrivalCurve, peakHourArrivals } from './arrival-curve.js';
import { countersNeeded, planCounters } from './counter-plan.js';
import type { Rng } from './random.js';
import { profileOf, SERVICE_MIX, type ServiceProfile } from './service-mix.js';

export interface SimService {
  id: number;
  code: string;
  slaMinutes: number;
  profile: ServiceProfile;
}

export interface SimCounter {
  id: number;
  number: number;
  serviceIds: number[];
  username: string;
}

export interface SimCenter {
  id: number;
  name: string;
  ticketsPerDay: number;
  services: SimService[];
  counters: SimCounter[];
}

interface ConfigView {
  services: { id: number; code: string; slaMinutes: number }[];
  counters: { id: number; number: number; serviceIds: number[] }[];
}

const DISTRICTS = [
  'Cẩm Phả',
  'Hạ Long',
  'Móng Cái',
  'Đông Triều',
  'Quảng Yên',
  'Vân Đồn',
  'Tiên Yên',
  'Hải Hà',
  'Đầm Hà',
  'Bình Liêu',
  'Ba Chẽ',
  'Cô Tô',
  'Hoành Bồ',
  'Yên Hưng',
  'Hoành Mô',
  'Quang Hanh',
  'Mạo Khê',
  'Trà Cổ',
  'Cái Rồng',
];

async function ok<T>(reply: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function addCounters(
  admin: Client,
  centerId: number,
  view: ConfigView,
  total: number,
  password: string,
  log: (line: string) => void,
): Promise<SimCounter[]> {
  const byCode = new Map(view.services.map((s) => [s.code, s.id]));
  const codeOf = new Map(view.services.map((s) => [s.id, s.code]));
  const existing: SimCounter[] = view.counters.map((c) => ({
    id: c.id,
    number: c.number,
    serviceIds: c.serviceIds,
    // The demo seed's clerkN works counter N; created centers get their own clerks below.
    username: `clerk${c.number}`,
  }));
  const plan = planCounters(
    total,
    SERVICE_MIX,
    view.counters.map((c) => codeOf.get(c.serviceIds[0]!)!),
  );
  let number = Math.max(0, ...view.counters.map((c) => c.number));
  const created: SimCounter[] = [];
  for (const p of plan) {
    number++;
    const serviceIds = p.codes.map((code) => byCode.get(code)!);
    const counter = await ok(
      admin.post<{ id: number }>(`/api/config/centers/${centerId}/counters`, {
        number,
        name: `Quầy ${number}`,
        serviceIds,
      }),
      `counter ${number} of center ${centerId}`,
    );
    const username = `sim${centerId}.clerk${number}`;
    await ok(
      admin.post('/api/config/users', {
        username,
        displayName: `Cán bộ quầy ${number}`,
        role: 'clerk',
        centerIds: [centerId],
        password,
      }),
      `user ${username}`,
    );
    created.push({ id: counter.id, number, serviceIds, username });
  }
  if (created.length > 0)
    log(`center ${centerId}: added ${created.length} counters (now ${existing.length + created.length})`);
  return [...existing, ...created];
}

export async function setUpCenters(
  admin: Client,
  options: { centers: number; ticketsPerDay: number; speed: number; password: string },
  curve: ArrivalCurve,
  rng: Rng,
  log: (line: string) => void,
): Promise<SimCenter[]> {
  const centers: SimCenter[] = [];
  const listed = await ok(admin.get<{ id: number; name: string }[]>('/api/centers'), 'centers');
  const demo = listed[0];
  if (!demo) throw new Error('the server has no center: is SEED_DEMO off on a non-empty database?');
  for (let i = 0; i < options.centers; i++) {
    const ticketsPerDay =
      i === 0 ? options.ticketsPerDay : Math.round(options.ticketsPerDay * (0.25 + 0.25 * rng()));
    const needed = countersNeeded(peakHourArrivals(curve, ticketsPerDay), SERVICE_MIX);
    let centerId: number;
    let name: string;
    if (i === 0) {
      centerId = demo.id;
      name = demo.name;
    } else {
      name = `Trung tâm Hành chính công ${DISTRICTS[(i - 1) % DISTRICTS.length]}${i > DISTRICTS.length ? ` ${i}` : ''}`;
      const created = await ok(admin.post<{ id: number }>('/api/config/centers', { name }), `center ${name}`);
      centerId = created.id;
      for (const [k, s] of SERVICE_MIX.entries()) {
        await ok(
          admin.post(`/api/config/centers/${centerId}/services`, {
            code: s.code,
            name: s.name,
            nameEn: s.nameEn,
            slaMinutes: s.slaMinutes,
          }),
          `service ${s.code} of ${name} (${k})`,
        );
      }
    }
    // Ageing (a ticket waiting `ageingMinutes` jumps the counters' service order) is a real-time
    // setting: at --speed 120 the default 30 would be 60 simulated hours, so it is scaled, with
    // the API's floor of one real minute.
    await ok(
      admin.request('PATCH', `/api/config/centers/${centerId}`, {
        ageingMinutes: Math.max(1, Math.round(30 / options.speed)),
      }),
      `ageing of center ${centerId}`,
    );
    const view = await ok(admin.get<ConfigView>(`/api/config/centers/${centerId}`), `config of ${centerId}`);
    const counters = await addCounters(admin, centerId, view, needed, options.password, log);
    centers.push({
      id: centerId,
      name,
      ticketsPerDay,
      services: view.services.map((s) => ({ ...s, profile: profileOf(s.code) })),
      counters,
    });
    log(`center ${centerId} ${name}: ${ticketsPerDay} tickets/day, ${counters.length} counters`);
  }
  return centers;
}
