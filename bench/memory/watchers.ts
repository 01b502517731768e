/**
 * The client side of the memory and soak suites, run as its own process (pinned to the other
 * CPU by watcher-pool.ts) so the sockets cost the measured server nothing but their server side.
 * Driven over IPC: `open` grows the pool to a total in batches (each socket subscribes to a
 * center's room and waits for the ack), `close` drops every socket, `churn` replaces a share of
 * the pool each second (some new sockets resume with sinceSeq), `stats` reports counts.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  LiveEvent,
  ServerToClientEvents,
  SubscribeAck,
} from '../../shared/src/protocol.js';

type Watcher = Socket<ServerToClientEvents, ClientToServerEvents>;

export type WatcherCommand =
  | { op: 'open'; url: string; centerId: number; total: number; batch: number; sinceSeq?: number }
  | { op: 'close' }
  | { op: 'churn'; url: string; centerId: number; sharePerSecond: number; sinceSeqShare: number }
  | { op: 'stop-churn' }
  | { op: 'stats' };

export interface WatcherStats {
  alive: number;
  opened: number;
  failed: number;
  /** Sockets the server dropped (not closed by us). */
  lost: number;
  events: number;
  lastSeq: number;
  snapshots: number;
  replays: number;
  /** Subscribe acks that came back with an error. */
  refused: number;
}

const pool = new Set<Watcher>();
const stats: WatcherStats = {
  alive: 0,
  opened: 0,
  failed: 0,
  lost: 0,
  events: 0,
  lastSeq: 0,
  snapshots: 0,
  replays: 0,
  refused: 0,
};
let churn: NodeJS.Timeout | null = null;
/** Sockets opening (connect + subscribe) but not yet in the pool. */
let pending = 0;

/** One socket connected and subscribed; resolves false if either step fails. */
function openOne(url: string, centerId: number, sinceSeq?: number): Promise<boolean> {
  pending++;
  return new Promise<boolean>((resolve) => {
    const socket: Watcher = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const fail = () => {
      socket.removeAllListeners();
      socket.disconnect();
      stats.failed++;
      resolve(false);
    };
    socket.once('connect_error', fail);
    socket.on('event', (e: LiveEvent) => {
      stats.events++;
      if (e.seq > stats.lastSeq) stats.lastSeq = e.seq;
    });
    socket.once('connect', () => {
      const request = sinceSeq === undefined ? { centerId } : { centerId, sinceSeq };
      socket.timeout(30_000).emit('subscribe', request, (err: Error | null, ack: SubscribeAck) => {
        if (err || 'error' in ack) {
          if (!err) stats.refused++;
          return fail();
        }
        if ('events' in ack) stats.replays++;
        else stats.snapshots++;
        socket.off('connect_error', fail);
        socket.once('disconnect', (reason) => {
          if (pool.delete(socket) && reason !== 'io client disconnect') stats.lost++;
        });
        pool.add(socket);
        stats.opened++;
        resolve(true);
      });
    });
  }).finally(() => {
    pending--;
  });
}

function closeOne(socket: Watcher): void {
  pool.delete(socket);
  socket.removeAllListeners();
  socket.disconnect();
}

async function open(command: Extract<WatcherCommand, { op: 'open' }>): Promise<void> {
  while (pool.size < command.total) {
    const n = Math.min(command.batch, command.total - pool.size);
    const results = await Promise.all(
      Array.from({ length: n }, () => openOne(command.url, command.centerId, command.sinceSeq)),
    );
    if (results.every((ok) => !ok)) throw new Error(`a whole batch of ${n} failed to open`);
  }
}

function startChurn(command: Extract<WatcherCommand, { op: 'churn' }>): void {
  const target = pool.size;
  churn = setInterval(() => {
    const leaving = Math.max(1, Math.round(target * command.sharePerSecond));
    const sockets = [...pool];
    for (let i = 0; i < leaving && sockets.length > 0; i++) {
      const at = Math.floor(Math.random() * sockets.length);
      closeOne(sockets[at]!);
      sockets.splice(at, 1);
    }
    // Back to the target (also replacing any the server dropped), some resuming from a seq.
    for (let i = pool.size + pending; i < target; i++) {
      const resume = Math.random() < command.sinceSeqShare && stats.lastSeq > 0;
      void openOne(command.url, command.centerId, resume ? Math.max(0, stats.lastSeq - 3) : undefined);
    }
  }, 1000);
}

process.on('message', (message: { id: number; command: WatcherCommand }) => {
  const { id, command } = message;
  const reply = (extra: object = {}) =>
    process.send?.({ id, ...extra, stats: { ...stats, alive: pool.size } });
  const run = async () => {
    switch (command.op) {
      case 'open':
        return open(command);
      case 'close':
        for (const socket of [...pool]) closeOne(socket);
        return;
      case 'churn':
        return startChurn(command);
      case 'stop-churn':
        if (churn) clearInterval(churn);
        churn = null;
        return;
      case 'stats':
        return;
    }
  };
  run().then(
    () => reply(),
    (error: unknown) => reply({ error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
