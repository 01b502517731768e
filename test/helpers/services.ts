/**
 * Which real services this run has. With CI=true a missing one is a failure, never a skip;
 * on a developer's machine without it, the suites that need it are skipped with a loud notice.
 * The addresses and the reachability check live in harness/, shared with bench/.
 */
export { POSTGRES_ADMIN_URL, REDIS_URL, reachable } from '../../harness/services.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true';

export function missingServiceNotice(what: string, url: string): string {
  const bar = '!'.repeat(78);
  return `\n${bar}\n!! ${what} is not reachable at ${url}:\n!! the tests that need it are SKIPPED on this machine.\n!! With CI=true they fail instead. Start it and run the tests again.\n${bar}\n`;
}
