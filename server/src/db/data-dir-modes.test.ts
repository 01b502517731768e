/** restrictDataDir clears group and other bits everywhere under DATA_DIR, and nothing else. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { restrictDataDir } from './data-dir-modes.js';

const root = mkdtempSync(join(tmpdir(), 'luot-modes-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

it('makes directories 0700 and files 0600 at most, keeps owner bits, leaves symlinks’ targets alone', () => {
  const dir = join(root, 'data');
  mkdirSync(join(dir, 'pglite', 'base'), { recursive: true });
  writeFileSync(join(dir, 'pglite', 'base', 'rel'), 'x');
  writeFileSync(join(dir, 'tool'), 'x');
  const outside = join(root, 'outside');
  writeFileSync(outside, 'x');
  symlinkSync(outside, join(dir, 'link'));
  for (const [path, m] of [
    [dir, 0o755],
    [join(dir, 'pglite'), 0o775],
    [join(dir, 'pglite', 'base'), 0o777],
    [join(dir, 'pglite', 'base', 'rel'), 0o644],
    [join(dir, 'tool'), 0o755],
    [outside, 0o644],
  ] as const) {
    chmodSync(path, m);
  }

  expect(restrictDataDir(dir)).toHaveLength(5);
  expect(mode(dir)).toBe(0o700);
  expect(mode(join(dir, 'pglite', 'base'))).toBe(0o700);
  expect(mode(join(dir, 'pglite', 'base', 'rel'))).toBe(0o600);
  expect(mode(join(dir, 'tool'))).toBe(0o700);
  expect(mode(outside)).toBe(0o644);
  expect(restrictDataDir(dir)).toEqual([]); // a tight directory: nothing to say at start
});
