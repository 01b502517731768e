/**
 * The staff navigation bar in Chromium (DESIGN.md §15): for a clerk, a manager and an admin,
 * every staff page shows exactly the links the role may open, each link goes to its page and
 * that page marks itself current; the bar works from the keyboard, keeps the center being
 * looked at, names the person by their full name, signs out, keeps every open staff page in the
 * language chosen in one, and axe finds nothing serious on
 * any staff page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../shared/src/staff-pages.js';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

const LINKS: Record<StaffRole, string[]> = {
  clerk: ['Quầy'],
  manager: ['Quầy', 'Tổng quan', 'Báo cáo', 'Cấu hình'],
  admin: ['Quầy', 'Tổng quan', 'Báo cáo', 'Cấu hình', 'Toàn tỉnh'],
};
const PATHS: Record<string, string> = {
  Quầy: '/counter/',
  'Tổng quan': '/manager/',
  'Báo cáo': '/manager/reports',
  'Cấu hình': '/manager/config',
  'Toàn tỉnh': '/manager/province',
};

const nav = (page: Page) => page.locator('luot-staff-nav nav');
const links = (page: Page) => nav(page).locator('a').allTextContents();
const current = (page: Page) => nav(page).locator('a[aria-current="page"]');

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await current(page).waitFor();
}

describe.runIf(browserSuitesRun())('staff navigation in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let f: CenterFixture;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [
        { role: 'clerk', count: 1 },
        { role: 'manager', count: 1 },
        { role: 'admin', count: 1 },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  for (const role of ['clerk', 'manager', 'admin'] as const) {
    it(`shows a ${role} exactly the pages the role opens, each marking itself current`, async () => {
      const page = await (await browser.newContext()).newPage();
      page.setDefaultTimeout(10_000);
      const start = role === 'clerk' ? '/counter/' : `/manager/?center=${f.centerId}`;
      await signIn(page, `${app.url}${start}`, f.usernames[role][0]!);
      expect(await links(page)).toEqual(LINKS[role]);
      for (const label of LINKS[role]) {
        await nav(page).getByRole('link', { name: label, exact: true }).click();
        await page.waitForURL((u) => u.pathname === PATHS[label]);
        await current(page).filter({ hasText: label }).waitFor();
        expect(await current(page).count()).toBe(1);
        expect(await links(page)).toEqual(LINKS[role]);
        expect(await seriousViolations(page), `${role} on ${label}`).toEqual([]);
      }
      await page.context().close();
    });
  }

  it('keeps the center in the links of per-center pages', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, `${app.url}/manager/?center=${f.centerId}`, f.usernames.admin[0]!);
    const hrefs = await nav(page)
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      '/counter/',
      `/manager/?center=${f.centerId}`,
      `/manager/reports?center=${f.centerId}`,
      `/manager/config?center=${f.centerId}`,
      '/manager/province',
    ]);
    await page.context().close();
  });

  it('works from the keyboard, and signs out', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, `${app.url}/manager/config?center=${f.centerId}`, f.usernames.manager[0]!);
    // From the bar's first link, Tab walks the links in order and Enter follows one.
    await nav(page).getByRole('link', { name: 'Quầy' }).focus();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim() ?? null;
      });
    expect(await focused()).toBe('Tổng quan');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Báo cáo');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/manager/reports');
    await current(page).filter({ hasText: 'Báo cáo' }).waitFor();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(await nav(page).count()).toBe(0);
    await page.context().close();
  });

  it('names the clerk by full name, after a reload too, and an unnamed account by username', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    const user = page.locator('luot-staff-nav .user');
    await signIn(page, `${app.url}/counter/`, 'clerk1');
    expect(await user.textContent()).toBe('Nguyễn Thị Lan');
    await page.reload();
    await current(page).waitFor();
    expect(await user.textContent()).toBe('Nguyễn Thị Lan');
    expect(await page.locator('luot-staff-nav header').textContent()).not.toContain('clerk1');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signIn(page, `${app.url}/counter/`, f.usernames.clerk[0]!);
    expect(await user.textContent()).toBe(f.usernames.clerk[0]);
    await page.context().close();
  });

  it('speaks English on request', async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, `${app.url}/manager/?center=${f.centerId}`, f.usernames.manager[0]!);
    await page.getByRole('button', { name: 'English' }).click();
    await nav(page).getByRole('link', { name: 'Reports' }).waitFor();
    expect(await links(page)).toEqual(['Counter', 'Overview', 'Reports', 'Configuration']);
    expect(await nav(page).getAttribute('aria-label')).toBe('Staff pages');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.context().close();
  });

  it('keeps every open staff page in the language chosen in one of them, and after a reload', async () => {
    const context = await browser.newContext();
    const dashboard = await context.newPage();
    dashboard.setDefaultTimeout(10_000);
    await signIn(dashboard, `${app.url}/manager/?center=${f.centerId}`, f.usernames.manager[0]!);
    const reports = await context.newPage(); // another tab, same session
    reports.setDefaultTimeout(10_000);
    await reports.goto(`${app.url}/manager/reports?center=${f.centerId}`);
    await current(reports).waitFor();
    await dashboard.getByRole('button', { name: 'English' }).click();
    await nav(reports).getByRole('link', { name: 'Reports' }).waitFor(); // followed at once
    expect(await reports.evaluate(() => document.documentElement.lang)).toBe('en');
    await reports.reload();
    await nav(reports).getByRole('link', { name: 'Reports' }).waitFor(); // remembered
    await reports.getByRole('button', { name: 'Tiếng Việt' }).click();
    await nav(dashboard).getByRole('link', { name: 'Báo cáo' }).waitFor();
    await context.close();
  });
});
