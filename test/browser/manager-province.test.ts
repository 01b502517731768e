/**
 * The province overview in Chromium: an admin sees every center side by side, the waiting
 * count follows a ticket issued through the API without a reload, clicking a heading sorts
 * the rows and says so with aria-sort, a manager is refused, and axe finds nothing serious.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/manager/province`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe.runIf(browserSuitesRun())('province overview in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let second: CenterFixture;
  const figure = (centerId: number, name: string) =>
    page.locator(`tr[data-center="${centerId}"] [data-figure="${name}"]`);
  const rowOrder = () =>
    page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-center'))));
  const heading = (name: string) => page.locator('thead th').filter({ hasText: name });

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    second = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'manager', count: 1 }],
    });
    for (let i = 0; i < 2; i++) {
      await new Client(app.url).post(`/api/centers/${second.centerId}/tickets`, {
        serviceId: second.serviceIds.A,
      });
    }
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('shows every center side by side, each linking to its dashboard', async () => {
    await signIn(page, app.url, 'admin');
    await page.getByText('Trực tiếp', { exact: true }).waitFor();
    await figure(1, 'waiting').filter({ hasText: /^0$/ }).waitFor();
    await figure(second.centerId, 'waiting').filter({ hasText: /^2$/ }).waitFor();
    const link = page.getByRole('link', { name: 'Trung tâm Hành chính công TP Uông Bí' });
    expect(await link.getAttribute('href')).toBe('/manager/?center=1');
    expect(await page.locator(`tr[data-center="${second.centerId}"] a`).getAttribute('href')).toBe(
      `/manager/?center=${second.centerId}`,
    );
  });

  it('follows a ticket issued through the API without a reload', async () => {
    const issued = await new Client(app.url).post('/api/centers/1/tickets', { serviceId: 1 });
    expect(issued.status).toBe(201);
    await figure(1, 'waiting').filter({ hasText: /^1$/ }).waitFor();
  });

  it('sorts by a column when its heading is clicked and says so with aria-sort', async () => {
    // Most waiting first by default: the second center (2) above the demo center (1).
    expect(await heading('Đang chờ').getAttribute('aria-sort')).toBe('descending');
    expect(await rowOrder()).toEqual([second.centerId, 1]);
    await heading('Đang chờ').getByRole('button').click();
    await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'Đang chờ' }).waitFor();
    expect(await rowOrder()).toEqual([1, second.centerId]);

    await heading('Trung tâm').getByRole('button').click();
    await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'Trung tâm' }).waitFor();
    expect(await heading('Đang chờ').getAttribute('aria-sort')).toBe('none');
    await heading('Trung tâm').getByRole('button').click();
    await page.locator('th[aria-sort="descending"]').filter({ hasText: 'Trung tâm' }).waitFor();
    // "Trung tâm Hành chính…" sorts after "Trung tâm f…", so descending puts it first.
    expect(await rowOrder()).toEqual([1, second.centerId]);

    // Keyboard too: the heading's button takes Enter.
    await heading('Đang chờ').getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.locator('th[aria-sort="descending"]').filter({ hasText: 'Đang chờ' }).waitFor();
    expect(await rowOrder()).toEqual([second.centerId, 1]);
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      await page.screenshot({ path: 'docs/screenshots/manager-province.png', fullPage: true });
    }
  });

  it('has no serious accessibility violations', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a manager', async () => {
    const other = await (await browser.newContext()).newPage();
    await signIn(other, app.url, 'manager');
    await other.getByText('Chỉ quản trị viên cấp tỉnh mới xem được trang này.').waitFor();
    expect(await other.locator('tbody tr').count()).toBe(0);
  });
});
