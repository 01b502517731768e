/**
 * Requests a minute from one address, across every anonymous API route that has no limit of its
 * own (issue 10, beyond the list). Each such request reads the database (a snapshot is several
 * statements; a token or a junk session cookie is looked up), and nothing bounded them: one
 * machine on the hall's Wi-Fi could keep the pool busy for every center on the instance, while
 * socket subscribes, which read the same snapshot, were limited. Staff sessions are exempt, and
 * so are the routes with a limit of their own (issuance, pairing, ratings, SMS, /metrics). The hall
 * puts every phone and board behind one address, so PUBLIC_API_PER_MINUTE sits far above it.
 */
import { DomainError } from '../errors.js';
import type { App } from './app-type.js';
import { MinuteCounter } from './minute-counter.js';

/** Where the limit applies: the API, and /readyz (each probe pings the database). */
const counted = (route: string | undefined) =>
  route !== undefined && (route.startsWith('/api/') || route === '/readyz');

/** Register after the staff session hook (it reads `request.actor`). */
export function registerPublicRateLimit(app: App, perMinute: number): void {
  const counter = new MinuteCounter();
  app.addHook('preHandler', async (request, reply) => {
    if (request.actor !== null || !counted(request.routeOptions.url)) return;
    if ((request.routeOptions.config as { rateLimit?: unknown } | undefined)?.rateLimit) return;
    const wait = counter.hit(request.ip, perMinute);
    if (wait === 0) return;
    reply.header('retry-after', String(wait));
    throw new DomainError(
      'rate_limited',
      `more than ${perMinute} requests a minute from this address (PUBLIC_API_PER_MINUTE); retry in ${wait} s`,
      { retryAfterSeconds: wait },
    );
  });
}
