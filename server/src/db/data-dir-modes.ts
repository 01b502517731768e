/**
 * The embedded data directory holds password hashes, the VAPID private key and phone numbers:
 * only its owner may read it. DATA_DIR and every directory in it end 0700, every file 0600
 * (group and other bits cleared, owner bits kept). Measured with PGlite 0.4: its first start
 * unpacks the cluster with the process umask (0755 / 0644 under the usual 022), while the files
 * PostgreSQL makes afterwards are 0600 and its directories 0700. So this runs before PGlite opens
 * (a directory left loose by an earlier version or by hand, which the caller logs) and once after
 * (PGlite's freshly unpacked files). The directory's own 0700 is what shuts others out meanwhile.
 */
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function tighten(path: string, changed: string[]): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return; // its target is not ours to change
  if (stat.mode & 0o077) {
    chmodSync(path, stat.mode & 0o700);
    changed.push(path);
  }
  if (stat.isDirectory())
    for (const name of readdirSync(path)) tolerateGone(() => tighten(join(path, name), changed));
}

/** A temporary file PGlite removes while the walk runs is no longer anyone's to read. */
function tolerateGone(step: () => void): void {
  try {
    step();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Clears group and other bits under `dir`, itself included; returns the paths it changed. */
export function restrictDataDir(dir: string): string[] {
  const changed: string[] = [];
  tighten(dir, changed);
  return changed;
}
