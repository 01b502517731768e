/**
 * CSRF defence: a state-changing request that carries an Origin must come from our own
 * origin (PUBLIC_URL, or the host the request was sent to when PUBLIC_URL is unset).
 * Requests without Origin (kiosk scripts, curl, server-to-server) carry no ambient cookie risk.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';
import type { App } from './app-type.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerOriginCheck(app: App, publicUrl: string | null): void {
  const allowed = publicUrl ? new URL(publicUrl).origin : null;
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (SAFE.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const expected = allowed ?? `${request.protocol}://${request.host}`;
    if (origin !== expected) {
      throw new DomainError('bad_origin', `requests from ${origin} are not accepted here`);
    }
  });
}
