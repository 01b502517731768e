/**
 * The client's address, derived in one way for HTTP and sockets alike (DESIGN.md §14).
 * `X-Forwarded-For` is believed only from the proxies TRUST_PROXY names: from anyone else it
 * is whatever an attacker wants, and every per-address limit would count whatever they say.
 * With no trusted proxy the address is the TCP peer's.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

export type TrustProxy = (address: string, hop: number) => boolean;

const NOBODY: TrustProxy = () => false;

/** Throws on an entry that is neither an address nor a CIDR (config turns it into a ConfigError). */
export function compileTrustProxy(entries: readonly string[]): TrustProxy {
  return entries.length === 0 ? NOBODY : proxyAddr.compile([...entries]);
}

/**
 * The address of whoever sent `request`: the TCP peer, or, when the peer is a trusted proxy,
 * the nearest untrusted address of its X-Forwarded-For chain (what Fastify's `request.ip` is,
 * given the same function as `trustProxy`).
 */
export function clientAddressOf(request: IncomingMessage, trust: TrustProxy): string {
  return proxyAddr(request, trust);
}
