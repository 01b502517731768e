/**
 * The Socket.IO server: typed by shared/protocol.ts, on the HTTP server Fastify owns.
 * With REDIS_URL the Redis streams adapter joins instances (it rides out Redis blips without
 * dropping packets); without, rooms stay in-process.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/src/protocol.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface Realtime {
  io: RealtimeServer;
  redis: Redis | null;
  close(): Promise<void>;
}

export function createRealtime(
  httpServer: HttpServer,
  redisUrl: string | null,
  redisPrefix: string,
  /** Whether a handshake may open at all (its Origin: http/origin-check.ts). */
  admits: (request: IncomingMessage) => boolean = () => true,
): Realtime {
  const redis = redisUrl ? new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null }) : null;
  // Errors are retried by ioredis; the process must not crash on them.
  redis?.on('error', () => {});
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    transports: ['websocket', 'polling'],
    allowRequest: (request, callback) => {
      const admitted = admits(request);
      callback(admitted ? null : 'this origin may not connect here', admitted);
    },
    ...(redis
      ? {
          adapter: createAdapter(redis, {
            streamName: `${redisPrefix}:socket.io`,
            channelPrefix: `${redisPrefix}:socket.io`,
            onlyPlaintext: true,
          }),
        }
      : {}),
  });
  return {
    io,
    redis,
    async close() {
      // Closing the transports (not a server-side disconnect) lets clients reconnect on their own,
      // to another instance or to this one when it is back.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (redis) redis.disconnect();
    },
  };
}
