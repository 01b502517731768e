/**
 * A citizen who lost the ticket page finds the ticket again (issue 11), in real Chromium on a
 * phone screen: on the same device /ticket/new offers "Số của bạn hôm nay: A001 — Xem số" until
 * the ticket ends; on another device, "Tìm lại số của bạn" finds it by its number and the phone
 * given for text messages, and a wrong phone finds nothing.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { type FakeSms, startFakeSms } from '../helpers/push-service.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

describe.runIf(browserSuitesRun())('a lost ticket page, found again', () => {
  let database: TestDatabase;
  let app: TestApp;
  let sms: FakeSms;
  let browser: TestBrowser;
  let center: CenterFixture;
  let clerk: Client;
  let counterId: number;
  const contexts: BrowserContext[] = [];

  const newPhone = async (): Promise<Page> => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    page.setDefaultTimeout(10_000);
    return page;
  };
  const takeTicketPage = () => `${app.url}/ticket/new?center=${center.centerId}`;
  const remembered = (page: Page) => page.evaluate(() => localStorage.getItem('luot.tickets') ?? '');

  beforeAll(async () => {
    database = await pgliteDatabase();
    sms = await startFakeSms();
    app = await startTestApp(database, { env: { SMS_WEBHOOK_URL: sms.url } });
    center = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    counterId = center.counterIds[0]!;
    clerk = await new Client(app.url).login(center.usernames.clerk[0]!);
    await clerk.post(`/api/counters/${counterId}/open`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await sms?.close();
    await database?.close();
  });

  it('offers the ticket taken on this device after the page was left, until it is done', async () => {
    const phone = await newPhone();
    await phone.goto(takeTicketPage());
    await phone.getByRole('radio', { name: 'Lĩnh vực A' }).check();
    await phone.getByRole('button', { name: 'Lấy số' }).click();
    await phone.waitForURL(/\/ticket\/\?t=/);
    const token = new URL(phone.url()).searchParams.get('t')!;
    await phone.getByText('A001', { exact: true }).waitFor();

    await phone.goto('about:blank');
    await phone.goto(takeTicketPage());
    await phone.getByText('Số của bạn hôm nay: A001').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    // The token is in the ticket page's own link, and nowhere else on the page.
    const links = await phone.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.filter((href) => href.includes(token))).toEqual([
      `${app.url}/ticket/?t=${encodeURIComponent(token)}`,
    ]);
    await phone.getByRole('link', { name: 'Xem số A001' }).click();
    await phone.waitForURL(/\/ticket\/\?t=/);
    expect(new URL(phone.url()).searchParams.get('t')).toBe(token);
    await phone.getByText('Đang chờ đến lượt').waitFor();

    await phone.goto('about:blank');
    const { body } = await clerk.post(`/api/counters/${counterId}/call-next`);
    expect(body.ticket.number).toBe('A001');
    expect((await clerk.post(`/api/tickets/${body.ticket.id}/start`)).status).toBe(200);
    expect((await clerk.post(`/api/tickets/${body.ticket.id}/complete`)).status).toBe(200);

    await phone.goto(takeTicketPage());
    // The page asks the server about what it remembers, and forgets the finished ticket.
    await phone.waitForFunction((t) => !(localStorage.getItem('luot.tickets') ?? '').includes(t), token);
    await phone.getByRole('radio', { name: 'Lĩnh vực A' }).waitFor();
    expect(await phone.getByText('Số của bạn hôm nay').count()).toBe(0);
  });

  it('finds the ticket by its number and the phone given for text messages', async () => {
    const taken = await new Client(app.url).post(`/api/centers/${center.centerId}/tickets`, {
      serviceId: center.serviceIds.A,
    });
    expect(taken.status).toBe(201);
    const { number, token } = taken.body as { number: string; token: string };
    const optIn = await new Client(app.url).post(`/api/tickets/${token}/sms`, {
      phone: '0912345678',
      consent: true,
    });
    expect(optIn.status).toBe(201);

    const other = await newPhone();
    await other.goto(takeTicketPage());
    const form = other.getByRole('region', { name: 'Tìm lại số của bạn' });
    await form.waitFor();
    expect(await seriousViolations(other)).toEqual([]);
    await form.getByLabel('Số thứ tự').fill(number);
    await form.getByLabel('Số điện thoại').fill('0912 345 679');
    await form.getByRole('button', { name: 'Tìm số' }).click();
    await form.getByRole('alert').filter({ hasText: 'Không tìm thấy số nào hôm nay' }).waitFor();

    await form.getByLabel('Số điện thoại').fill('+84 912 345 678');
    await form.getByRole('button', { name: 'Tìm số' }).click();
    await other.waitForURL(/\/ticket\/\?t=/);
    expect(new URL(other.url()).searchParams.get('t')).toBe(token);
    await other.getByText(number, { exact: true }).waitFor();
    // Found once, remembered: this device now offers it like one it took itself.
    expect(await remembered(other)).toContain(token);
    expect(await remembered(other)).not.toContain('912345678');
  });
});
