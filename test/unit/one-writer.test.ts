/**
 * One writer per change (issue 12 item 4): the events below are appended by one module each, so
 * their shape and who learns of them are decided once. A new use case calls that writer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SERVER = fileURLToPath(new URL('../../server/src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const WRITERS: Record<string, string> = {
  'counter.changed': 'counters/counter-events.ts',
};

it.each(Object.entries(WRITERS))('%s is appended only by %s', (type, writer) => {
  const appending = sources(SERVER)
    .filter((file) => readFileSync(file, 'utf8').includes(`type: '${type}'`))
    .map((file) => relative(SERVER, file));
  expect(appending).toEqual([writer]);
});
