/**
 * The configuration page in Chromium: a manager edits a service's target wait and sees it
 * saved; bad input (a code "1A", issuing hours 17:00–08:00, a taken counter number) is refused
 * with the message beside the field and nothing saved; a weak password is refused with its
 * reason in words, and an admin is told why their own account or the last admin cannot be
 * deactivated; no serious accessibility violations.
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
  /** Uncaught errors and console errors the page raised (issue 11 item 13). */
  const pageErrors: string[] = [];

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
      staff: [
        { role: 'manager', count: 1 },
        { role: 'admin', count: 1 },
      ],
    });
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
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

  it('saves a counter with no uncaught error, and its form then shows the saved values (issue 11 item 13)', async () => {
    await page.getByRole('button', { name: 'Quầy', exact: true }).click();
    const row = page.locator('tr[data-counter="2"]');
    await row.getByRole('button').click();
    const name = page.getByLabel('Tên quầy');
    const services = page.getByLabel('Lĩnh vực phục vụ (mã, theo thứ tự ưu tiên)');
    await expect.poll(() => page.getByLabel('Số quầy').inputValue()).toBe('2');
    pageErrors.length = 0;
    await name.fill('Quầy hai mới');
    await services.fill('A, B');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('A, B');
    expect(pageErrors).toEqual([]);
    // The form is of the counter as saved: its heading, name and services.
    expect(await name.inputValue()).toBe('Quầy hai mới');
    expect(await services.inputValue()).toBe('A, B');
    expect(await page.locator('#counter-form-title').textContent()).toContain('Quầy hai mới');
    expect(await row.locator('td').nth(1).textContent()).toBe('Quầy hai mới');

    // A second save of the same form (what a person does after a typo) saves again.
    await name.fill('Quầy 2');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('Quầy 2');
    expect(await name.inputValue()).toBe('Quầy 2');
    expect(pageErrors).toEqual([]);

    // Adding one: saved, the form emptied for the next, and still no uncaught error.
    await page.getByRole('button', { name: 'Bỏ qua' }).click();
    await page.getByLabel('Số quầy').fill('4');
    await name.fill('Quầy bốn');
    await services.fill('B');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('tr[data-counter="4"]').waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu.');
    expect(await name.inputValue()).toBe('');
    expect(await page.getByLabel('Số quầy').inputValue()).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('refuses a weak password with its reason in words, then adds the clerk', async () => {
    await page.getByRole('button', { name: 'Người dùng', exact: true }).click();
    await page.getByLabel('Tên đăng nhập').fill('nv_trinh');
    await page.getByLabel('Họ tên').fill('Trịnh Văn Nam');
    const password = page.getByLabel('Mật khẩu ban đầu');
    const error = page.locator('#password-error');
    for (const [weak, reason] of [
      [
        'password1234',
        'Mật khẩu này quá phổ biến, dễ bị đoán (kể cả khi thêm số hay ký hiệu). Hãy chọn mật khẩu khác.',
      ],
      ['matkhau-12', 'Mật khẩu cần ít nhất 12 ký tự.'],
      [' '.repeat(14), 'Mật khẩu không được để trống hoặc chỉ gồm dấu cách, ký tự vô hình.'],
      ['nv_trinh2024!', 'Mật khẩu không được là tên đăng nhập hay dựa trên tên đăng nhập.'],
    ]) {
      await password.fill(weak!);
      await page.getByRole('button', { name: 'Lưu' }).click();
      await expect.poll(() => error.textContent()).toBe(reason);
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await password.getAttribute('aria-describedby')).toContain('password-error');
    }
    expect(await page.locator('tr[data-user="nv_trinh"]').count()).toBe(0);
    await password.fill('núi-cao-sông-dài');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('tr[data-user="nv_trinh"]').waitFor();
    expect(await error.count()).toBe(0);
  });

  it('changes a clerk’s full name, refusing an empty one by the field (issue 11 item 10)', async () => {
    const row = page.locator('tr[data-user="nv_trinh"]');
    await row.getByRole('button', { name: 'Đổi họ tên' }).click();
    await page.getByRole('heading', { name: 'Họ tên của nv_trinh' }).waitFor();
    const name = page.getByLabel('Họ tên', { exact: true });
    expect(await name.inputValue()).toBe('Trịnh Văn Nam');
    await name.fill('  ');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.locator('#displayName-error').textContent()).toBe('Hãy nhập họ tên.');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Trịnh Thị Ngọc');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await row.getByText('Trịnh Thị Ngọc').waitFor();
    await page.getByRole('heading', { name: 'Thêm mới' }).waitFor();
    const stored = await database.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'nv_trinh')
      .executeTakeFirstOrThrow();
    expect(stored.display_name).toBe('Trịnh Thị Ngọc');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells an admin why their own account, or the last admin, cannot be deactivated', async () => {
    const context = await browser.newContext();
    try {
      const admin = await context.newPage();
      admin.setDefaultTimeout(10_000);
      const username = f.usernames.admin[0]!;
      await admin.goto(`${app.url}/manager/config?center=${f.centerId}`);
      await admin.getByLabel('Tên đăng nhập').fill(username);
      await admin.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
      await admin.getByRole('button', { name: 'Đăng nhập' }).click();
      await admin.getByRole('button', { name: 'Người dùng', exact: true }).click();
      const own = admin.locator(`tr[data-user="${username}"]`);
      await own.getByRole('button', { name: 'Khóa tài khoản' }).click();
      await expect
        .poll(() => admin.getByRole('alert').textContent())
        .toBe('Bạn không thể tự khóa tài khoản của mình.');

      // The last active admin can be met only when two admins act at the same moment (the
      // integration test races them); here the server's answer is played back to the page.
      await admin.route('**/api/config/users/*', (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({
              status: 409,
              contentType: 'application/json',
              body: JSON.stringify({
                error: { code: 'last_admin', message: 'this is the last active admin' },
              }),
            })
          : route.continue(),
      );
      const other = admin.locator(`tr[data-user="${f.usernames.manager[0]!}"]`);
      await other.getByRole('button', { name: 'Khóa tài khoản' }).click();
      await expect
        .poll(() => admin.getByRole('alert').textContent())
        .toBe(
          'Đây là quản trị viên cuối cùng còn hoạt động: hãy cấp quyền quản trị cho người khác trước khi khóa hoặc hạ quyền tài khoản này.',
        );
      const active = await database.db
        .selectFrom('users')
        .select(['username', 'active'])
        .where('username', 'in', [username, f.usernames.manager[0]!])
        .execute();
      expect(active.every((u) => u.active)).toBe(true);
    } finally {
      await context.close();
    }
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
