/**
 * The counter display in real Chromium: the counter's state, the number called and served
 * there with its service; unpaired, no ratings (the ticket's QR instead); paired with its
 * counter from `?pair=1`, the rating tablet after completion: four buttons, one rating
 * accepted, a second refused, and the offer gone once the next citizen is called; a transfer
 * made here says the old and the new number ("A010 → E003") and the new service; a server of
 * another protocol version makes it reload once, then show offline; no serious accessibility
 * violations.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/src/protocol.js';
import { browserSuitesRun, launchBrowser, seriousViolations, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { shoot } from '../helpers/display-page.js';
import { speakProtocolVersion } from '../helpers/protocol-route.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const RATINGS = ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng'];

describe.runIf(browserSuitesRun())('counter display in Chromium', () => {
  let database: TestDatabase;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let clerk: Client;
  /** The API as the paired display speaks it (its token, from the page's cookie). */
  let displayClient: Client;
  let service: { id: number; name: string };
  const rating = (name: string) => page.getByRole('button', { name, exact: true });
  const issue = async () =>
    (await new Client(app.url).post('/api/centers/1/tickets', { serviceId: service.id })).body as {
      id: number;
      number: string;
    };
  const callNext = async () => (await clerk.post('/api/counters/3/call-next')).body.ticket as { id: number };

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    clerk = await new Client(app.url).login('clerk3');
    const counters = (await clerk.get('/api/centers/1/counters')).body as {
      number: number;
      serviceIds: number[];
    }[];
    const serviceId = counters.find((c) => c.number === 3)!.serviceIds[0]!;
    const services = (await clerk.get('/api/centers/1/services')).body as { id: number; name: string }[];
    service = services.find((s) => s.id === serviceId)!;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('follows the counter: closed, open and ready, paused', async () => {
    await page.goto(`${app.url}/display/counter/?counter=3`);
    await page.getByRole('heading', { name: 'Quầy 3' }).waitFor();
    await page.getByText('Quầy đang đóng').waitFor();
    expect((await clerk.post('/api/counters/3/open')).status).toBe(200);
    await page.getByText('Xin mời chờ gọi số').waitFor();
    expect((await clerk.post('/api/counters/3/pause', { reason: 'Họp' })).status).toBe(200);
    await page.getByText('Quầy tạm dừng').waitFor();
    expect((await clerk.post('/api/counters/3/open')).status).toBe(200);
    await page.getByText('Xin mời chờ gọi số').waitFor();
  });

  it('shows the number called, then served, with its service', async () => {
    const ticket = await issue();
    await callNext();
    await page.getByText('Mời công dân có số').waitFor();
    await page.getByRole('status').filter({ hasText: ticket.number }).waitFor();
    await page.getByText(service.name, { exact: true }).waitFor();
    expect((await clerk.post(`/api/tickets/${ticket.id}/start`)).status).toBe(200);
    await page.getByText('Đang phục vụ số').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('unpaired, offers no ratings and points the citizen to the QR code on the ticket', async () => {
    const serving = (await clerk.get('/api/centers/1/snapshot')).body.counters.find(
      (c: { number: number }) => c.number === 3,
    ).ticket;
    expect((await clerk.post(`/api/tickets/${serving.id}/complete`, { outcome: 'resolved' })).status).toBe(
      200,
    );
    await page.getByText(`đánh giá số ${serving.number} bằng mã QR trên vé`, { exact: false }).waitFor();
    expect(await rating('Hài lòng').count()).toBe(0);
  });

  it('pairs with its counter from ?pair=1, with a code the manager created', async () => {
    const manager = await new Client(app.url).login('manager');
    const { code } = (
      await manager.post('/api/centers/1/pairing-codes', { kind: 'counter_display', name: 'Màn hình quầy 3' })
    ).body as { code: string };
    await page.goto(`${app.url}/display/counter/?counter=3&pair=1`);
    await page
      .getByText('Để công dân đánh giá tại quầy, màn hình này cần được ghép nối', { exact: false })
      .waitFor();
    await page.getByLabel('Mã ghép nối (8 chữ số)').fill(code);
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    await page.getByRole('heading', { name: 'Quầy 3' }).waitFor();
    expect(new URL(page.url()).search).toBe('?counter=3');
    const device = await database.db
      .selectFrom('paired_devices')
      .select(['kind', 'counter_id'])
      .executeTakeFirstOrThrow();
    expect(device.kind).toBe('counter_display');
    expect(device.counter_id).toBe(3);
    const token = (await page.context().cookies()).find((c) => c.name === 'luot_device_token')!.value;
    displayClient = new Client(app.url, { authorization: `Bearer ${token}` });
  });

  it('offers the four ratings after completion and takes one, once', async () => {
    const next = await issue();
    expect((await callNext()).id).toBe(next.id);
    await clerk.post(`/api/tickets/${next.id}/start`);
    const serving = { id: next.id, number: next.number };
    expect((await clerk.post(`/api/tickets/${serving.id}/complete`, { outcome: 'resolved' })).status).toBe(
      200,
    );
    for (const name of RATINGS) await rating(name).waitFor();
    await page.getByText(`Quý khách hài lòng với việc phục vụ số ${serving.number} chứ?`).waitFor();
    await page.getByText(/Còn \d+ giây/).waitFor();
    await shoot(page, 'counter-display');
    expect(await seriousViolations(page)).toEqual([]);

    await rating('Hài lòng').click();
    await page.getByText('Cảm ơn quý khách đã đánh giá!').waitFor();
    await rating('Hài lòng').waitFor({ state: 'detached' });
    const rows = await database.db
      .selectFrom('feedback')
      .selectAll()
      .where('ticket_id', '=', serving.id)
      .execute();
    expect(rows.map((r) => r.rating)).toEqual([3]);

    const again = await displayClient.post('/api/counters/3/rating', {
      ticketId: serving.id,
      rating: 1,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('feedback_exists');
  });

  it('withdraws the offer when the next citizen is called, and the server refuses it then', async () => {
    const first = await issue();
    const second = await issue();
    expect((await callNext()).id).toBe(first.id);
    await clerk.post(`/api/tickets/${first.id}/start`);
    await clerk.post(`/api/tickets/${first.id}/complete`, {});
    await rating('Rất hài lòng').waitFor();

    expect((await callNext()).id).toBe(second.id);
    await page.getByRole('status').filter({ hasText: second.number }).waitFor();
    expect(await rating('Rất hài lòng').count()).toBe(0);
    const late = await displayClient.post('/api/counters/3/rating', { ticketId: first.id, rating: 4 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('rating_closed');
  });

  it('tells the citizen a transfer made here: the old and the new number and the new service (issue 11 item 17)', async () => {
    const here = (await clerk.get('/api/centers/1/snapshot')).body.counters.find(
      (c: { number: number }) => c.number === 3,
    ).ticket as { id: number; number: string; status: string };
    expect(here.status).toBe('called');
    const services = (await clerk.get('/api/centers/1/services')).body as { id: number; name: string }[];
    const other = services.find((s) => s.id !== service.id)!;
    const moved = await clerk.post(`/api/tickets/${here.id}/transfer`, { serviceId: other.id });
    expect(moved.status).toBe(200);
    const to = moved.body.ticket.number as string;
    await page.getByText('Đã chuyển lĩnh vực').waitFor();
    await page.getByRole('status', { name: `${here.number} → ${to}` }).waitFor();
    await page.getByText(other.name, { exact: true }).waitFor();
    await page.getByText(`Số mới của bạn là ${to}: xin mời chờ gọi`).waitFor();
    await shoot(page, 'counter-display-transferred');
    expect(await seriousViolations(page)).toEqual([]);
    // The next call here ends the notice.
    const next = await issue();
    expect((await callNext()).id).toBe(next.id);
    await page.getByRole('status').filter({ hasText: next.number }).waitFor();
    expect(await page.getByText('Đã chuyển lĩnh vực').count()).toBe(0);
  });

  it('says which counter is missing or unknown', async () => {
    await page.goto(`${app.url}/display/counter/`);
    await page.getByRole('alert').filter({ hasText: 'thiếu mã quầy' }).waitFor();
    await page.goto(`${app.url}/display/counter/?counter=999`);
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy quầy số 999.' }).waitFor();
  });

  it('reloads itself once when the server speaks another protocol version, then shows offline (DESIGN.md §15)', async () => {
    const context = await browser.newContext();
    const other = await context.newPage();
    other.setDefaultTimeout(10_000);
    const route = await speakProtocolVersion(other, PROTOCOL_VERSION + 1);
    const loads: string[] = [];
    other.on('load', () => loads.push(other.url()));
    await other.goto(`${app.url}/display/counter/?counter=3`);
    // Refused, reloaded, refused again within five minutes: offline, not a loop.
    await expect.poll(() => route.refusals).toBe(2);
    await other.getByRole('status').filter({ hasText: 'Đang kết nối lại…' }).waitFor();
    // The offline text is the answer to the second refusal: it shows instead of a reload.
    expect(loads).toHaveLength(2);
    expect(route).toEqual({ sockets: 2, refusals: 2 });
    await context.close();
  });
});
