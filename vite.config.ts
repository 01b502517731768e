/** The browser build (kept apart from vitest.config.ts): one HTML entry per page. */
import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig } from 'vite';
import { WEB_OUT_DIR, WEB_PAGES, WEB_WORKERS } from './shared/src/pages.js';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  // Always Lit's production build, even when a test run (NODE_ENV=test) triggers the build.
  resolve: {
    conditions: [...defaultClientConditions.filter((c) => c !== 'development|production'), 'production'],
  },
  build: {
    outDir: WEB_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: Object.fromEntries([
        ...WEB_PAGES.map((p) => [p.url.replaceAll('/', '') || 'root', resolve(p.entry)]),
        ...WEB_WORKERS.map((w) => [w.file, resolve(w.entry)]),
      ]),
      // Workers keep their fixed name (their URL is their identity); everything else is hashed.
      output: {
        entryFileNames: (chunk) =>
          WEB_WORKERS.some((w) => w.file === chunk.name) ? '[name]' : 'assets/[name]-[hash].js',
      },
    },
  },
});
