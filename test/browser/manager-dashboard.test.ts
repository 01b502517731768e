/**
 * The manager's live floor in Chromium: figures follow tickets issued and called through
 * the API without a reload, an SLA breach shows up highlighted and in the alert list, a
 * service people wait for with no open counter serving it is raised as an alert until one
 * opens, a clerk is refused, and the page has no serious accessibility violations.
 */
import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/manager/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

describe.runIf(browserSuitesRun())('manager dashboard in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  const issue = (serviceId: number) => new Client(app.url).post('/api/centers/1/tickets', { serviceId });
  const waitingOf = (code: string) => page.locator(`tr[data-service="${code}"] [data-figure="waiting"]`);

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('follows issues and calls live, without a reload', async () => {
    await signIn(page, app.url, 'manager');
    await page.getByText('Trực tiếp', { exact: true }).waitFor();
    await waitingOf('A').filter({ hasText: /^0$/ }).waitFor();
    await issue(1);
    await issue(1);
    await waitingOf('A').filter({ hasText: /^2$/ }).waitFor();
    // Every counter is closed: two people wait for A and nobody serves it (issue 11 item 3).
    const unserved = page.getByRole('alert').filter({ hasText: 'Có người chờ nhưng chưa có quầy phục vụ' });
    await unserved.locator('[data-unserved="A"]').filter({ hasText: '2 người chờ' }).waitFor();

    const clerk = await new Client(app.url).login('clerk1');
    await clerk.post('/api/counters/1/open');
    await unserved.waitFor({ state: 'detached' });
    await clerk.post('/api/counters/1/call-next');
    await page.locator('tr[data-counter="1"]').filter({ hasText: 'Đang gọi A001' }).waitFor();
    await page.locator('tr[data-counter="1"]').filter({ hasText: 'clerk1' }).waitFor();
    await waitingOf('A').filter({ hasText: /^1$/ }).waitFor();
  });

  it('draws its chart in Vietnamese 24-hour time, with the y axis scaled to the people waiting (issue 11 item 6)', async () => {
    const chart = page.locator('luot-timeline-chart');
    await chart.locator('.u-legend').getByText('Giờ', { exact: true }).waitFor();
    await expect(chart.locator('.u-legend').getByText('Time', { exact: true }).count()).resolves.toBe(0);
    // One person waits (from the first test): an axis to 5, not 0–100.
    await chart.locator('.plot[data-y-top="5"]').waitFor();
    await chart.locator('.u-over').scrollIntoViewIfNeeded();
    const box = await chart.locator('.u-over').boundingBox();
    if (!box) throw new Error('the chart has no plot area');
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    const at = chart.locator('.u-legend tr').first().locator('.u-value');
    await at.filter({ hasText: /\d{2}:\d{2}/ }).waitFor();
    expect(await at.textContent()).not.toMatch(/am|pm|SA|CH/i);
    await page.mouse.move(0, 0);
  });

  it('highlights a service past its target and lists the ticket in the alerts', async () => {
    // A002 has waited 25 minutes of a 20-minute target; the next change refreshes the floor.
    await sql`UPDATE tickets SET issued_at = now() - interval '25 minutes' WHERE number = 'A002'`.execute(
      database.db,
    );
    await issue(2);
    await page.locator('tr.breached[data-service="A"]').waitFor();
    await page.getByRole('log').filter({ hasText: 'A002' }).waitFor();
    expect(await page.locator('tr.breached').count()).toBe(1);
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      await page.setViewportSize({ width: 1440, height: 1100 });
      await page.screenshot({ path: 'docs/screenshots/manager-dashboard.png', fullPage: true });
    }
  });

  it('raises an alert while someone waits for a service no open counter serves, until one opens', async () => {
    // B's ticket (issued above) waits; only Quầy 1 (A) is open.
    const unserved = page.getByRole('alert').filter({ hasText: 'Có người chờ nhưng chưa có quầy phục vụ' });
    const b = unserved.locator('[data-unserved="B"]');
    await b.filter({ hasText: 'B · Đất đai' }).filter({ hasText: '1 người chờ' }).waitFor();
    expect(await unserved.locator('[data-unserved]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: 'test-results/manager-dashboard-unserved.png' });
    const clerk = await new Client(app.url).login('clerk4');
    expect((await clerk.post('/api/counters/4/open')).status).toBe(200);
    await unserved.waitFor({ state: 'detached' });
    // Paused serves nobody either: the alert is back.
    expect((await clerk.post('/api/counters/4/pause', { reason: 'break' })).status).toBe(200);
    await b.waitFor();
  });

  it('has no serious accessibility violations', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a clerk', async () => {
    const other = await (await browser.newContext()).newPage();
    await signIn(other, app.url, 'clerk2');
    await other.getByText('Tài khoản này không có quyền xem trang điều hành của trung tâm.').waitFor();
  });
});
