/**
 * Security headers and the Content Security Policy (issue 6, Security 2), via @fastify/helmet.
 * The pages are Vite modules under /assets with no inline script, so scripts are 'self' only.
 * Styles keep 'unsafe-inline': each page's index.html has a small <style> for the page
 * background, and some templates set style attributes; nothing executes from a style.
 * /docs (Swagger UI) gets a policy of its own, scoped to its routes.
 * HSTS only when PUBLIC_URL is https: a plain-http LAN install must not be pinned to TLS.
 * Whatever does not say how it may be cached is `no-store`.
 */
import helmet from '@fastify/helmet';
import type { App } from './app-type.js';

type Directives = Record<string, string[]>;

export function pageDirectives(publicUrl: string | null): Directives {
  const sockets: string[] = [];
  if (publicUrl) {
    // 'self' covers same-origin ws:/wss: in current browsers; the public origin is named for older ones.
    const url = new URL(publicUrl);
    sockets.push(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
  }
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...sockets],
    'media-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** Swagger UI: its bundle injects styles and loads fonts and images as data: URLs. */
const DOCS_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const policy = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

export const CSP_HEADER = 'content-security-policy';

export async function registerSecurityHeaders(app: App, publicUrl: string | null): Promise<void> {
  const https = publicUrl?.startsWith('https:') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: pageDirectives(publicUrl) },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  // A response that says nothing of caching is not to be kept, by the browser or any cache
  // between (a hall's proxy): API answers carry a citizen's ticket and position, the staff's
  // lists and reports. Pages and assets say what they may keep (web-pages.ts).
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  const docsPolicy = policy(DOCS_DIRECTIVES);
  // After helmet's own onRequest hooks: the /docs routes (by pattern, not raw URL) get theirs.
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === '/docs' || route?.startsWith('/docs/')) reply.header(CSP_HEADER, docsPolicy);
  });
}
