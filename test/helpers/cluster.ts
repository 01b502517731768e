/**
 * What the fault tests break: real server processes on one Postgres database and one Redis,
 * a Redis server of the test's own that it can stop and start, and a TCP proxy to Postgres
 * that it can cut. Everything started here is stopped by close(), even after a failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, Socket } from 'node:net';
import { type DatabaseHandle, openDatabase } from '../../server/src/db/database.js';
import type { TestSocket } from './board.js';
import { postgresDatabaseUrl } from './database.js';
import { type ServerProcess, startServer } from './server-process.js';
import { Client, type Reply } from './test-app.js';
import { TEST_PASSWORD } from './test-password.js';

export const SESSION_SECRET = 'fault-tests-session-secret-0123456789abcdef';

/** A port the kernel just handed out and took back. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when something accepts TCP connections on the port (bounded). */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

/** A throwaway redis-server: no persistence, its own port, stopped and started by the test. */
export class RedisProcess {
  #child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.#child = child;
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}

/** One proxied connection: what it holds while hung, and whether a side closed meanwhile. */
interface ProxyPair {
  client: Socket;
  upstream: Socket;
  piped: boolean;
  held: Buffer[];
  closed: boolean;
}

/**
 * A TCP proxy the test can cut (every connection reset, new ones refused) and restore; stall:
 * what the target sends stops reaching the client (a screen on a dead-slow network) while the
 * client's own bytes still go through, until flow(); or hang: a black hole, where nothing goes
 * through either way, not even a close, and new connections are accepted and held (a hung
 * database, or a network gone mid-transaction), until flow().
 */
export class TcpProxy {
  #server: Server;
  #sockets = new Set<Socket>();
  #pairs = new Set<ProxyPair>();
  #cut = false;
  #stalled = false;
  #hung = false;
  #hangOn: Buffer | null = null;
  private constructor(
    readonly port: number,
    server: Server,
  ) {
    this.#server = server;
  }

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null;
    const server = createServer((client) => {
      if (!proxy || proxy.#cut) return client.destroy();
      proxy.#open(client, targetHost, targetPort);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    proxy = new TcpProxy(typeof address === 'object' && address ? address.port : 0, server);
    return proxy;
  }

  #open(client: Socket, targetHost: string, targetPort: number): void {
    const upstream = new Socket();
    const pair: ProxyPair = { client, upstream, piped: false, held: [], closed: false };
    this.#sockets.add(client).add(upstream);
    this.#pairs.add(pair);
    const drop = () => {
      // A black hole passes no close either: the far side learns of it only at flow().
      if (this.#hung) pair.closed = true;
      else this.#drop(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (chunk: Buffer) => this.#forward(pair, chunk));
    if (this.#hung) client.pause();
    upstream.connect(targetPort, targetHost, () => {
      if (!this.#stalled && !this.#hung) this.#pipeBack(pair);
      else upstream.pause();
    });
  }

  /** The client's bytes go to the target, unless hung (or they are the bytes to hang on). */
  #forward(pair: ProxyPair, chunk: Buffer): void {
    if (!this.#hung && this.#hangOn && chunk.includes(this.#hangOn)) this.hang();
    if (this.#hung) {
      pair.held.push(chunk);
      pair.client.pause();
      return;
    }
    if (!pair.upstream.write(chunk)) {
      pair.client.pause();
      pair.upstream.once('drain', () => {
        if (!this.#hung) pair.client.resume();
      });
    }
  }

  #pipeBack(pair: ProxyPair): void {
    if (pair.piped) return;
    pair.piped = true;
    pair.upstream.pipe(pair.client);
  }

  #unpipeBack(pair: ProxyPair): void {
    if (pair.piped) pair.upstream.unpipe(pair.client);
    pair.piped = false;
    pair.upstream.pause();
  }

  #drop(pair: ProxyPair): void {
    pair.client.destroy();
    pair.upstream.destroy();
    this.#sockets.delete(pair.client);
    this.#sockets.delete(pair.upstream);
    this.#pairs.delete(pair);
  }

  cut(): void {
    this.#cut = true;
    this.#hung = false;
    this.#hangOn = null;
    for (const s of this.#sockets) s.resetAndDestroy();
    this.#sockets.clear();
    this.#pairs.clear();
  }

  restore(): void {
    this.#cut = false;
  }

  get stalled(): boolean {
    return this.#stalled;
  }

  /** Stops reading from the target: its send buffers fill and stay full. */
  stall(): void {
    this.#stalled = true;
    for (const pair of this.#pairs) this.#unpipeBack(pair);
  }

  get hung(): boolean {
    return this.#hung;
  }

  /** Nothing more goes through, either way, on any connection, old or new, until flow(). */
  hang(): void {
    this.#hung = true;
    for (const pair of this.#pairs) {
      pair.client.pause();
      this.#unpipeBack(pair);
    }
  }

  /** Hangs at the first chunk a client sends that holds `bytes` (that chunk is held too). */
  hangWhenClientSends(bytes: string): void {
    this.#hangOn = Buffer.from(bytes);
  }

  /** Ends a stall or a hang: what was held goes through, and what closed meanwhile closes. */
  flow(): void {
    this.#stalled = false;
    this.#hung = false;
    this.#hangOn = null;
    for (const pair of [...this.#pairs]) {
      if (pair.closed) {
        this.#drop(pair);
        continue;
      }
      for (const chunk of pair.held.splice(0)) pair.upstream.write(chunk);
      pair.client.resume();
      if (!pair.upstream.pending) this.#pipeBack(pair);
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Server processes on one fresh Postgres database, a Redis, and a prefix of their own. */
export class Cluster {
  readonly servers: ServerProcess[] = [];
  private constructor(
    readonly databaseUrl: string,
    readonly db: DatabaseHandle,
    readonly env: Record<string, string>,
  ) {}

  static async open(redisUrl: string | null): Promise<Cluster> {
    const databaseUrl = await postgresDatabaseUrl();
    const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 4 });
    return new Cluster(databaseUrl, db, {
      DATABASE_URL: databaseUrl,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      REDIS_PREFIX: `luot-fault-${process.pid}-${Date.now()}`,
      SESSION_SECRET,
      SEED_DEMO: 'false',
      ISSUE_RATE_PER_MINUTE: '1000000',
      SUBSCRIBE_RATE_PER_MINUTE: '1000000',
      PUBLIC_API_PER_MINUTE: '10000000',
      LOG_LEVEL: 'error',
    });
  }

  /** One more instance; `env` overrides the cluster's (DATABASE_URL through a proxy, say). */
  async start(env: Record<string, string> = {}): Promise<ServerProcess> {
    const server = await startServer({ ...this.env, ...env });
    this.servers.push(server);
    return server;
  }

  async lastSeq(centerId: number): Promise<number> {
    const row = await this.db.db
      .selectFrom('center_sequences')
      .select('last_seq')
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    return row?.last_seq ?? 0;
  }

  async close(): Promise<void> {
    for (const server of this.servers) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        const exited = once(server.child, 'exit');
        server.child.kill('SIGKILL');
        await exited;
      }
    }
    await this.db.close();
  }
}

/** Dead or refusing: the kind of failure after which a client tries another instance. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}

/**
 * A client of several instances, like a browser behind a load balancer that retries: a request
 * that finds its instance dead is sent to the next one, with the same session cookie.
 */
export class FailoverClient {
  readonly #clients: Client[];
  #at: number;
  failovers = 0;

  constructor(urls: string[], start = 0, headers: Record<string, string> = {}) {
    this.#clients = urls.map((url) => new Client(url, headers));
    this.#at = start % urls.length;
  }

  get url(): string {
    return this.#clients[this.#at]!.baseUrl;
  }

  async post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    for (let attempt = 0; ; attempt++) {
      const client = this.#clients[this.#at]!;
      try {
        const reply = await client.post<T>(path, body);
        for (const other of this.#clients) other.cookie = client.cookie;
        return reply;
      } catch (error) {
        if (!isNetworkError(error) || attempt >= this.#clients.length * 3) throw error;
        this.#at = (this.#at + 1) % this.#clients.length;
        this.failovers++;
      }
    }
  }

  async login(username: string): Promise<this> {
    const res = await this.post('/api/auth/login', { username, password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
    return this;
  }
}

/** The reason of a socket's next disconnection. */
export function nextDisconnect(socket: TestSocket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}
