import { defineConfig } from 'vitest/config';

// Two cores: at most two workers; PGlite takes seconds to start, so hooks get room.
export default defineConfig({
  test: {
    include: ['{server,shared,displays,counter-ui,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    hookTimeout: 60_000,
    testTimeout: 30_000,
    teardownTimeout: 20_000,
  },
});
