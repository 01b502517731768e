import { defineConfig } from 'vitest/config';

// Two cores: at most two workers; PGlite takes seconds to start, so hooks get room.
// Browser suites run one file at a time (each drives a Chromium and a server of its own).
export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    hookTimeout: 60_000,
    testTimeout: 30_000,
    teardownTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['{server,shared,displays,counter-ui,test}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', 'test/browser/**', 'test/faults/**'],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], fileParallelism: false },
      },
      {
        extends: true,
        // Fault suites kill and restart real processes: one file at a time.
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
