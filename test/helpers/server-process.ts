/** Kept so tests import their helpers from one folder; the code lives in harness/, shared with bench/. */
export {
  type ServerProcess,
  type SpawnOptions,
  spawnServer,
  startServer,
} from '../../harness/server-process.js';
