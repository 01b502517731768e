/**
 * The configuration page in Chromium: a manager edits a service's target wait and sees it
 * saved; bad input (a code "1A", issuing hours 17:00–08:00, a taken counter number) is refused
 * with the message beside the field and nothing saved; no serious accessibility violations.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

describe.runIf(browserSuitesRun())('manager configuration in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let f: CenterFixture;

  const serviceRow = (code: string) => page.locator(`tr[data-service="${code}"]`);
  const servicesOf = () =>
    database.db
      .selectFrom('services')
      .select(['code', 'sla_minutes', 'issuing_hours'])
      .where('center_id', '=', f.centerId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A', 'B'], ['B']],
      staff: [{ role: 'manager', count: 1 }],
    });
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.url}/manager/config?center=${f.centerId}`);
    await page.getByLabel('Tên đăng nhập').fill(f.usernames.manager[0]!);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await serviceRow('A').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('edits a service’s target wait and shows it saved', async () => {
    await page.getByRole('button', { name: 'Sửa A' }).click();
    await page.getByLabel('Thời gian chờ mục tiêu (phút)').fill('45');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
    await expect.poll(() => serviceRow('A').locator('[data-field="sla"]').textContent()).toBe('45');
    expect((await servicesOf())[0]).toMatchObject({ code: 'A', sla_minutes: 45 });
  });

  it('refuses a bad code and backwards issuing hours with the message by the field', async () => {
    const before = await servicesOf();
    const code = page.getByLabel('Mã', { exact: true });
    await code.fill('1A');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    const codeError = page.locator('#code-error');
    expect(await codeError.textContent()).toBe('Mã gồm 1 đến 3 chữ cái in hoa A–Z.');
    expect(await code.getAttribute('aria-describedby')).toContain('code-error');

    await code.fill('A');
    const hours = page.getByLabel('Giờ cấp số');
    await hours.fill('17:00-08:00');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => hours.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#issuingHours-error').textContent()).toContain(
      'giờ bắt đầu trước giờ kết thúc',
    );
    expect(await code.getAttribute('aria-invalid')).toBe('false');
    expect(await servicesOf()).toEqual(before);
  });

  it('refuses a taken counter number by the field', async () => {
    await page.getByRole('button', { name: 'Quầy', exact: true }).click();
    await page.getByLabel('Số quầy').fill('2');
    await page.getByLabel('Tên quầy').fill('Quầy mới');
    await page.getByLabel('Lĩnh vực phục vụ (mã, theo thứ tự ưu tiên)').fill('B, A');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.locator('#number-error').textContent()).toBe('Giá trị này đã được dùng.');
    await page.getByLabel('Số quầy').fill('3');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('tr[data-counter="3"]').waitFor();
    const row = await database.db
      .selectFrom('counters')
      .select('id')
      .where('center_id', '=', f.centerId)
      .where('number', '=', 3)
      .executeTakeFirstOrThrow();
    const services = await database.db
      .selectFrom('counter_services')
      .select('service_id')
      .where('counter_id', '=', row.id)
      .orderBy('position')
      .execute();
    expect(services.map((s) => s.service_id)).toEqual([f.serviceIds.B, f.serviceIds.A]);
  });

  it('has no serious accessibility violations', async () => {
    await page.getByRole('button', { name: 'Lĩnh vực', exact: true }).click();
    await serviceRow('A').waitFor();
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      await page.setViewportSize({ width: 1440, height: 1000 });
      await page.screenshot({ path: 'docs/screenshots/manager-config.png', fullPage: true });
    }
    expect(await seriousViolations(page)).toEqual([]);
  });
});
