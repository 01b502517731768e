/**
 * Serves the built browser pages (Lit components bundled by Vite) at their URLs, and builds
 * them first when the build is missing or older than its sources, so `npm start` just works.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WEB_OUT_DIR, WEB_PAGES, WEB_SOURCES } from '../../../shared/src/pages.js';
import type { App } from './app-type.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(PROJECT_ROOT, WEB_OUT_DIR);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  const built = WEB_PAGES.map((p) => join(outDir, p.entry));
  if (!built.every(existsSync)) return false;
  const builtAt = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return WEB_SOURCES.every((s) => newestMtime(join(PROJECT_ROOT, s)) <= builtAt);
}

/** Builds the pages with Vite when needed; returns whether it built. */
export async function ensureWebBuild(): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  const { build } = await import('vite');
  await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

/**
 * Vite names every file it emits under assets/ `[name]-[hash].[ext]` (eight base64url
 * characters); only such a name may be cached for good, since its content never changes.
 */
const HASHED = /-[A-Za-z0-9_-]{8}\.[A-Za-z0-9.]+$/;
const assetsDir = join(outDir, 'assets') + sep;

/**
 * A hashed asset is immutable for a year; everything else (the pages, and any file not named
 * by its content) is revalidated on every load, so an upgrade reaches boards and kiosks at
 * once and no page ever names an asset that is gone. @fastify/static would otherwise put
 * its own maxAge on every file it sends, pages included, over any header set before.
 */
export function cacheControlFor(path: string): string {
  return path.startsWith(assetsDir) && HASHED.test(basename(path))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

export async function webRoutes(app: App): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(outDir, 'assets'),
    prefix: '/assets/',
    // Applies to reply.sendFile too: setHeaders decides for every file sent.
    cacheControl: false,
    setHeaders: (reply, path) => reply.header('cache-control', cacheControlFor(path)),
  });
  for (const page of WEB_PAGES) {
    const file = join(outDir, page.entry);
    const send = (_request: FastifyRequest, reply: FastifyReply) => {
      if (!existsSync(file)) {
        return reply
          .status(503)
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send('This page has not been built yet: run `npm run build` (npm start does it for you).');
      }
      return reply.sendFile(page.entry, outDir);
    };
    app.get(page.url, { schema: { hide: true } }, send);
    if (page.url.endsWith('/')) {
      // The query goes along: /display?center=1 is that center's board, not a board of none.
      app.get(page.url.slice(0, -1), { schema: { hide: true } }, (request, reply) => {
        const query = request.url.indexOf('?');
        return reply.redirect(query < 0 ? page.url : `${page.url}${request.url.slice(query)}`);
      });
    }
  }
}
