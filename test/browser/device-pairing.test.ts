/**
 * Device pairing in Chromium (issue 6): a manager turns on "paired devices only" and creates a
 * code on the configuration page; a board shows the pairing screen, takes the code and shows
 * the board; a kiosk (which prints only once paired, wherever it is) refuses a wrong code with
 * the reason, then pairs; the manager revokes the board. The pairing screen has no serious accessibility violations.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_PASSWORD } from '../helpers/test-password.js';

describe.runIf(browserSuitesRun())('device pairing in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let manager: Page;
  let f: CenterFixture;

  const devices = () =>
    database.db
      .selectFrom('paired_devices')
      .selectAll()
      .where('center_id', '=', f.centerId)
      .orderBy('id')
      .execute();

  async function openDevices(): Promise<void> {
    await manager.goto(`${app.url}/manager/config?center=${f.centerId}`);
    await manager.getByRole('button', { name: 'Thiết bị', exact: true }).click();
  }

  async function createCode(kind: string, name: string): Promise<string> {
    await manager.getByLabel('Loại thiết bị').selectOption({ label: kind });
    await manager.getByLabel('Tên thiết bị').fill(name);
    await manager.getByRole('button', { name: 'Tạo mã ghép nối' }).click();
    const code = manager.locator('[data-code]');
    await expect.poll(() => code.count()).toBe(1);
    expect(await manager.getByText(`Mã ghép nối cho ${name}`).count()).toBe(1);
    return (await code.getAttribute('data-code'))!;
  }

  async function devicePage(path: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${app.url}${path}`);
    return page;
  }

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'manager', count: 1 }],
    });
    browser = await launchBrowser();
    manager = await (await browser.newContext()).newPage();
    manager.setDefaultTimeout(10_000);
    await manager.goto(`${app.url}/manager/config?center=${f.centerId}`);
    await manager.getByLabel('Tên đăng nhập').fill(f.usernames.manager[0]!);
    await manager.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await manager.getByRole('button', { name: 'Đăng nhập' }).click();
    await manager.getByRole('button', { name: 'Thiết bị', exact: true }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('shows a kiosk its pairing screen even where the center admits any board: it prints only once paired', async () => {
    const kiosk = await devicePage('/kiosk/?center=1');
    await kiosk
      .getByText('Máy lấy số chỉ phát số sau khi được ghép nối với trung tâm.', { exact: false })
      .waitFor();
    expect(await kiosk.getByLabel('Mã ghép nối (8 chữ số)').count()).toBe(1);
    expect(await kiosk.getByRole('button', { name: 'Đất đai' }).count()).toBe(0);
    await kiosk.close();
  });

  it('turns on "paired devices only" from the configuration page', async () => {
    await manager.getByLabel('Chỉ cho phép bảng gọi số, máy lấy số và màn hình quầy đã ghép nối').check();
    await manager.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => manager.getByRole('status').first().textContent()).toBe('Đã lưu.');
    const center = await database.db
      .selectFrom('centers')
      .select('require_paired_devices')
      .where('id', '=', f.centerId)
      .executeTakeFirstOrThrow();
    expect(center.require_paired_devices).toBe(true);
  });

  it('pairs a board with a code the manager created, and the board then shows', async () => {
    const code = await createCode('Bảng gọi số', 'Bảng sảnh');
    expect(code).toMatch(/^[0-9]{8}$/);
    const board = await devicePage(`/display/?center=${f.centerId}`);
    const field = board.getByLabel('Mã ghép nối (8 chữ số)');
    await field.waitFor();
    expect(await seriousViolations(board)).toEqual([]);
    await field.fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await board.getByRole('button', { name: 'Ghép nối' }).click();
    await board.getByText('Số vừa gọi').waitFor();
    expect(await field.count()).toBe(0);
    expect(await board.locator('h1').textContent()).toContain('Trung tâm');
    await expect.poll(async () => (await devices())[0]?.last_seen_at ?? null).not.toBeNull();
    await board.close();
  });

  it('refuses a wrong code at the kiosk with the reason, then pairs it', async () => {
    const kiosk = await devicePage(`/kiosk/?center=${f.centerId}`);
    const field = kiosk.getByLabel('Mã ghép nối (8 chữ số)');
    await field.fill('00000000');
    await kiosk.getByRole('button', { name: 'Ghép nối' }).click();
    await expect.poll(() => kiosk.getByRole('alert').textContent()).toContain('Mã không đúng');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    const code = await createCode('Máy lấy số', 'Kiosk cửa');
    await field.fill(code);
    await kiosk.getByRole('button', { name: 'Ghép nối' }).click();
    await kiosk.getByRole('button', { name: /Lĩnh vực A/ }).waitFor();
    expect((await devices()).map((d) => d.kind)).toEqual(['board', 'kiosk']);
    await kiosk.close();
  });

  it('lists the paired devices and revokes one', async () => {
    await openDevices();
    await manager.locator('tr[data-device]').first().waitFor();
    expect(await manager.locator('tr[data-device]').count()).toBe(2);
    await manager.getByRole('button', { name: 'Thu hồi Bảng sảnh' }).click();
    await expect.poll(() => manager.locator('tr[data-device]').count()).toBe(1);
    expect((await devices()).find((d) => d.kind === 'board')?.revoked_at).not.toBeNull();
  });
});
