/**
 * Stand-ins for what citizen notifications talk to, on this machine and without the internet:
 * a Web Push service over HTTPS (a self-signed certificate made by openssl for 127.0.0.1, and
 * the CA an https.Agent must trust to reach it), a fake SMS provider over HTTP, and a browser's
 * side of a push subscription (a P-256 key pair and auth secret) that can decrypt what arrives.
 */
import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Agent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ece from 'http_ece';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Records every request; `received(n)` resolves once n have arrived (no sleeping). */
class Recorder {
  readonly requests: Received[] = [];
  #waiters: { n: number; resolve: () => void }[] = [];

  record(request: Received): void {
    this.requests.push(request);
    this.#waiters = this.#waiters.filter((w) => {
      if (this.requests.length < w.n) return true;
      w.resolve();
      return false;
    });
  }

  received(n: number): Promise<Received[]> {
    if (this.requests.length >= n) return Promise.resolve(this.requests.slice(0, n));
    return new Promise((resolve) =>
      this.#waiters.push({ n, resolve: () => resolve(this.requests.slice(0, n)) }),
    );
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface StandInPushService extends Recorder {
  /** https://127.0.0.1:port */
  origin: string;
  /** Trusts the stand-in's certificate, and nothing else beyond the usual roots. */
  agent: Agent;
  /** What the stand-in answers from now on (201 Created, or 410 Gone for an expired subscription). */
  status: number;
  close(): Promise<void>;
}

export async function startPushService(): Promise<StandInPushService> {
  const dir = mkdtempSync(join(tmpdir(), 'luot-push-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'));
  const key = readFileSync(join(dir, 'key.pem'));
  rmSync(dir, { recursive: true, force: true });
  const recorder = new Recorder();
  const service = Object.assign(recorder, { status: 201 }) as StandInPushService;
  const server = createHttpsServer({ cert, key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      response.writeHead(service.status).end();
      recorder.record({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
    });
  });
  const port = await listen(server as unknown as Server);
  const agent = new Agent({ ca: cert, keepAlive: false });
  service.origin = `https://127.0.0.1:${port}`;
  service.agent = agent;
  service.close = async () => {
    agent.destroy();
    await closeServer(server as unknown as Server);
  };
  return service;
}

export interface FakeSms extends Recorder {
  url: string;
  /** The JSON bodies received, in order. */
  messages(): { to: string; text: string }[];
  close(): Promise<void>;
}

export async function startFakeSms(): Promise<FakeSms> {
  const recorder = new Recorder();
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
      recorder.record({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
    });
  });
  const port = await listen(server);
  return Object.assign(recorder, {
    url: `http://127.0.0.1:${port}/sms`,
    messages: () => recorder.requests.map((r) => JSON.parse(r.body.toString('utf8'))),
    close: () => closeServer(server),
  });
}

/** A browser's side of a push subscription: what it sends the server, and how it reads a push. */
export class BrowserSubscription {
  readonly #ecdh: ECDH = createECDH('prime256v1');
  readonly #auth = randomBytes(16);

  constructor(readonly endpoint: string) {
    this.#ecdh.generateKeys();
  }

  toJSON() {
    return {
      endpoint: this.endpoint,
      keys: {
        p256dh: this.#ecdh.getPublicKey().toString('base64url'),
        auth: this.#auth.toString('base64url'),
      },
    };
  }

  /** The plaintext of an aes128gcm push body (RFC 8291), decrypted with this subscription's keys. */
  decrypt(body: Buffer): string {
    return ece
      .decrypt(body, { version: 'aes128gcm', privateKey: this.#ecdh, authSecret: this.#auth })
      .toString('utf8');
  }
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292): the JWT is ES256-signed by the
 * key given, names the push service's origin as audience and has not expired. Returns its claims.
 */
export function verifyVapid(authorization: string | undefined, expectedKey: string) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  if (key !== expectedKey) throw new Error('signed with another key');
  const [header, claims, signature] = jwt.split('.') as [string, string, string];
  const raw = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('VAPID signature does not verify');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg: string },
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
      aud: string;
      exp: number;
      sub: string;
    },
  };
}
