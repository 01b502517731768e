/** GET /metrics: Prometheus text; open unless METRICS_TOKEN is set, then a bearer token. */
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoutes(app: App, registry: Registry, token: string | null): void {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token) {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameToken(given, token))
        throw new DomainError('unauthenticated', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
