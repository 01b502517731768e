/** bench/ drives the server through harness/, never through test/: a test's helper change must not move a benchmark figure. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('../../bench', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

it('no file under bench/ imports from test/', () => {
  const offenders = sources(BENCH).filter((file) =>
    /(from|import)\s*\(?\s*'(\.\.\/)+test\//.test(readFileSync(file, 'utf8')),
  );
  expect(offenders).toEqual([]);
});
