/**
 * The application as a value: Fastify with its plugins and routes, Socket.IO on the same
 * HTTP server, and the publisher between them. server.ts only opens the database and listens;
 * tests build the app on a database of their own.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import { PROTOCOL_VERSION } from '../../shared/src/protocol.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { registerStaffSession } from './auth/staff-session.js';
import { centersRoutes } from './centers/centers.routes.js';
import type { Config } from './config.js';
import { configRoutes } from './config-admin/config.routes.js';
import type { DomainContext } from './context.js';
import { releaseHolds } from './counters/counter-hold.js';
import { countersRoutes } from './counters/counters.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import type { DatabaseHandle } from './db/database.js';
import { devicesRoutes } from './devices/devices.routes.js';
import { displaysRoutes } from './displays/displays.routes.js';
import { feedbackRoutes } from './feedback/feedback.routes.js';
import type { App } from './http/app-type.js';
import { citizenAppRoutes } from './http/citizen-app.js';
import { clientAddressOf, compileTrustProxy } from './http/client-address.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandler } from './http/error-handler.js';
import { healthRoutes, type Readiness } from './http/health.routes.js';
import { registerOriginCheck, socketOriginAllowed } from './http/origin-check.js';
import { publicConfigRoutes } from './http/public-config.routes.js';
import { registerPublicRateLimit } from './http/public-rate.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { validatorCompiler } from './http/validation.js';
import { webRoutes } from './http/web-pages.js';
import { managerActionsRoutes } from './manager-actions/manager-actions.routes.js';
import { createMetrics } from './metrics/metrics.js';
import { metricsRoutes } from './metrics/metrics.routes.js';
import { provinceRoutes } from './province/province.routes.js';
import { type NotificationOptions, registerNotifications } from './push/push.routes.js';
import type { TicketNotifier } from './push/ticket-notifier.js';
import { callRoutes } from './queues/call.routes.js';
import { issueRoutes } from './queues/issue.routes.js';
import { PositionRefresh } from './queues/position-refresh.js';
import { queueRoutes } from './queues/queue.routes.js';
import { ConnectionsPerAddress } from './realtime/connection-limits.js';
import { createRealtime, type Realtime } from './realtime/io.js';
import { SocketPublisher } from './realtime/publish.js';
import { guardSlowConsumers } from './realtime/slow-consumers.js';
import { handleSubscriptions } from './realtime/subscribe.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { statsRoutes } from './stats/stats.routes.js';
import { DeviceIds } from './tickets/device-ids.js';
import { ticketLookupRoutes } from './tickets/ticket-lookup.js';
import { ticketsRoutes } from './tickets/tickets.routes.js';
import { viewsRoutes } from './views/views.routes.js';

export interface BuiltApp {
  app: App;
  realtime: Realtime;
  publisher: SocketPublisher;
  notifier: TicketNotifier;
  readiness: Readiness;
}

export async function buildApp(
  config: Readonly<Config>,
  database: DatabaseHandle,
  options: { notifications?: NotificationOptions } = {},
): Promise<BuiltApp> {
  const trustProxy = compileTrustProxy(config.trustProxy);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Secrets never reach the logs.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    // Per-request lines drown what matters at a busy center; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    // What is refused before any route runs, in the error shape too (error-handler.ts).
    frameworkErrors,
    clientErrorHandler,
    // Node would refuse HTTP/1.1 without a Host with an empty 400; origin-check.ts refuses it in the shape.
    http: {
      requireHostHeader: false,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(config.requestTimeoutMs / 4))),
    },
    // X-Forwarded-* only from the balancers TRUST_PROXY names (DESIGN.md §14): request.ip,
    // request.protocol and request.host are then the client's, and nobody else's word counts.
    trustProxy,
    // Fastify's 10 s default fails a start on a machine that is busy (a restart storm, a
    // loaded CI box); a plugin that really hangs still shows, after a minute.
    pluginTimeout: 60_000,
    // A request must arrive whole within REQUEST_TIMEOUT_MS (Fastify's default is no limit: a body
    // trickled a byte at a time held its connection and its parser for ever). Node looks for
    // late requests every connectionsCheckingInterval (30 s by its default): a quarter of the limit
    // (in `http` above, with headersTimeout).
    requestTimeout: config.requestTimeoutMs,
  }).withTypeProvider<TypeBoxTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandler(app);

  await app.register(cookie);
  await registerSecurityHeaders(app, config.publicUrl);
  // Only routes that ask for it are limited (issuance); after the session is read, so staff are exempt.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Lượt API', version: `protocol ${PROTOCOL_VERSION}` },
      tags: [
        { name: 'centers' },
        { name: 'tickets' },
        { name: 'counters' },
        { name: 'auth' },
        { name: 'health' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const connections = new ConnectionsPerAddress(config.subscribeLimits.socketsPerAddress, (request) =>
    clientAddressOf(request, trustProxy),
  );
  const realtime = createRealtime(
    app.server,
    config.redisUrl,
    config.redisPrefix,
    (request) => socketOriginAllowed(request, config.publicUrl, trustProxy) && connections.admits(request),
  );
  connections.attach(realtime.io.engine);
  const publisher = new SocketPublisher(realtime.io, new PositionRefresh(database.db, app.log), {
    clustered: realtime.redis !== null,
  });
  const ctx: DomainContext = { db: database.db, publisher };
  const readiness: Readiness = { draining: false };

  registerOriginCheck(app, config.publicUrl);
  registerStaffSession(app, database.db);
  registerPublicRateLimit(app, config.publicApiPerMinute); // after the session: staff are exempt
  healthRoutes(app, database.db, readiness);
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
  authRoutes(app, database.db, secureCookies, config.loginLockout, (userId) => releaseHolds(ctx, userId));
  centersRoutes(app, database.db);
  viewsRoutes(app, database.db);
  publicConfigRoutes(app, config.publicUrl);
  ticketsRoutes(app, ctx);
  issueRoutes(
    app,
    ctx,
    {
      perIpPerMinute: config.issueRatePerMinute,
      webTicketsPerDevice: config.webTicketsPerDevice,
      webTicketsPerServiceDay: config.webTicketsPerServiceDay,
    },
    new DeviceIds(config.sessionSecret),
    secureCookies,
  );
  ticketLookupRoutes(app, database.db, config.ticketLookupsPerAddressHour);
  countersRoutes(app, ctx);
  callRoutes(app, ctx);
  feedbackRoutes(app, ctx);
  displaysRoutes(app, database.db, publisher);
  queueRoutes(app, database.db);
  statsRoutes(app, database.db);
  dashboardRoutes(app, database.db);
  auditRoutes(app, database.db);
  reportsRoutes(app, database.reportsDb ?? database.db); // a year's report takes seconds: its own lane
  configRoutes(app, ctx);
  provinceRoutes(app, database.db);
  managerActionsRoutes(app, ctx);
  devicesRoutes(app, ctx, secureCookies);
  const notifier = await registerNotifications(app, database.db, publisher, config, options.notifications);
  await webRoutes(app);
  citizenAppRoutes(app);
  const metrics = createMetrics(app, { realtime, pool: database.pool });
  publisher.observe(metrics.observer);
  metricsRoutes(app, metrics.registry, config.metricsToken);
  handleSubscriptions(realtime.io, {
    db: database.db,
    replayLimit: config.replayLimit,
    limits: config.subscribeLimits,
    trustProxy,
    log: app.log,
  });

  const stopGuard = guardSlowConsumers(realtime.io, {
    ...config.slowConsumers,
    onDrop: (backlog) => {
      metrics.slowConsumersCut.inc();
      app.log.warn({ backlog }, 'cut a socket that could not keep up; it will reconnect and resync');
    },
  });

  // Before the HTTP server waits for its connections: open WebSockets would keep it waiting.
  app.addHook('preClose', async () => {
    stopGuard();
    await realtime.close();
  });
  return { app, realtime, publisher, notifier, readiness };
}
