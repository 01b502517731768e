/**
 * Prometheus metrics (prom-client), one registry per app so several apps in one process
 * (tests) never mix: HTTP latency by route pattern (never the raw URL, which may hold a
 * token), connected sockets by what they watch, events emitted by type, call → emit time,
 * database pool use and the Redis connection state.
 */
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { roomKind } from '../../../shared/src/rooms.js';
import type { Published } from '../events/publisher.js';
import type { App } from '../http/app-type.js';
import type { Realtime } from '../realtime/io.js';
import type { PublishObserver } from '../realtime/publish.js';

export interface MetricsSources {
  realtime: Realtime;
  pool: pg.Pool | undefined;
}

/** What a socket watches, from its rooms: a citizen's ticket, a counter, a center, or nothing yet. */
function kindOf(rooms: Set<string>): string {
  const kinds = new Set([...rooms].map(roomKind));
  return (['ticket', 'counter', 'center'] as const).find((k) => kinds.has(k)) ?? 'none';
}

export function createMetrics(app: App, sources: MetricsSources) {
  const registry = new Registry();
  const http = new Histogram({
    name: 'luot_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const events = new Counter({
    name: 'luot_events_emitted_total',
    help: 'Live events emitted to rooms, by type',
    labelNames: ['type'],
    registers: [registry],
  });
  const callToEmit = new Histogram({
    name: 'luot_call_to_emit_seconds',
    help: "From the start of a call's transaction to the emit of its ticket.called",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
    registers: [registry],
  });
  const slowConsumersCut = new Counter({
    name: 'luot_slow_consumers_cut_total',
    help: 'Sockets cut because their unsent backlog passed SOCKET_MAX_BACKLOG (they reconnect and resync)',
    registers: [registry],
  });
  new Gauge({
    name: 'luot_sockets_connected',
    help: 'Sockets connected to this instance, by what they watch',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      this.reset();
      for (const socket of sources.realtime.io.of('/').sockets.values())
        this.inc({ kind: kindOf(socket.rooms) });
    },
  });
  new Gauge({
    name: 'luot_db_pool_clients',
    help: 'Database pool clients by state (PostgreSQL only)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = sources.pool;
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  new Gauge({
    name: 'luot_redis_up',
    help: '1 when the Redis connection for fan-out is ready, 0 when not, absent without Redis',
    registers: [registry],
    collect() {
      const redis = sources.realtime.redis;
      if (redis) this.set(redis.status === 'ready' ? 1 : 0);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    http.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const observer: PublishObserver = {
    published(items: Published[]) {
      for (const { event } of items) {
        events.inc({ type: event.type });
        // `at` is the database's now() of the call's transaction: same clock as ours on one host.
        if (event.type === 'ticket.called')
          callToEmit.observe(Math.max(0, Date.now() - Date.parse(event.at)) / 1000);
      }
    },
    positions() {},
  };
  return { registry, observer, slowConsumersCut };
}
