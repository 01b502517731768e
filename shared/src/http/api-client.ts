/**
 * Same-origin JSON calls to the Lượt API from every browser surface. Errors come back as
 * ApiError with the contract's code, or `offline` when the server could not be reached in
 * time: no screen waits forever on a dead connection.
 */
import type { ErrorBody } from '../errors.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Longer than any healthy answer. */
const TIMEOUT_MS = 15_000;

export async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'offline', 'the server cannot be reached');
  }
  if (response.status === 204) return null as T;
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (data as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
      (error?.details ?? undefined) as Record<string, unknown> | undefined,
    );
  }
  return data as T;
}
