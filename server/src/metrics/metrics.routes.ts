/**
 * GET /metrics: Prometheus text; open unless METRICS_TOKEN is set, then a bearer token.
 *
 * Open by default, deliberately: the text holds counts and timings by route pattern, event
 * type and socket kind, and nothing a board does not already show (no ids, names, numbers,
 * tokens or addresses: metrics.test.ts checks). A scrape reads only counters kept in memory
 * (the pool's gauges are the driver's own counts), never the database, and an address
 * scraping faster than any Prometheus would is refused, so a scrape cannot be used to load
 * the server. Set METRICS_TOKEN where even the figures are not for the hall to see.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { DomainError } from '../errors.js';
import type { App } from '../http/app-type.js';

/** Scrapes a minute from one address: Prometheus takes 1 to 4; a loop takes thousands. */
export const SCRAPES_PER_MINUTE = 60;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const scrapeRateLimit = {
  max: SCRAPES_PER_MINUTE,
  timeWindow: 60_000,
  errorResponseBuilder: (_request: unknown, context: { after: string; max: number }) =>
    new DomainError('rate_limited', `more than ${context.max} scrapes a minute from this address`, {
      retryAfter: context.after,
    }),
};

export function metricsRoutes(app: App, registry: Registry, token: string | null): void {
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { rateLimit: scrapeRateLimit } },
    async (request, reply) => {
      if (token) {
        const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
        if (!sameToken(given, token))
          throw new DomainError('unauthenticated', 'metrics need Authorization: Bearer <METRICS_TOKEN>');
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
