/**
 * A preload for a server under measurement, so memory can be read "after GC" with no server
 * change: start Node with `--expose-gc --import tsx --import ./bench/memory/gc-probe.ts`, send
 * the process SIGUSR2, and it runs two full collections (with a turn of the event loop between,
 * so finalizers and weak callbacks can run) and prints one line on stderr:
 * `gc-probe rss=<bytes> heapUsed=<bytes> external=<bytes>`.
 * Without `--expose-gc` it says so once and prints the figures without collecting.
 */
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) process.stderr.write('gc-probe: started without --expose-gc; figures are not after GC\n');

process.on('SIGUSR2', () => {
  collect?.();
  setImmediate(() => {
    collect?.();
    const m = process.memoryUsage();
    process.stderr.write(`gc-probe rss=${m.rss} heapUsed=${m.heapUsed} external=${m.external}\n`);
  });
});
