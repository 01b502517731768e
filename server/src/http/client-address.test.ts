import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, compileTrustProxy } from './client-address.js';

/** A request as Node hands it over: the TCP peer and the headers. */
const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddressOf', () => {
  it('ignores X-Forwarded-For when no proxy is trusted (the default)', () => {
    const trust = compileTrustProxy([]);
    expect(clientAddressOf(request('192.0.2.10', '203.0.113.7'), trust)).toBe('192.0.2.10');
    expect(clientAddressOf(request('127.0.0.1', '203.0.113.7'), trust)).toBe('127.0.0.1');
  });

  it('believes X-Forwarded-For only from a trusted balancer, and only up to the first untrusted hop', () => {
    const trust = compileTrustProxy(['10.0.0.0/8', '127.0.0.1']);
    expect(clientAddressOf(request('10.0.0.5', '203.0.113.7'), trust)).toBe('203.0.113.7');
    // A client that sends its own header through the balancer: the balancer appends the real
    // peer, and that is the address, not what the client wrote first.
    expect(clientAddressOf(request('10.0.0.5', '1.2.3.4, 203.0.113.7'), trust)).toBe('203.0.113.7');
    // Two trusted hops (an ingress behind the balancer).
    expect(clientAddressOf(request('127.0.0.1', '203.0.113.7, 10.0.0.9'), trust)).toBe('203.0.113.7');
    // From anyone else the header is theirs to invent.
    expect(clientAddressOf(request('192.0.2.10', '203.0.113.7'), trust)).toBe('192.0.2.10');
  });

  it('matches IPv4-mapped IPv6 peers against IPv4 entries', () => {
    const trust = compileTrustProxy(['127.0.0.1']);
    expect(clientAddressOf(request('::ffff:127.0.0.1', '203.0.113.7'), trust)).toBe('203.0.113.7');
  });

  it('refuses an entry that is neither an address nor a CIDR', () => {
    expect(() => compileTrustProxy(['10.0.0.0/33'])).toThrow();
    expect(() => compileTrustProxy(['balancer.example'])).toThrow();
  });
});
