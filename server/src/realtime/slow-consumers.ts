/**
 * A screen on a bad network must not cost the others anything. Socket.IO encodes a broadcast
 * once and hands it to every socket without waiting, so a slow one never delays a call; but
 * what it cannot take yet waits in its socket's write buffer, in our memory. A socket whose
 * backlog passes `maxBacklog` packets is cut at the transport (not a server "disconnect",
 * which clients take as final): its page reconnects by itself and resyncs by `seq`, reading
 * a snapshot instead of a thousand stale events.
 */
import type { RealtimeServer } from './io.js';

export interface SlowConsumerOptions {
  maxBacklog: number;
  everyMs: number;
  onDrop?: (backlog: number) => void;
}

interface EngineConnection {
  writeBuffer?: unknown[];
  transport?: { socket?: { terminate?: () => void } };
  close(discard?: boolean): void;
}

/** Packets waiting for the transport (engine.io keeps them private; read, never changed). */
export function backlogOf(conn: unknown): number {
  return (conn as EngineConnection).writeBuffer?.length ?? 0;
}

/** Cuts a connection now, whatever it still has to send. */
function cut(conn: unknown): void {
  const engine = conn as EngineConnection;
  const ws = engine.transport?.socket;
  if (typeof ws?.terminate === 'function') ws.terminate();
  else engine.close(true);
}

/** Checks every `everyMs`; returns a stop function. */
export function guardSlowConsumers(io: RealtimeServer, options: SlowConsumerOptions): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      const backlog = backlogOf(socket.conn);
      if (backlog <= options.maxBacklog) continue;
      options.onDrop?.(backlog);
      cut(socket.conn);
    }
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
