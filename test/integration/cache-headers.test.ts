/**
 * What browsers may keep (issue 10, item 8): every page is revalidated on each load
 * (`no-cache`), so an upgrade reaches boards and kiosks at once; only Vite's hashed assets are
 * immutable. The service worker, the manifest and the un-hashed icons are never immutable.
 * Reads the real build (built first when missing, as the browser suites do).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cacheControlFor, ensureWebBuild, PROJECT_ROOT } from '../../server/src/http/web-pages.js';
import { WEB_OUT_DIR, WEB_PAGES, WEB_WORKERS } from '../../shared/src/pages.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  await ensureWebBuild();
  database = await openTestDatabase('pglite');
  app = await startTestApp(database);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = async (path: string) => {
  const res = await fetch(app.url + path, { redirect: 'manual' });
  return { status: res.status, cache: res.headers.get('cache-control'), text: await res.text() };
};

it('sends every page with no-cache, and every asset a page names as immutable', async () => {
  const assets = new Set<string>();
  for (const page of WEB_PAGES) {
    const reply = await get(page.url);
    expect(reply.status, page.url).toBe(200);
    expect(reply.cache, page.url).toBe('no-cache');
    for (const [, url] of reply.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(url!);
  }
  expect(assets.size).toBeGreaterThan(WEB_PAGES.length);
  for (const url of assets) {
    const reply = await get(url);
    expect(reply.status, url).toBe(200);
    expect(reply.cache, url).toBe(IMMUTABLE);
  }
});

it('never lets the service worker, the manifest or the icons be cached for good', async () => {
  for (const worker of WEB_WORKERS) {
    const reply = await get(worker.url);
    expect(reply.status, worker.url).toBe(200);
    expect(reply.cache, worker.url).toBe('no-cache');
  }
  const manifest = await get('/ticket/manifest.webmanifest');
  expect(manifest.status).toBe(200);
  expect(manifest.cache).toBe('no-cache');
  for (const icon of ['/ticket/icon-192.png', '/ticket/icon-512.png', '/ticket/icon.svg']) {
    const reply = await get(icon);
    expect(reply.status, icon).toBe(200);
    expect(reply.cache ?? '', icon).not.toContain('immutable');
  }
});

it('keeps a file under assets/ that is not named by its hash out of the immutable cache', () => {
  const assets = join(PROJECT_ROOT, WEB_OUT_DIR, 'assets');
  expect(cacheControlFor(join(assets, 'board-CdrYjJR3.js'))).toBe(IMMUTABLE);
  expect(cacheControlFor(join(assets, 'chime-BXGy-Wkx.ogg'))).toBe(IMMUTABLE);
  expect(cacheControlFor(join(assets, 'board-CdrYjJR3.js.map'))).toBe(IMMUTABLE);
  expect(cacheControlFor(join(assets, 'robots.txt'))).toBe('no-cache');
  expect(cacheControlFor(join(assets, 'board.js'))).toBe('no-cache');
  // A page's HTML is never immutable, whatever its name.
  expect(cacheControlFor(join(PROJECT_ROOT, WEB_OUT_DIR, WEB_PAGES[0]!.entry))).toBe('no-cache');
});

it('answers an asset that is gone (an old page after an upgrade) with 404, not a cached page', async () => {
  const reply = await get('/assets/board-XXXXXXXX.js');
  expect(reply.status).toBe(404);
  expect(reply.cache ?? '').not.toContain('immutable');
});

it('redirects a page asked for without its slash to the page, its query kept', async () => {
  const res = await fetch(`${app.url}/display?center=1`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toBe('/display/?center=1');
  const bare = await fetch(`${app.url}/counter`, { redirect: 'manual' });
  expect(bare.headers.get('location')).toBe('/counter/');
});
