/**
 * Where a device's token travels: an HttpOnly cookie the pairing sets (browsers), or, for
 * devices that cannot keep cookies, `Authorization: Bearer <token>` on HTTP and
 * `auth: { deviceToken }` in the Socket.IO handshake. Only its SHA-256 is ever stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEVICE_TOKEN_COOKIE = 'luot_device_token';
/** Browsers cap a cookie's life at 400 days; re-set whenever the device asks for its status. */
export const DEVICE_COOKIE_SECONDS = 400 * 24 * 3600;

/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const newDeviceToken = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** HttpOnly, SameSite=Strict, for the whole site; Secure over TLS (as staff sessions decide). */
export function setDeviceCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(DEVICE_TOKEN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: DEVICE_COOKIE_SECONDS,
  });
}

const wellFormed = (value: unknown): string | null =>
  typeof value === 'string' && TOKEN.test(value) ? value : null;

/** The device token an HTTP request carries (cookie first), or null. */
export function tokenOfRequest(request: FastifyRequest): string | null {
  const cookie = wellFormed(request.cookies[DEVICE_TOKEN_COOKIE]);
  if (cookie) return cookie;
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? wellFormed(header.slice(7)) : null;
}

export interface Handshake {
  headers: { cookie?: string | undefined };
  auth: Record<string, unknown>;
}

/** A cookie of the Socket.IO handshake (the browser sends the page's cookies with it). */
export function handshakeCookie(handshake: Handshake, name: string): string | null {
  const header = handshake.headers.cookie;
  if (!header || header.length > 8192) return null;
  return fastifyCookie.parse(header)[name] ?? null;
}

/** The device token a socket carries (`auth.deviceToken` first, then the cookie), or null. */
export function tokenOfHandshake(handshake: Handshake): string | null {
  return (
    wellFormed(handshake.auth.deviceToken) ?? wellFormed(handshakeCookie(handshake, DEVICE_TOKEN_COOKIE))
  );
}
