/**
 * The waiting-room board in real Chromium, with the browser's voice replaced by a recorder:
 * it shows the counts, the calls (the new one highlighted) and the counters; it announces two
 * quick calls whole and in order, with a chime first; it falls back to recorded clips without
 * a Vietnamese voice; after a server restart it reconnects, shows the call it missed without
 * announcing it, and announces nothing twice; it says which open counters serve each service,
 * and "Chưa có quầy phục vụ" while none does, live; a transfer shows its old and new number
 * ("A005 → B001") with the new service, live and after a reload; a server of another protocol
 * version makes it reload once, then show offline; no serious accessibility violations.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/auth/actor.js';
import { silentPublisher } from '../../server/src/events/publisher.js';
import { callNext } from '../../server/src/queues/call-next.js';
import { issueTicket } from '../../server/src/tickets/issue-ticket.js';
import { PROTOCOL_VERSION } from '../../shared/src/protocol.js';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { shoot, stubVoice, untilVoice, voiceLog } from '../helpers/display-page.js';
import { textProblems } from '../helpers/layout.js';
import { speakProtocolVersion } from '../helpers/protocol-route.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const sentence = (ticket: string, counter: string) => `Mời công dân có số ${ticket} đến quầy số ${counter}`;
const spoken = async (page: Page) =>
  (await voiceLog(page)).filter((e) => e.kind === 'start').map((e) => e.text);

describe.runIf(browserSuitesRun())('waiting-room board in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let clerk1: Client;
  let clerk2: Client;
  let serviceA: { id: number; code: string; name: string };
  const issueA = () => new Client(app.url).post('/api/centers/1/tickets', { serviceId: serviceA.id });
  const waitingA = () => page.locator(`luot-board-waiting li[data-service="${serviceA.code}"]`);
  const servingOf = (code: string) =>
    page.locator(`luot-board-waiting li[data-service="${code}"] [data-serving]`);
  const counterTile = (n: number) => page.locator(`luot-board-counters li[data-counter="${n}"]`);
  const calls = () => page.locator('luot-board-calls li');
  /** Counter number → the id of the ticket it last called. */
  const atCounter: Record<number, number> = {};
  const callNextAt = async (clerk: Client, counter: number): Promise<string> => {
    const reply = await clerk.post(`/api/counters/${counter}/call-next`);
    expect(reply.status).toBe(200);
    atCounter[counter] = reply.body.ticket.id;
    return reply.body.ticket.number;
  };
  const noShowAt = async (clerk: Client, counter: number) =>
    expect((await clerk.post(`/api/tickets/${atCounter[counter]}/no-show`)).status).toBe(200);

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    browser = await launchBrowser();
    const context = await browser.newContext();
    await stubVoice(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    clerk1 = await new Client(app.url).login('clerk1');
    clerk2 = await new Client(app.url).login('clerk2');
    expect((await clerk1.post('/api/counters/1/open')).status).toBe(200);
    expect((await clerk2.post('/api/counters/2/open')).status).toBe(200);
    const services = (await new Client(app.url).get('/api/centers/1/services')).body as (typeof serviceA)[];
    serviceA = services.find((s) => s.code === 'A')!;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('asks once for sound, remembers it, and shows the center, its counters and its queues', async () => {
    await page.goto(`${app.url}/display/?center=1`);
    await page.getByRole('heading', { name: 'Trung tâm Hành chính công TP Uông Bí' }).waitFor();
    await page.getByRole('button', { name: 'Bật âm thanh' }).click();
    await page.getByRole('button', { name: 'Bật âm thanh' }).waitFor({ state: 'detached' });
    // The click is answered with the chime: sound works, and the browser has unlocked it.
    await untilVoice(page, (log) => log.some((e) => e.kind === 'clip' && e.text === 'chime'));
    expect(await page.evaluate(() => localStorage.getItem('luot.board.sound'))).toBe('on');

    await page.getByText('Chưa gọi số nào.').waitFor();
    await counterTile(1).filter({ hasText: 'Sẵn sàng' }).waitFor();
    await counterTile(2).filter({ hasText: 'Sẵn sàng' }).waitFor();
    expect(await page.locator('luot-board-counters li').count()).toBe(2); // closed counters are left out
    for (let i = 0; i < 3; i++) expect((await issueA()).status).toBe(201);
    await waitingA().filter({ hasText: '3 người chờ' }).waitFor();
    expect(await waitingA().textContent()).toContain(serviceA.name);
    // Quầy 1 and 2 are open: A is served by both, E by Quầy 2, B by nobody yet (issue 11).
    await waitingA()
      .locator('[data-serving]')
      .filter({ hasText: /^Quầy 1, 2$/ })
      .waitFor();
    expect(await servingOf('E').textContent()).toBe('Quầy 2');
    expect(await servingOf('B').textContent()).toBe('Chưa có quầy phục vụ');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('announces two quick calls whole and in order, chime first, and highlights the newest', async () => {
    await page.evaluate(() => window.__voice.hold(true));
    const before = (await voiceLog(page)).length;
    expect(await callNextAt(clerk1, 1)).toBe('A001');
    expect(await callNextAt(clerk2, 2)).toBe('A002');

    // Both calls are on the board, the newest first and highlighted, the counts down by two.
    await calls().first().filter({ hasText: 'A002' }).filter({ hasText: 'Quầy 2' }).waitFor();
    await calls().nth(1).filter({ hasText: 'A001' }).filter({ hasText: 'Quầy 1' }).waitFor();
    expect(await calls().first().getAttribute('data-fresh')).not.toBeNull();
    await waitingA().filter({ hasText: '1 người chờ' }).waitFor();
    await counterTile(1).filter({ hasText: 'A001' }).waitFor();
    await counterTile(2).filter({ hasText: 'A002' }).waitFor();
    await shoot(page, 'board');

    // The first is being said; the second waits for its end however long it takes.
    await untilVoice(page, (log) => log.some((e) => e.kind === 'start'));
    expect(await spoken(page)).toEqual([sentence('A không không một', 'một')]);
    await page.evaluate(() => window.__voice.finishCurrent());
    await untilVoice(page, (log) => log.filter((e) => e.kind === 'start').length === 2);
    await page.evaluate(() => window.__voice.finishCurrent());
    await untilVoice(page, (log) => log.filter((e) => e.kind === 'end').length === 2);

    const steps = (await voiceLog(page)).slice(before).map((e) => `${e.kind} ${e.text}`);
    expect(steps).toEqual([
      'clip chime',
      `start ${sentence('A không không một', 'một')}`,
      `end ${sentence('A không không một', 'một')}`,
      'clip chime',
      `start ${sentence('A không không hai', 'hai')}`,
      `end ${sentence('A không không hai', 'hai')}`,
    ]);
    expect((await voiceLog(page)).filter((e) => e.kind === 'start').every((e) => e.lang === 'vi-VN')).toBe(
      true,
    );
    await page.evaluate(() => window.__voice.hold(false));
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('plays the recorded Vietnamese clips in sequence when the device has no Vietnamese voice', async () => {
    await page.evaluate(() => window.__voice.withoutVietnamese());
    const before = (await voiceLog(page)).length;
    await noShowAt(clerk1, 1);
    expect(await callNextAt(clerk1, 1)).toBe('A003');
    await untilVoice(page, (log) => log.at(-1)?.kind === 'clip' && log.at(-1)?.text === 'digit-1');
    const clips = (await voiceLog(page)).slice(before).map((e) => `${e.kind} ${e.text}`);
    expect(clips).toEqual(
      ['chime', 'invite', 'letter-a', 'digit-0', 'digit-0', 'digit-3', 'to-counter', 'digit-1'].map(
        (c) => `clip ${c}`,
      ),
    );
    await calls().first().filter({ hasText: 'A003' }).waitFor();
  });

  it('reconnects after a server restart, shows the call it missed without announcing it, and repeats nothing', async () => {
    // Counter 2 is freed first, and the board has seen it.
    await noShowAt(clerk2, 2);
    await counterTile(2).filter({ hasText: 'Sẵn sàng' }).waitFor();
    const saidBefore = await spoken(page);
    const logBefore = (await voiceLog(page)).length;

    const port = Number(new URL(app.url).port);
    await app.close();
    await page.getByText('Đang kết nối lại…').waitFor();

    // A call made while the board was away: it must appear, but it is old news by then.
    const ctx = { db: database.db, publisher: silentPublisher };
    const user = await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clerk2')
      .executeTakeFirstOrThrow();
    const actor: Actor = { userId: user.id, username: 'clerk2', role: 'clerk', centerIds: [1] };
    await issueTicket(ctx, { centerId: 1, serviceId: serviceA.id, priority: null, channel: 'kiosk' });
    expect((await callNext(ctx, actor, 2))?.number).toBe('A004');

    app = await startTestApp(database, { port });
    await page.getByText('Đang kết nối lại…').waitFor({ state: 'detached' });
    await calls().first().filter({ hasText: 'A004' }).filter({ hasText: 'Quầy 2' }).waitFor();
    expect(await calls().first().getAttribute('data-fresh')).toBeNull();
    await counterTile(2).filter({ hasText: 'A004' }).waitFor();

    // The next live call is announced, once; nothing said before is said again.
    await issueA();
    await noShowAt(clerk1, 1);
    expect(await callNextAt(clerk1, 1)).toBe('A005');
    await untilVoice(page, (log) => log.some((e) => e.kind === 'clip' && e.text === 'digit-5'));
    await untilVoice(page, (log) => log.at(-1)?.kind === 'clip' && log.at(-1)?.text === 'digit-1');
    const after = (await voiceLog(page)).slice(logBefore).map((e) => e.text);
    expect(after).toEqual([
      'chime',
      'invite',
      'letter-a',
      'digit-0',
      'digit-0',
      'digit-5',
      'to-counter',
      'digit-1',
    ]);
    expect(await spoken(page)).toEqual(saidBefore);
    const log = await voiceLog(page);
    expect(log.filter((e) => e.kind === 'overlap' || e.kind === 'cancel')).toEqual([]);
    await calls().first().filter({ hasText: 'A005' }).waitFor();
    expect(await calls().filter({ hasText: 'A004' }).count()).toBe(1);
  });

  it('remembers the sound choice across a reload, lists a recalled ticket once, and says why when no center is given', async () => {
    // A recall moves the ticket to the top on the live board; the reload, reading the snapshot's
    // call events, must show it once too (issue 11 item 8: it listed it twice).
    const recalls = (await voiceLog(page)).length;
    expect((await clerk1.post(`/api/tickets/${atCounter[1]}/recall`)).status).toBe(200);
    await untilVoice(page, (log) => log.length > recalls && log.at(-1)?.text === 'digit-1');
    expect(await calls().filter({ hasText: 'A005' }).count()).toBe(1);
    await page.reload();
    await page.getByRole('heading', { name: 'Trung tâm Hành chính công TP Uông Bí' }).waitFor();
    expect(await page.getByRole('button', { name: 'Bật âm thanh' }).count()).toBe(0);
    // The reload reads the current state and announces nothing from it.
    await calls().first().filter({ hasText: 'A005' }).waitFor();
    expect(await calls().first().getAttribute('data-fresh')).toBeNull();
    expect(await calls().filter({ hasText: 'A005' }).count()).toBe(1);
    expect(await voiceLog(page)).toEqual([]);

    await page.goto(`${app.url}/display/`);
    await page.getByRole('alert').filter({ hasText: 'thiếu mã trung tâm' }).waitFor();
  });

  it('follows counters opening and closing in who serves each service, without a reload', async () => {
    await page.goto(`${app.url}/display/?center=1`);
    await servingOf('B').filter({ hasText: 'Chưa có quầy phục vụ' }).waitFor();
    const clerk3 = await new Client(app.url).login('clerk3');
    expect((await clerk3.post('/api/counters/3/open')).status).toBe(200);
    await servingOf('B')
      .filter({ hasText: /^Quầy 3$/ })
      .waitFor();
    await servingOf('G')
      .filter({ hasText: /^Quầy 3$/ })
      .waitFor();
    expect((await clerk3.post('/api/counters/3/pause', { reason: 'break' })).status).toBe(200);
    await servingOf('B').filter({ hasText: 'Chưa có quầy phục vụ' }).waitFor();
    expect((await clerk3.post('/api/counters/3/open')).status).toBe(200);
    await servingOf('B')
      .filter({ hasText: /^Quầy 3$/ })
      .waitFor();
    expect((await clerk3.post('/api/counters/3/close')).status).toBe(200);
    await servingOf('G').filter({ hasText: 'Chưa có quầy phục vụ' }).waitFor();
    expect(await servingOf('A').textContent()).toBe('Quầy 1, 2');
  });

  it('tells the holder of a transferred number the new one, live and after a reload, with the new service (issue 11 item 17)', async () => {
    const services = (await new Client(app.url).get('/api/centers/1/services')).body as (typeof serviceA)[];
    const serviceB = services.find((s) => s.code === 'B')!;
    const ticket = (await clerk1.get(`/api/centers/1/snapshot`)).body.counters.find(
      (c: { number: number }) => c.number === 1,
    ).ticket as { id: number; number: string; status: string };
    expect(ticket).toMatchObject({ id: atCounter[1], status: 'called' });
    const moved = await clerk1.post(`/api/tickets/${ticket.id}/transfer`, { serviceId: serviceB.id });
    expect(moved.status).toBe(200);
    const to = moved.body.ticket.number as string;
    expect(to).toMatch(/^B\d{3}$/);

    const row = () => page.locator(`luot-board-calls li[data-transfer="${to}"]`);
    for (const when of ['live', 'after a reload']) {
      if (when !== 'live') {
        await page.reload();
        await page.getByRole('heading', { name: 'Trung tâm Hành chính công TP Uông Bí' }).waitFor();
      }
      // The newest row: the old number, an arrow, the new one, and the service it went to.
      await calls().first().and(row()).waitFor();
      await row().filter({ hasText: serviceB.name }).waitFor();
      expect(await row().textContent(), when).toContain(ticket.number);
      expect(await row().locator('.to').textContent(), when).toBe(to);
      expect(await calls().filter({ hasText: ticket.number }).count(), when).toBe(1);
      expect(await row().locator('.sr').textContent(), when).toBe(
        `Số ${ticket.number} đã chuyển thành số ${to}, ${serviceB.name}`,
      );
    }
    await shoot(page, 'board-transferred');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says the counter a transfer named: "A010 → B003 · Quầy 3", live and after a reload', async () => {
    const services = (await new Client(app.url).get('/api/centers/1/services')).body as (typeof serviceA)[];
    const serviceB = services.find((s) => s.code === 'B')!;
    const clerk3 = await new Client(app.url).login('clerk3');
    expect((await clerk3.post('/api/counters/3/open')).status).toBe(200);
    const issued = await clerk1.post('/api/centers/1/tickets', { serviceId: serviceA.id, channel: 'staff' });
    expect(issued.status).toBe(201);
    const called = await clerk1.post('/api/counters/1/call-next');
    expect(called.status).toBe(200);
    const from = called.body.ticket.number as string;
    const moved = await clerk1.post(`/api/tickets/${called.body.ticket.id}/transfer`, {
      serviceId: serviceB.id,
      counterId: 3,
    });
    expect(moved.status).toBe(200);
    const to = moved.body.ticket.number as string;
    const row = () => page.locator(`luot-board-calls li[data-transfer="${to}"]`);
    for (const when of ['live', 'after a reload']) {
      if (when !== 'live') {
        await page.reload();
        await page.getByRole('heading', { name: 'Trung tâm Hành chính công TP Uông Bí' }).waitFor();
      }
      await calls().first().and(row()).waitFor();
      expect(await row().locator('.to').textContent(), when).toBe(to);
      expect(await row().locator('.to-counter').textContent(), when).toBe('· Quầy 3');
      expect(await row().locator('.sr').textContent(), when).toBe(
        `Số ${from} đã chuyển thành số ${to}, ${serviceB.name}, tại quầy 3`,
      );
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect((await clerk3.post('/api/counters/3/close')).status).toBe(200);
  });

  it('shows a renamed or added service and a renamed center without a reload (issue 11 item 5)', async () => {
    // Pages turning every 2 s: a seventh service may be on the second page.
    await page.goto(`${app.url}/display/?center=1&rotate=2`);
    await waitingA().waitFor();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const admin = await new Client(app.url).login('admin');
    const patch = (path: string, body: object) => admin.request('PATCH', path, body);
    expect((await patch(`/api/config/services/${serviceA.id}`, { name: 'Hộ tịch (tên mới)' })).status).toBe(
      200,
    );
    await waitingA().locator('.name').filter({ hasText: 'Hộ tịch (tên mới)' }).waitFor();
    const added = await admin.post('/api/config/centers/1/services', {
      code: 'KT',
      name: 'Kế toán',
      nameEn: 'Accounting',
    });
    expect(added.status).toBe(201);
    await page.locator('luot-board-waiting li[data-service="KT"]').filter({ hasText: 'Kế toán' }).waitFor();
    expect((await patch('/api/config/centers/1', { name: 'Trung tâm đổi tên' })).status).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Trung tâm đổi tên' }).waitFor();
    // The center's notice and hotline: one line under the panels, live too.
    expect(await page.getByRole('note').count()).toBe(0);
    expect(
      (await patch('/api/config/centers/1', { boardNotice: 'Chiều thứ Sáu nghỉ tập huấn.', hotline: '1022' }))
        .status,
    ).toBe(200);
    await page
      .getByRole('note')
      .filter({ hasText: 'Chiều thứ Sáu nghỉ tập huấn. · Đường dây nóng: 1022' })
      .waitFor();
    await shoot(page, 'board-notice');
    expect(await textProblems(page)).toEqual({ overlapping: [], outside: [], clipped: [], overflowing: [] });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
  });

  it('reloads itself once when the server speaks another protocol version, then shows offline (DESIGN.md §15)', async () => {
    const context = await browser.newContext();
    await stubVoice(context);
    const other = await context.newPage();
    other.setDefaultTimeout(10_000);
    const route = await speakProtocolVersion(other, PROTOCOL_VERSION + 1);
    const loads: string[] = [];
    other.on('load', () => loads.push(other.url()));
    await other.goto(`${app.url}/display/?center=1`);
    // Refused, reloaded, refused again: this time within five minutes, so offline, not a loop.
    await other.getByText('Đang kết nối lại…').waitFor();
    await expect.poll(() => route.refusals).toBe(2);
    // The offline text is the answer to the second refusal: it shows instead of a reload.
    expect(loads).toHaveLength(2);
    expect(route).toEqual({ sockets: 2, refusals: 2 });
    const reloadAt = Number(await other.evaluate(() => sessionStorage.getItem('luot.protocolReloadAt')));
    expect(Date.now() - reloadAt).toBeLessThan(60_000);
    await context.close();
  });
});
