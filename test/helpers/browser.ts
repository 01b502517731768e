/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh
 * profile per launch (Playwright's own temporary one), and the built pages. Without Chromium the browser suites skip loudly,
 * except with CI=true where they must run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../server/src/http/web-pages.js';
import { CHROMIUM_PATH, IN_CI, missingServiceNotice } from './services.js';

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

export function browserSuitesRun(): boolean {
  if (hasChromium()) return true;
  if (IN_CI) return true; // and fail in launch, loudly
  console.warn(missingServiceNotice('Chromium', CHROMIUM_PATH));
  return false;
}

export interface TestBrowser {
  /** A fresh context at 1280×800 unless `options` say otherwise (a viewport, a timezoneId …). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Chromium as the guide says; Playwright gives each launch a fresh temporary profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  await ensureWebBuild();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    newContext: (options = {}) => browser.newContext({ viewport: { width: 1280, height: 800 }, ...options }),
    close: () => browser.close(),
  };
}

/**
 * Runs a script file (axe-core, jsQR) in the page through the DevTools protocol: the pages'
 * CSP forbids inline scripts, and a test tool must not need the CSP loosened.
 */
export async function injectScript(page: Page, path: string): Promise<void> {
  await page.evaluate(readFileSync(path, 'utf8'));
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The ids of axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await injectScript(page, axePath);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    return axe.run();
  });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}
