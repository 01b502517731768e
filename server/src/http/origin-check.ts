/**
 * CSRF defence: a state-changing request that carries an Origin must come from our own
 * origin (PUBLIC_URL, or the host the request was sent to when PUBLIC_URL is unset).
 * Requests without Origin (kiosk scripts, curl, server-to-server) carry no ambient cookie risk.
 * An HTTP/1.1 request must name its Host (RFC 9112): Node refuses one without it with an empty
 * 400, so app.ts leaves that to this hook, which refuses it in the error shape.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';
import type { App } from './app-type.js';
import type { TrustProxy } from './client-address.js';

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

const first = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/**
 * The same rule for the Socket.IO handshake, which no CORS guards: a WebSocket opens from any
 * page, with the cookies of its site, so a page of another origin on the same site (another
 * port of the same address, a sibling host) could join the staff room on a clerk's session.
 * A handshake whose Origin is not ours is refused; one without (kiosk scripts, the Node
 * client) is let through, as over HTTP. X-Forwarded-Proto and -Host count from a trusted proxy only.
 */
export function socketOriginAllowed(
  request: IncomingMessage,
  publicUrl: string | null,
  trust: TrustProxy,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (publicUrl) return origin === new URL(publicUrl).origin;
  const proxied = trust(request.socket.remoteAddress ?? '', 0);
  const protocol =
    (proxied && first(request.headers['x-forwarded-proto'])) ||
    ((request.socket as TLSSocket).encrypted ? 'https' : 'http');
  const host = (proxied && first(request.headers['x-forwarded-host'])) || request.headers.host;
  return host !== undefined && origin === `${protocol}://${host}`;
}
