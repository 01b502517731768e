/**
 * The kiosk's calls to the Lượt API, same origin. A failure comes back as KioskApiError with
 * the contract's error code, or `offline` when the server could not be reached in time, so
 * the screen can say what happened and never waits forever.
 */
import type { ErrorBody } from '../../../shared/src/errors.js';
import type { Priority } from '../../../shared/src/protocol.js';
import type { IssuedTicket, KioskService } from './kiosk-state.js';

export class KioskApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Longer than any healthy answer; a kiosk must not hang on a dead connection. */
const TIMEOUT_MS = 15_000;

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new KioskApiError(0, 'offline', 'the server cannot be reached');
  }
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error;
    throw new KioskApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
    );
  }
  return data as T;
}

export const fetchCenters = () => call<{ id: number; name: string }[]>('GET', '/api/centers');

export const fetchServices = (centerId: number) =>
  call<KioskService[]>('GET', `/api/centers/${centerId}/services`);

export const fetchPublicConfig = () => call<{ publicUrl: string | null }>('GET', '/api/public-config');

export const issueKioskTicket = (centerId: number, serviceId: number, priority: Priority | null) =>
  call<IssuedTicket>('POST', `/api/centers/${centerId}/tickets`, { serviceId, priority, channel: 'kiosk' });
