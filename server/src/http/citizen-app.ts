/**
 * What makes the citizen page an installable web app: its manifest (start URL with the
 * citizen's own ticket, so the home-screen icon opens it), its icons, and its service worker
 * (built by Vite under a fixed name; served from /ticket/ so its scope covers the pages there).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Type } from 'typebox';
import { LOCALES } from '../../../shared/src/i18n/catalogue.js';
import { CITIZEN_MESSAGES } from '../../../shared/src/i18n/citizen.js';
import { WEB_OUT_DIR, WEB_WORKERS } from '../../../shared/src/pages.js';
import type { App } from './app-type.js';
import { Token } from './schemas.js';
import { PROJECT_ROOT } from './web-pages.js';

const ICONS = [
  { file: 'icon-192.png', sizes: '192x192', type: 'image/png' },
  { file: 'icon-512.png', sizes: '512x512', type: 'image/png' },
  { file: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
] as const;

const ManifestQuery = Type.Object(
  { t: Type.Optional(Token), lang: Type.Optional(Type.Enum(LOCALES)) },
  { additionalProperties: false },
);

export function citizenAppRoutes(app: App): void {
  app.get(
    '/ticket/manifest.webmanifest',
    { schema: { hide: true, querystring: ManifestQuery } },
    (request, reply) => {
      const { t, lang = 'vi' } = request.query;
      const words = CITIZEN_MESSAGES[lang];
      return reply
        .type('application/manifest+json; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send({
          id: '/ticket/',
          name: words['manifest.name'],
          short_name: words['app.name'],
          description: words['manifest.description'],
          lang,
          start_url: t ? `/ticket/?t=${t}` : '/ticket/',
          scope: '/ticket/',
          display: 'standalone',
          background_color: '#eef1f5',
          theme_color: '#0b3d6e',
          icons: ICONS.map((i) => ({
            src: `/ticket/${i.file}`,
            sizes: i.sizes,
            type: i.type,
            purpose: 'any',
          })),
        });
    },
  );

  for (const icon of ICONS) {
    app.get(`/ticket/${icon.file}`, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(icon.type)
        .header('cache-control', 'public, max-age=86400')
        .send(await readFile(join(PROJECT_ROOT, 'displays/static', icon.file))),
    );
  }

  // Every browser asks for /favicon.ico on every page; a PNG there is read by all of them.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('image/png')
      .header('cache-control', 'public, max-age=86400')
      .send(await readFile(join(PROJECT_ROOT, 'displays/static', 'icon-192.png'))),
  );

  for (const worker of WEB_WORKERS) {
    app.get(worker.url, { schema: { hide: true } }, async (_request, reply) => {
      const source = await readFile(join(PROJECT_ROOT, WEB_OUT_DIR, worker.file)).catch(() => null);
      if (!source)
        return reply.status(503).type('text/plain; charset=utf-8').send('not built yet: npm run build');
      // A service worker is checked for updates on every visit: it must never be cached long.
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(source);
    });
  }
}
