/**
 * What a public face needs to know about the deployment: the public URL that QR codes on
 * printed tickets point to. PUBLIC_URL when set; otherwise the host the request was sent to,
 * except that a loopback host (a kiosk opened at 127.0.0.1 on the server itself) is replaced by
 * the machine's LAN address, since a citizen's phone cannot reach the server's own loopback.
 * `configured` says which it is, so a manager can see that PUBLIC_URL is not set.
 */
import { Type } from 'typebox';
import type { PublicConfig as PublicConfigReply } from '../../../shared/src/api/config.js';
import type { App } from './app-type.js';
import { lanAddress } from './lan-address.js';

const PublicConfig = Type.Object({
  publicUrl: Type.String({ description: 'the origin QR codes and links point to' }),
  configured: Type.Boolean({
    description: 'true when PUBLIC_URL is set; false when derived from the request',
  }),
});

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\])$/i;

/** The request's origin, with a loopback host swapped for the LAN address (same port). */
export function originForPhones(protocol: string, host: string, lan: string | null): string {
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}`);
  } catch {
    // A Host no URL can hold (junk from a client or a proxy): fall back to what a phone can reach.
    url = new URL(`http://${lan ?? 'localhost'}`);
  }
  if (lan && LOOPBACK.test(url.hostname)) url.hostname = lan;
  return url.origin;
}

export function publicConfigRoutes(app: App, publicUrl: string | null): void {
  const configured = publicUrl?.replace(/\/+$/, '') ?? null;
  app.get(
    '/api/public-config',
    {
      schema: {
        tags: ['centers'],
        summary: 'The public URL that printed QR codes point to',
        response: { 200: PublicConfig },
      },
    },
    (request): PublicConfigReply => ({
      publicUrl: configured ?? originForPhones(request.protocol, request.host, lanAddress()),
      configured: configured !== null,
    }),
  );
}
