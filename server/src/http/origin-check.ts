/**
 * CSRF defence: a state-changing request that carries an Origin must come from our own
 * origin (PUBLIC_URL, or the host the request was sent to when PUBLIC_URL is unset).
 * Requests without Origin (kiosk scripts, curl, server-to-server) carry no ambient cookie risk.
 * An HTTP/1.1 request must name its Host (RFC 9112): Node refuses one without it with an empty
 * 400, so app.ts leaves that to this hook, which refuses it in the error shape.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';
import type { App } from './app-type.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerOriginCheck(app: App, publicUrl: string | null): void {
  const allowed = publicUrl ? new URL(publicUrl).origin : null;
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.headers.host && request.raw.httpVersion === '1.1') {
      throw new DomainError('bad_request', 'an HTTP/1.1 request needs a Host header');
    }
    if (SAFE.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const expected = allowed ?? `${request.protocol}://${request.host}`;
    if (origin !== expected) {
      throw new DomainError('bad_origin', `requests from ${origin} are not accepted here`);
    }
  });
}
