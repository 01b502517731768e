/**
 * Getting centers ready to call, through Lượt's own API as staff would: sign in, open a
 * counter, issue the waiting tickets the calls will take; and, for the province figure,
 * create more centers (admin), each with one service and one counter.
 */
import type { Spot } from './fleet-protocol.js';
import { BENCH_PASSWORD } from './servers.js';

export class Staff {
  private constructor(
    readonly url: string,
    readonly cookie: string,
  ) {}

  static async login(url: string, username: string): Promise<Staff> {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 200 || !cookie)
      throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new Staff(url, cookie);
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

/** Opens the counter and issues `tickets` waiting tickets in the first service it serves. */
export async function readyToCall(staff: Staff, spot: Spot, tickets: number): Promise<void> {
  const counters = await staff.request<{ id: number; serviceIds: number[] }[]>(
    'GET',
    `/api/centers/${spot.centerId}/counters`,
  );
  const serviceId = counters.find((c) => c.id === spot.counterId)?.serviceIds[0];
  if (serviceId === undefined) throw new Error(`counter ${spot.counterId} serves nothing`);
  await staff.request('POST', `/api/counters/${spot.counterId}/open`);
  await issue(staff, spot.centerId, serviceId, tickets);
}

async function issue(staff: Staff, centerId: number, serviceId: number, count: number): Promise<void> {
  let left = count;
  const lane = async () => {
    while (left-- > 0)
      await staff.request('POST', `/api/centers/${centerId}/tickets`, { serviceId, channel: 'staff' });
  };
  await Promise.all(Array.from({ length: 4 }, lane));
}

/** `count` new centers, each with service A and counter 1 serving it; returns their spots. */
export async function createCenters(admin: Staff, count: number): Promise<Spot[]> {
  const spots: Spot[] = [];
  for (let i = 0; i < count; i++) {
    const center = await admin.request<{ id: number }>('POST', '/api/config/centers', {
      name: `Trung tâm thử tải ${i + 2}`,
    });
    const service = await admin.request<{ id: number }>('POST', `/api/config/centers/${center.id}/services`, {
      code: 'A',
      name: 'Tư pháp – Hộ tịch',
      nameEn: 'Justice – Civil status',
    });
    const counter = await admin.request<{ id: number }>('POST', `/api/config/centers/${center.id}/counters`, {
      number: 1,
      name: 'Quầy 1',
      serviceIds: [service.id],
    });
    spots.push({ centerId: center.id, counterId: counter.id });
  }
  return spots;
}
