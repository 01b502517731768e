import { defineConfig } from 'vitest/config';

// Two cores: at most two workers; PGlite takes seconds to start, so hooks get room.
// Browser suites run one file at a time (each drives a Chromium and a server of its own).
// Node and browser files share their worker's module cache (isolate: false): re-importing the
// server's module graph for each of ~100 files cost more than half of the node project's time
// (308 s → 148 s wall, measured on this 2-core box). Every file starts its own app and database,
// so no test relies on a fresh module. Fault suites kill and restart processes: kept isolated.
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
          isolate: false,
          // Projects run one after another, in this order (Vitest runs a group at a time).
          sequence: { groupOrder: 0 },
          include: ['{server,shared,displays,counter-ui,test}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', 'test/browser/**', 'test/faults/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          fileParallelism: false,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        // Fault suites kill and restart real processes: one file at a time.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
