/**
 * The citizen's pages in real Chromium, on a 360 × 740 phone screen, driven as a citizen would:
 * take a ticket remotely (services greyed when not issuing, clear refusals), watch the position
 * change live as others are called, see the counter when called, rate once (another device is
 * told the rating given; a rating on the counter display reaches an open phone live, keeping its comment), cancel with confirmation; the page is installable and its service worker shows a
 * pushed notification; each says which counters serve the ticket, and promises no wait while
 * none does (live, as counters open and close); a server of another protocol version makes the
 * ticket page reload once, then show offline; after the server goes away and returns, or a
 * subscribe fails, the ticket page gets back into its room and shows a call made then; no
 * serious accessibility violations on either page.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/src/protocol.js';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { pairDevice } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { textProblems } from '../helpers/layout.js';
import { speakProtocolVersion } from '../helpers/protocol-route.js';
import { failSubscribes } from '../helpers/subscribe-route.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : null;
const PHONE = { width: 360, height: 740 };

async function shoot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

describe.runIf(browserSuitesRun())('citizen pages in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let center: CenterFixture;
  let clerk: Client;
  let counterId: number;
  let phone: Page;
  let token = '';
  const contexts: BrowserContext[] = [];

  const newPhone = async (): Promise<Page> => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    page.setDefaultTimeout(10_000);
    return page;
  };
  const issue = (code: string) =>
    new Client(app.url).post(`/api/centers/${center.centerId}/tickets`, {
      serviceId: center.serviceIds[code],
    });
  const clerkDoes = async (action: string, ticketId: number) => {
    const res = await clerk.post(`/api/tickets/${ticketId}/${action}`);
    expect(res.status).toBe(200);
  };
  const callNext = async () => {
    const res = await clerk.post(`/api/counters/${counterId}/call-next`);
    expect(res.status).toBe(200);
    return res.body.ticket as { id: number; number: string };
  };
  const takeRemotely = async (page: Page, service: string) => {
    await page.goto(`${app.url}/ticket/new?center=${center.centerId}`);
    await page.getByRole('radio', { name: service }).check();
    await page.getByRole('button', { name: 'Lấy số' }).click();
  };
  const ahead = (page: Page, n: number) =>
    page
      .locator('[data-figure="ahead"]')
      .filter({ hasText: new RegExp(`^${n}$`) })
      .waitFor();

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database, { env: { WEB_TICKETS_PER_DEVICE: '2' } });
    center = await createCenterFixture(database.db, {
      services: ['A', 'B', 'C', { code: 'D', dailyQuota: 1 }, { code: 'E', dailyQuota: 2 }],
      counters: [['A', 'B', 'D']],
    });
    counterId = center.counterIds[0]!;
    await database.db
      .updateTable('services')
      .set({ active: false })
      .where('id', '=', center.serviceIds.C!)
      .execute();
    // D's one ticket may be taken remotely; E keeps the default, half its two for walk-ins.
    await database.db
      .updateTable('services')
      .set({ web_quota_percent: 100 })
      .where('id', '=', center.serviceIds.D!)
      .execute();
    clerk = await new Client(app.url).login(center.usernames.clerk[0]!);
    await clerk.post(`/api/counters/${counterId}/open`);
    browser = await launchBrowser();
    phone = await newPhone();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('takes a ticket remotely, with services that are not issuing greyed out', async () => {
    await issue('A');
    await issue('A');
    await phone.goto(`${app.url}/ticket/new?center=${center.centerId}`);
    expect(await phone.getByRole('radio', { name: /Lĩnh vực C/ }).isDisabled()).toBe(true);
    await phone.getByText('Tạm ngừng nhận hồ sơ').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await shoot(phone, 'citizen-new');

    await phone.getByRole('button', { name: 'Lấy số' }).click();
    await phone.getByText('Hãy chọn một lĩnh vực.').waitFor();
    await phone.getByRole('radio', { name: /Lĩnh vực A/ }).check();
    await phone.getByRole('button', { name: 'Lấy số' }).click();
    await phone.waitForURL(/\/ticket\/\?t=/);
    token = new URL(phone.url()).searchParams.get('t')!;
    await phone.getByText('A003', { exact: true }).waitFor();
    await phone.getByText('Lĩnh vực: Lĩnh vực A').waitFor();
    const remembered = await phone.evaluate(() => localStorage.getItem('luot.tickets'));
    expect(remembered).toContain(token);
    const row = await database.db
      .selectFrom('tickets')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ number: 'A003', channel: 'web', status: 'waiting' });
  });

  it('shows the live state and updates the position as others are called', async () => {
    await phone.getByText('Trực tiếp', { exact: true }).waitFor();
    await ahead(phone, 2);
    await phone.getByText(/khoảng \d+ phút/).waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await shoot(phone, 'citizen');

    const first = await callNext();
    expect(first.number).toBe('A001');
    await ahead(phone, 1);
    await clerkDoes('start', first.id);
    await clerkDoes('complete', first.id);
  });

  it('resubscribes after losing the connection and catches up from a snapshot', async () => {
    app.realtime.io.disconnectSockets();
    const second = await callNext();
    expect(second.number).toBe('A002');
    await ahead(phone, 0);
    await phone.getByText('Trực tiếp', { exact: true }).waitFor();
    await clerkDoes('start', second.id);
    await clerkDoes('complete', second.id);
  });

  it('shows the counter to go to when called', async () => {
    const mine = await callNext();
    expect(mine.number).toBe('A003');
    await phone.getByText('Mời bạn đến Quầy 1').waitFor();
    expect(await seriousViolations(phone)).toEqual([]);
    await shoot(phone, 'citizen-called');
    await clerkDoes('start', mine.id);
    await phone.getByText('Bạn đang được phục vụ tại Quầy 1').waitFor();
    await clerkDoes('complete', mine.id);
  });

  it('takes one rating after service, and tells another device it was given', async () => {
    await phone.getByText('Bạn đánh giá thế nào về chất lượng phục vụ?').waitFor();
    await phone.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await phone.getByText('Hãy chọn một mức đánh giá.').waitFor();
    await phone.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    await phone.getByLabel('Góp ý (không bắt buộc)').fill('Nhanh gọn');
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await phone.getByText('Cảm ơn bạn đã đánh giá.').waitFor();

    // Another device opening the ticket is told the rating given, and offered no second one.
    const other = await newPhone();
    await other.goto(`${app.url}/ticket/?t=${token}`);
    await other.getByText('Bạn đã đánh giá: Hài lòng').waitFor();
    expect(await other.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: 'Gửi góp ý' }).count()).toBe(0);

    const ticket = await database.db
      .selectFrom('tickets')
      .select('id')
      .where('token', '=', token)
      .executeTakeFirstOrThrow();
    const ratings = await database.db
      .selectFrom('feedback')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ rating: 3, comment: 'Nhanh gọn' });
  });

  it('cancels a ticket only after confirmation', async () => {
    await takeRemotely(phone, 'Lĩnh vực A');
    await phone.waitForURL(/\/ticket\/\?t=/);
    const mine = new URL(phone.url()).searchParams.get('t')!;
    await phone.getByText('A004', { exact: true }).waitFor();
    await phone.getByRole('button', { name: 'Hủy số' }).click();
    await phone.getByText('Bạn có chắc muốn hủy số A004?').waitFor();
    await phone.getByRole('button', { name: 'Giữ số' }).click();
    await phone.getByRole('button', { name: 'Hủy số' }).click();
    await phone.getByRole('button', { name: 'Xác nhận hủy số' }).click();
    await phone.getByText('Số này đã được hủy.').waitFor();
    await phone.getByRole('link', { name: 'Lấy số mới' }).waitFor();
    const row = await database.db
      .selectFrom('tickets')
      .selectAll()
      .where('token', '=', mine)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
  });

  it('says why a remote ticket is refused: the device limit, a quota just reached', async () => {
    const busy = await newPhone();
    for (const number of ['B001', 'B002']) {
      await takeRemotely(busy, 'Lĩnh vực B');
      await busy.waitForURL(/\/ticket\/\?t=/);
      await busy.getByText(number, { exact: true }).waitFor();
    }
    await takeRemotely(busy, 'Lĩnh vực B');
    await busy.getByText('Điện thoại này đang giữ 2 số chưa dùng.', { exact: false }).waitFor();
    await busy.getByRole('link', { name: 'Xem số B002' }).waitFor();

    const late = await newPhone();
    await late.goto(`${app.url}/ticket/new?center=${center.centerId}`);
    await late.getByRole('radio', { name: /Lĩnh vực D/ }).check();
    expect((await issue('D')).status).toBe(201); // someone else takes the last one
    await late.getByRole('button', { name: 'Lấy số' }).click();
    await late.getByText('Lĩnh vực này đã hết số hôm nay.', { exact: false }).waitFor();
    // The page reloads the service list after the refusal; wait for that, not for a moment.
    await late.getByRole('radio', { name: /Lĩnh vực D/, disabled: true }).waitFor();
    expect(await late.getByRole('radio', { name: /Lĩnh vực D/ }).isDisabled()).toBe(true);

    // E's one remote place goes; the other is kept for whoever comes in person, and the page says so.
    expect((await issue('E')).status).toBe(201);
    await late.reload();
    await late.getByRole('radio', { name: /Lĩnh vực E/, disabled: true }).waitFor();
    await late.getByText('Đã hết số lấy từ xa hôm nay: mời đến lấy số tại trung tâm').waitFor();
  });

  it('is installable, offers notifications, and its service worker shows a push', async () => {
    const page = await newPhone();
    await page.context().grantPermissions(['notifications'], { origin: app.url });
    const issued = await issue('A');
    await page.goto(`${app.url}/ticket/?t=${issued.body.token}`);
    await page.getByRole('button', { name: 'Bật thông báo' }).waitFor();
    await page.getByText('Màn hình chính', { exact: false }).waitFor();

    const manifest = await page.evaluate(
      () => document.querySelector<HTMLLinkElement>('link[rel=manifest]')?.href,
    );
    expect(manifest).toContain(`t=${encodeURIComponent(issued.body.token)}`);
    const cdp = await page.context().newCDPSession(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${app.url}/ticket/`);
    const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
    expect(errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's contexts are incognito, where Chromium never offers to install: anything else is ours.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r: { scopeURL: string }) => r.scopeURL === scope);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const message = {
      title: 'Mời số A009',
      body: 'Mời bạn đến Quầy 1.',
      url: '/ticket/',
      tag: 'luot-9-called',
    };
    const registrationId = await registration;
    const deliver = () =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: app.url,
        registrationId,
        data: JSON.stringify(message),
      });
    await deliver();
    // The worker shows it in its own time after the push is delivered (later where Chromium hands
    // notifications to the desktop's notification service): ask until it is there. Not
    // page.waitForFunction: given an async predicate it takes the pending promise as truthy and
    // returns the first answer, null when the worker has not shown it yet.
    const shown = () =>
      page.evaluate(async () => {
        const notifications = await (await navigator.serviceWorker.ready).getNotifications();
        return notifications.map((n) => ({ title: n.title, body: n.body }));
      });
    // DevTools' push delivery was once dropped while the worker was still starting (one CI run
    // in five): deliver again, at most twice more. The tag makes a repeat replace, not add.
    for (let attempt = 1; ; attempt++) {
      try {
        await expect.poll(shown, { timeout: 5_000 }).toEqual([{ title: message.title, body: message.body }]);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await deliver();
      }
    }
  });

  it('names the counters that serve each service and the ticket, and promises no wait while none does, live', async () => {
    const f = await createCenterFixture(database.db, { services: ['A', 'B'], counters: [['A'], ['A', 'B']] });
    const staff = await new Client(app.url).login(f.usernames.clerk[0]!);
    expect((await staff.post(`/api/counters/${f.counterIds[0]}/open`)).status).toBe(200);
    const page = await newPhone();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/ticket/new?center=${f.centerId}`);
    const choice = (code: string) =>
      page
        .locator('luot-service-choice label')
        .filter({ hasText: `Lĩnh vực ${code}` })
        .locator('[data-serving]');
    await choice('A').filter({ hasText: 'Quầy 1' }).waitFor();
    expect(await choice('B').textContent()).toBe('Chưa có quầy phục vụ');
    expect(await page.getByRole('radio', { name: /Lĩnh vực B/ }).isEnabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('radio', { name: /Lĩnh vực B/ }).check();
    await page.getByRole('button', { name: 'Lấy số' }).click();
    await page.waitForURL(/\/ticket\/\?t=/);
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`);
    await figure('counters').filter({ hasText: 'Chưa có quầy phục vụ' }).waitFor();
    expect(await figure('wait').textContent()).toBe('sẽ ước tính khi có quầy mở');
    expect(await page.getByText(/khoảng \d+ phút/).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Quầy 2 opens: the counter and an estimate arrive without a reload.
    expect((await staff.post(`/api/counters/${f.counterIds[1]}/open`)).status).toBe(200);
    await figure('counters')
      .filter({ hasText: /^Quầy 2$/ })
      .waitFor();
    await figure('wait')
      .filter({ hasText: /^khoảng \d+ phút$/ })
      .waitFor();
    // And closes again: no time promised any more.
    expect((await staff.post(`/api/counters/${f.counterIds[1]}/close`)).status).toBe(200);
    await figure('counters').filter({ hasText: 'Chưa có quầy phục vụ' }).waitFor();
    await figure('wait').filter({ hasText: 'sẽ ước tính khi có quầy mở' }).waitFor();
  });
  it("shows the center's hours and hotline under the ticket (issue 11)", async () => {
    const f = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    await database.db
      .updateTable('centers')
      .set({
        hotline: '0203 3 123 456',
        opening_hours: JSON.stringify([
          { from: '00:00', to: '11:30' },
          { from: '11:30', to: '23:59' },
        ]),
      })
      .where('id', '=', f.centerId)
      .execute();
    const issued = await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
      serviceId: f.serviceIds.A,
    });
    expect(issued.status).toBe(201);
    const page = await newPhone();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/ticket/?t=${issued.body.token}`);
    const info = page.locator('.center-info');
    await info.filter({ hasText: 'Đường dây nóng: 0203 3 123 456' }).waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the line break between hours and hotline is what is read
    expect(await info.innerText()).toBe(
      'Giờ làm việc: 00:00–11:30, 11:30–23:59\nĐường dây nóng: 0203 3 123 456',
    );
    expect(await textProblems(page)).toMatchObject({ overlapping: [], clipped: [], overflowing: [] });
    await page.close();
  });

  it('wraps a long center name in the phone header, never cutting it (issue 11 item 10)', async () => {
    const services = (await new Client(app.url).get('/api/centers/1/services')).body as { id: number }[];
    const issued = await new Client(app.url).post('/api/centers/1/tickets', { serviceId: services[0]!.id });
    expect(issued.status).toBe(201);
    const page = await newPhone();
    await page.setViewportSize({ width: 390, height: 844 });
    const brand = page.locator('header .brand');
    const name = 'Lượt · Trung tâm Hành chính công TP Uông Bí';
    for (const url of [`/ticket/?t=${issued.body.token}`, '/ticket/new?center=1']) {
      await page.goto(`${app.url}${url}`);
      await brand.filter({ hasText: 'Uông Bí' }).waitFor();
      expect(await brand.textContent()).toBe(name);
      // All of it drawn: on two lines, inside the screen, clipped by nothing.
      const problems = await textProblems(page);
      expect(
        problems.clipped.filter((c) => c.includes('Uông Bí')),
        url,
      ).toEqual([]);
      expect(
        problems.outside.filter((c) => c.includes('Uông Bí')),
        url,
      ).toEqual([]);
      const box = (await brand.boundingBox())!;
      const lineHeight = await brand.evaluate((e) => Number.parseFloat(getComputedStyle(e).lineHeight));
      expect(box.height, url).toBeGreaterThan(lineHeight * 1.5);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      if (url.startsWith('/ticket/?')) await shoot(page, 'citizen-long-center-name');
    }
  });

  it('shows a rating given on the counter display live, and keeps the comment typed meanwhile (issue 11 item 15)', async () => {
    const f = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    const staff = await new Client(app.url).login(f.usernames.clerk[0]!);
    const at = f.counterIds[0]!;
    expect((await staff.post(`/api/counters/${at}/open`)).status).toBe(200);
    const issued = await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
      serviceId: f.serviceIds.A,
    });
    const { id, token: mine } = issued.body as { id: number; token: string };
    expect((await staff.post(`/api/counters/${at}/call-next`)).body.ticket.id).toBe(id);
    expect((await staff.post(`/api/tickets/${id}/start`)).status).toBe(200);
    expect((await staff.post(`/api/tickets/${id}/complete`, { outcome: 'resolved' })).status).toBe(200);

    const page = await newPhone();
    await page.goto(`${app.url}/ticket/?t=${mine}`);
    await page.getByText('Bạn đánh giá thế nào về chất lượng phục vụ?').waitFor();
    await page.getByText('Trực tiếp', { exact: true }).waitFor();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn rất kỹ');
    // The citizen rates on the tablet at the desk, the phone still in hand.
    const tablet = new Client(app.url, {
      authorization: `Bearer ${await pairDevice(database.db, f.centerId, 'counter_display', at)}`,
    });
    expect((await tablet.post(`/api/counters/${at}/rating`, { ticketId: id, rating: 4 })).status).toBe(201);
    await page.getByText('Bạn đã đánh giá: Rất hài lòng').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    expect(await page.getByLabel('Góp ý thêm (không bắt buộc)').inputValue()).toBe('Cán bộ hướng dẫn rất kỹ');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await page.getByText('Cảm ơn bạn, góp ý của bạn đã được ghi nhận.').waitFor();
    const rows = await database.db.selectFrom('feedback').selectAll().where('ticket_id', '=', id).execute();
    expect(rows).toMatchObject([{ rating: 4, comment: 'Cán bộ hướng dẫn rất kỹ' }]);
  });

  it('reloads itself once when the server speaks another protocol version, then shows offline (DESIGN.md §15)', async () => {
    const issued = await issue('A');
    expect(issued.status).toBe(201);
    const page = await newPhone();
    const route = await speakProtocolVersion(page, PROTOCOL_VERSION + 1);
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(`${app.url}/ticket/?t=${issued.body.token}`);
    // Refused, reloaded, refused again within five minutes: offline, not "unknown ticket", no loop.
    await expect.poll(() => route.refusals).toBe(2);
    // The second refusal is answered by showing offline instead of reloading: no loop.
    await page.getByText('Đang kết nối lại…', { exact: true }).waitFor();
    expect(loads).toHaveLength(2);
    expect(route).toEqual({ sockets: 2, refusals: 2 });
    expect(await page.getByText('Trực tiếp', { exact: true }).count()).toBe(0);
  });

  /** A center of its own, so the call below is this page's ticket whatever the tests above left. */
  const ownCenter = async () => {
    const f = await createCenterFixture(database.db, { services: ['A'], counters: [['A']] });
    const staff = await new Client(app.url).login(f.usernames.clerk[0]!);
    const at = f.counterIds[0]!;
    expect((await staff.post(`/api/counters/${at}/open`)).status).toBe(200);
    const issued = await new Client(app.url).post(`/api/centers/${f.centerId}/tickets`, {
      serviceId: f.serviceIds.A,
    });
    expect(issued.status).toBe(201);
    const { id, token: mine } = issued.body as { id: number; token: string };
    const callNextThere = async () => {
      const res = await staff.post(`/api/counters/${at}/call-next`);
      expect(res.status).toBe(200);
      expect(res.body.ticket.id).toBe(id);
    };
    return { token: mine, callNextThere };
  };

  it('subscribes again, backing off, after a subscribe fails, and says so meanwhile (issue 12 item 1)', async () => {
    const { token: mine, callNextThere } = await ownCenter();
    const page = await newPhone();
    const route = await failSubscribes(page, 2);
    await page.goto(`${app.url}/ticket/?t=${mine}`);
    // The second refusal comes a retry later (1–2 s): wait for it, not a second.
    await expect.poll(() => route.refused, { timeout: 10_000 }).toBe(2);
    // Connected but out of its room: it must not say live.
    expect(await page.getByText('Trực tiếp', { exact: true }).count()).toBe(0);
    await page.getByText('Trực tiếp', { exact: true }).waitFor();
    expect(route).toEqual({ failNext: 0, refused: 2, passed: 1 });
    await callNextThere();
    await page.getByText('Mời bạn đến Quầy 1').waitFor();
  });
});
