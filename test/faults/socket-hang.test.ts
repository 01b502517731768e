/**
 * Socket `subscribe` while PostgreSQL hangs (behind a TCP proxy turned black hole): every kind of
 * subscribe, many at once, is answered with an error ack within 5 s (the pool's timeouts), never
 * left without an answer and never crashing the process; the screens' clients retry on that ack,
 * and once the database flows again a subscribe gets its snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubscribeAck } from '../../shared/src/protocol.js';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { Cluster, TcpProxy } from '../helpers/cluster.js';
import { hasPostgres } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { IN_CI } from '../helpers/services.js';

describe.runIf(IN_CI || hasPostgres())('socket subscribe while Postgres hangs', () => {
  let cluster: Cluster;
  let proxy: TcpProxy;
  let fixture: CenterFixture;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await Cluster.open(null);
    fixture = await createCenterFixture(cluster.db.db, { services: ['A'], counters: [['A']] });
    const direct = new URL(cluster.databaseUrl);
    proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5432));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await proxy?.close();
    await cluster?.close();
  });

  const connected = async (url: string): Promise<TestSocket> => {
    const socket = connectSocket(url);
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };

  it('answers every subscribe with an error ack within 5 s, and a snapshot once it flows', {
    timeout: 90_000,
  }, async () => {
    const via = new URL(cluster.databaseUrl);
    via.hostname = '127.0.0.1';
    via.port = String(proxy.port);
    const server = await cluster.start({ DATABASE_URL: via.toString() });
    const { centerId, counterIds } = fixture;
    const before = await subscribe(await connected(server.url), { centerId });
    expect('snapshot' in before).toBe(true);

    const screens = await Promise.all(Array.from({ length: 12 }, () => connected(server.url)));
    proxy.hang();
    const started = performance.now();
    const requests = [
      { centerId },
      { centerId, sinceSeq: 0 },
      { counterId: counterIds[0]! },
      { ticketToken: 'n'.repeat(24) },
    ];
    const acks: SubscribeAck[] = await Promise.all(
      screens.map((socket, i) => subscribe(socket, requests[i % requests.length]!)),
    );
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(5_000);
    for (const ack of acks) {
      expect(ack).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    }
    expect(server.child.exitCode).toBeNull();

    proxy.flow();
    let again: SubscribeAck = { error: { code: 'database_unavailable', message: '' } };
    for (let i = 0; i < 50 && 'error' in again; i++) {
      again = await subscribe(screens[0]!, { centerId });
      if ('error' in again) await new Promise((r) => setTimeout(r, 100));
    }
    expect('snapshot' in again).toBe(true);
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
    console.log(`[socket-hang] ${acks.length} subscribes while hung: all answered in ${Math.round(ms)} ms`);
  });
});
