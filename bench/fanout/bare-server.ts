/**
 * The baseline for fan-out figures: a bare Socket.IO 4.8 server doing only what Lượt's
 * fan-out must do at the least — a socket asks to join a center's room (same `subscribe`
 * event, acknowledged), and `POST /broadcast?center=N` emits one event the size of a real
 * `ticket.called` to that room, answering once it is handed to Socket.IO. No database, no
 * validation, no auth: whatever Lượt adds above this is our cost.
 * Run as its own process: `tsx bench/fanout/bare-server.ts` prints `bare: http://…` when ready.
 * With REDIS_URL it uses the same Redis streams adapter as Lượt.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

/** A `ticket.called` as Lượt sends it (the shape of shared/src/protocol.ts LiveEvent). */
function calledEvent(centerId: number, seq: number) {
  return {
    seq,
    centerId,
    type: 'ticket.called',
    at: new Date().toISOString(),
    ticket: {
      id: seq,
      centerId,
      serviceId: 1,
      number: `A${String(seq % 1000).padStart(3, '0')}`,
      status: 'called',
      priority: null,
      priorityStatus: null,
      channel: 'kiosk',
      counterId: 1,
      counterNumber: 1,
      issuedAt: new Date().toISOString(),
      calledAt: new Date().toISOString(),
      recalls: 0,
    },
    counterId: 1,
    counterNumber: 1,
    reason: { rule: 'oldest', detail: 'oldest waiting ticket of the counter’s services' },
  };
}

const http = createServer();
const io = new Server(http, { serveClient: false, transports: ['websocket'] });
if (process.env.REDIS_URL) {
  const { Redis } = await import('ioredis');
  const { createAdapter } = await import('@socket.io/redis-streams-adapter');
  io.adapter(createAdapter(new Redis(process.env.REDIS_URL), { streamName: 'luot-bench-bare' }));
}

io.on('connection', (socket) => {
  socket.on('subscribe', (request: { centerId?: number }, ack?: (reply: object) => void) => {
    void socket.join(`center:${request.centerId}`);
    ack?.({ ok: true, mode: 'snapshot', seq: 0 });
  });
});

const seqs = new Map<number, number>();
http.on('request', (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method !== 'POST' || url.pathname !== '/broadcast') return; // Socket.IO answers its own paths
  const centerId = Number(url.searchParams.get('center') ?? 1);
  const seq = (seqs.get(centerId) ?? 0) + 1;
  seqs.set(centerId, seq);
  req.resume();
  req.on('end', () => {
    io.to(`center:${centerId}`).emit('event', calledEvent(centerId, seq));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seq }));
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`bare: http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
