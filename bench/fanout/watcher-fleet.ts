/**
 * The watcher fleet: its own process (pinned to a core of its own by fleet.ts) holding
 * thousands of Socket.IO clients, each subscribed to one center's room, and the driver that
 * makes the calls. It sends each call's HTTP request and timestamps every arrival with the
 * same `performance.now()`, so "call → last board" needs no clock shared between processes.
 * The same code drives Lượt and the bare server (fleet-protocol.ts `Target`).
 * Spoken to over IPC only: `Envelope<FleetRequest>` in, `Envelope<FleetReply>` out.
 */
import { io, type Socket } from 'socket.io-client';
import type { CallSample, Envelope, FleetReply, FleetRequest, Spot, Target } from './fleet-protocol.js';

/** All a watcher reads of an event: enough to tell which call it belongs to. */
interface WireEvent {
  type: string;
  centerId: number;
  ticket?: { id: number };
}

interface Arrival {
  count: number;
  first: number;
  last: number;
}

const ARRIVAL_TIMEOUT_MS = 10_000;
const sockets: Socket[] = [];
/** center id → sockets whose subscribe to it was acknowledged */
const watchers = new Map<number, number>();
/** `${type}:${ticketId}` → arrivals so far */
const arrivals = new Map<string, Arrival>();
const waiters = new Map<string, { expected: number; resolve: () => void }>();

function onEvent(event: WireEvent): void {
  const at = performance.now();
  if (!event.ticket) return;
  const key = `${event.type}:${event.ticket.id}`;
  let arrival = arrivals.get(key);
  if (!arrival) {
    arrival = { count: 0, first: at, last: at };
    arrivals.set(key, arrival);
  }
  arrival.count++;
  arrival.last = at;
  const waiter = waiters.get(key);
  if (waiter && arrival.count >= waiter.expected) {
    waiters.delete(key);
    waiter.resolve();
  }
}

/** Resolves when `expected` watchers have the event, or after the timeout with what came. */
async function arrived(key: string, expected: number): Promise<Arrival & { missing: number }> {
  if ((arrivals.get(key)?.count ?? 0) < expected) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiters.delete(key);
        resolve();
      }, ARRIVAL_TIMEOUT_MS);
      waiters.set(key, {
        expected,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
  const arrival = arrivals.get(key) ?? { count: 0, first: Number.NaN, last: Number.NaN };
  arrivals.delete(key);
  return { ...arrival, missing: expected - arrival.count };
}

function openSocket(url: string, centerId: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
    });
    const fail = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.on('event', onEvent);
    socket.once('connect_error', fail);
    socket.once('connect', () => {
      socket
        .timeout(30_000)
        .emit('subscribe', { centerId }, (err: Error | null, ack: { error?: { message: string } }) => {
          if (err) return fail(err);
          if (ack?.error) return fail(new Error(`subscribe refused: ${ack.error.message}`));
          resolve(socket);
        });
    });
  });
}

async function connect(url: string, centers: number[], concurrency: number): Promise<FleetReply> {
  const started = performance.now();
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  // `concurrency` sockets in the air at a time: a steady ramp, never a storm of thousands.
  const lane = async () => {
    while (next < centers.length) {
      const centerId = centers[next++]!;
      try {
        sockets.push(await openSocket(url, centerId));
        watchers.set(centerId, (watchers.get(centerId) ?? 0) + 1);
      } catch (error) {
        failed++;
        firstError ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, centers.length) }, lane));
  return { type: 'connected', sockets: sockets.length, failed, ms: performance.now() - started, firstError };
}

function disconnect(): FleetReply {
  for (const socket of sockets) {
    socket.removeAllListeners();
    socket.close();
  }
  sockets.length = 0;
  watchers.clear();
  arrivals.clear();
  return { type: 'disconnected' };
}

async function post(url: string, cookie?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: cookie ? { cookie } : {} });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** One call at `spot`, measured to the last of its watchers; on Lượt the counter is freed after. */
async function callOnce(target: Target, spot: Spot): Promise<CallSample> {
  const expected = watchers.get(spot.centerId) ?? 0;
  const t0 = performance.now();
  const res =
    target.kind === 'luot'
      ? await post(`${target.url}/api/counters/${spot.counterId}/call-next`, target.cookie)
      : await post(`${target.url}/broadcast?center=${spot.centerId}`);
  const httpMs = performance.now() - t0;
  if (res.status !== 200)
    throw new Error(`call at ${JSON.stringify(spot)}: ${res.status} ${JSON.stringify(res.body)}`);
  // Lượt answers with the called ticket; the bare server's event carries its seq as the ticket id.
  const ticketId: number = target.kind === 'luot' ? res.body.ticket.id : res.body.seq;
  const called = await arrived(`ticket.called:${ticketId}`, expected);
  if (target.kind === 'luot') {
    const freed = await post(`${target.url}/api/tickets/${ticketId}/no-show`, target.cookie);
    if (freed.status !== 200)
      throw new Error(`no-show ${ticketId}: ${freed.status} ${JSON.stringify(freed.body)}`);
    // The no-show reaches every board too: let it land before the next call is timed.
    await arrived(`ticket.no_show:${ticketId}`, expected);
  }
  return {
    centerId: spot.centerId,
    lastMs: called.last - t0,
    firstMs: called.first - t0,
    httpMs,
    missing: called.missing,
  };
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

/** Starts the fleet's CPU clock; the function it returns closes the measured span. */
function measuring(samples: CallSample[], errors: string[]) {
  const cpu = process.cpuUsage();
  return (late: number, spanMs: number): FleetReply => {
    const used = process.cpuUsage(cpu);
    const cpuPercent = ((used.user + used.system) / 1000 / spanMs) * 100;
    return { type: 'calls', samples, errors, late, cpuPercent, spanMs };
  };
}

async function sequential(request: Extract<FleetRequest, { type: 'sequential' }>): Promise<FleetReply> {
  const samples: CallSample[] = [];
  const errors: string[] = [];
  let late = 0;
  let start = performance.now();
  let finish = measuring(samples, errors);
  for (let i = 0; i < request.warmup + request.calls && errors.length <= 5; i++) {
    if (i === request.warmup) {
      start = performance.now();
      finish = measuring(samples, errors);
      late = 0;
    }
    const t = performance.now();
    try {
      const sample = await callOnce(request.target, request.spot);
      if (i >= request.warmup) samples.push(sample);
    } catch (error) {
      errors.push(String(error));
    }
    if (performance.now() - t > request.periodMs) late++;
    await sleepUntil(t + request.periodMs);
  }
  return finish(late, performance.now() - start);
}

async function paced(request: Extract<FleetRequest, { type: 'paced' }>): Promise<FleetReply> {
  const samples: CallSample[] = [];
  const errors: string[] = [];
  let late = 0;
  const t0 = performance.now();
  const measureFrom = t0 + request.warmupMs;
  const end = measureFrom + request.durationMs;
  let finish = measuring(samples, errors);
  const opened = sleepUntil(measureFrom).then(() => {
    finish = measuring(samples, errors);
  });
  // Every spot in its own loop, started a fraction of the interval after the one before.
  const run = async (spot: Spot, index: number) => {
    let next = t0 + (index * request.intervalMs) / request.spots.length;
    while (next < end) {
      await sleepUntil(next);
      const startedAt = performance.now();
      try {
        const sample = await callOnce(request.target, spot);
        if (startedAt >= measureFrom) samples.push(sample);
      } catch (error) {
        errors.push(String(error));
      }
      next += request.intervalMs;
      if (performance.now() > next && startedAt >= measureFrom) late++;
    }
  };
  await Promise.all([opened, ...request.spots.map(run)]);
  return finish(late, performance.now() - measureFrom);
}

async function handle(request: FleetRequest): Promise<FleetReply> {
  switch (request.type) {
    case 'connect':
      return connect(request.url, request.centers, request.concurrency);
    case 'disconnect':
      return disconnect();
    case 'sequential':
      return sequential(request);
    case 'paced':
      return paced(request);
  }
}

process.on('message', (message: Envelope<FleetRequest>) => {
  handle(message).then(
    (reply) => process.send?.({ ...reply, id: message.id }),
    (error: unknown) => process.send?.({ type: 'error', message: String(error), id: message.id }),
  );
});
process.on('disconnect', () => process.exit(0));
