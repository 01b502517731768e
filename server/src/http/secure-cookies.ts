/**
 * Cookies are Secure behind TLS: when PUBLIC_URL is https, or when the request itself came over
 * TLS (directly, or through X-Forwarded-Proto from a balancer TRUST_PROXY names). On plain
 * http (the embedded default on a LAN) a Secure cookie would never come back.
 */
import type { FastifyRequest } from 'fastify';

export function secureCookie(request: FastifyRequest, httpsPublicUrl: boolean): boolean {
  return httpsPublicUrl || request.protocol === 'https';
}
