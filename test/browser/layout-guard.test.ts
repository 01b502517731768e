/**
 * The layout guard (issue 11, "The guard"): every public and staff screen other than the
 * waiting-room board (board-layout.test.ts holds that one) at 1920×1080, 1366×768 and 390×844,
 * in a center with 1, 8 and 20 services under long Vietnamese names, with 0 and then 7 recent
 * calls. No two visible text boxes overlap, no text is cut by a container that clips it, none
 * spills out of the box that holds it (a code wider than its badge), and no text lies outside
 * the screen (sideways only, on pages that scroll down). Boxes are read from the DOM, shadow
 * roots included (test/helpers/layout.ts). A screenshot of each case goes to
 * test-results/layout-guard/<page>-<services>-<calls>-<size>.png (look at them).
 *
 * One app and database per service count; each page is loaded once per phase and resized in
 * place. The configuration page does not depend on calls, so it is checked once per count.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuitesRun, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { pairDevice } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { textProblems } from '../helpers/layout.js';
import { PROVINCIAL_CENTER_NAME, SERVICES } from '../helpers/long-services.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const CENTER_NAME = PROVINCIAL_CENTER_NAME;
/** Counter 1 is the clerk console's; counters 2–8 make the seven calls. */
const COUNTERS = 8;
const CALLS = 7;

interface Size {
  width: number;
  height: number;
}

const SIZES: Size[] = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];
const SHOTS = 'test-results/layout-guard';

/** A screen under guard: how to open it and when it is ready to be measured. */
interface Screen {
  name: string;
  context: 'public' | 'kiosk' | 'clerk' | 'manager' | 'admin';
  url: (f: CenterFixture, ticketToken: string) => string;
  ready: (page: Page, f: CenterFixture, calls: number) => Promise<unknown>;
  /** Long pages scroll down: text below the fold is not cut off. At some sizes only, if a function. */
  scrolls: boolean | ((size: Size) => boolean);
  /** The screen shows nothing that calls change. */
  callsIrrelevant?: boolean;
}

const SCREENS: Screen[] = [
  {
    name: 'kiosk',
    context: 'kiosk',
    url: (f) => `/kiosk/?center=${f.centerId}&print=0`,
    ready: (page) => page.getByText('Chạm vào lĩnh vực bạn cần giải quyết').waitFor(),
    // People at a kiosk do not know to scroll: 20 services fit a landscape screen. Only on a
    // phone-sized one do the buttons run below it, and the kiosk scrolls down to them.
    scrolls: (size) => size.height > size.width,
  },
  {
    name: 'take-ticket',
    context: 'public',
    url: (f) => `/ticket/new?center=${f.centerId}`,
    ready: (page) => page.getByRole('button', { name: 'Lấy số' }).waitFor(),
    scrolls: true,
  },
  {
    name: 'ticket',
    context: 'public',
    url: (_f, token) => `/ticket/?t=${token}`,
    ready: (page) => page.getByText('Trực tiếp', { exact: true }).waitFor(),
    scrolls: true,
  },
  {
    name: 'counter-display',
    context: 'public',
    url: (f) => `/display/counter/?counter=${f.counterIds[1]}`,
    ready: (page, _f, calls) =>
      page.getByText(calls > 0 ? 'Mời công dân có số' : 'Xin mời chờ gọi số').waitFor(),
    scrolls: false,
  },
  {
    name: 'clerk-console',
    context: 'clerk',
    url: () => '/counter/',
    ready: (page) => page.getByText('Quầy 1 · Đang mở').waitFor(),
    scrolls: true,
  },
  {
    name: 'dashboard',
    context: 'manager',
    url: (f) => `/manager/?center=${f.centerId}`,
    ready: (page, _f, calls) =>
      calls > 0
        ? page.locator('tr[data-counter="2"]').filter({ hasText: 'Đang gọi' }).waitFor()
        : page.getByText('Trực tiếp', { exact: true }).waitFor(),
    scrolls: true,
  },
  {
    name: 'config',
    context: 'manager',
    url: (f) => `/manager/config?center=${f.centerId}`,
    ready: (page) => page.locator('tr[data-service="A"]').waitFor(),
    scrolls: true,
    callsIrrelevant: true,
  },
  {
    name: 'reports',
    context: 'manager',
    url: (f) => `/manager/reports?center=${f.centerId}`,
    ready: (page) => page.locator('tr[data-row="total"]').waitFor(),
    scrolls: true,
  },
  {
    name: 'province',
    context: 'admin',
    url: () => '/manager/province',
    ready: (page, f) => page.locator(`tr[data-center="${f.centerId}"]`).waitFor(),
    scrolls: true,
  },
];

describe.runIf(browserSuitesRun())('layout guard: every screen but the board, on a real day', () => {
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const count of [1, 8, 20]) {
    describe(`${count} service${count > 1 ? 's' : ''}`, () => {
      let database: TestDatabase;
      let app: TestApp;
      let fixture: CenterFixture;
      let ticketToken = '';
      const contexts: BrowserContext[] = [];
      const pages = new Map<string, Page>();
      const clerks: Client[] = [];

      /** A browser context signed in as `username` (its session cookie, got from the API). */
      async function staffContext(username: string): Promise<BrowserContext> {
        const client = await new Client(app.url).login(username);
        const [name, ...value] = client.cookie!.split('=');
        const context = await browser.newContext();
        await context.addCookies([{ name: name!, value: value.join('='), url: app.url }]);
        contexts.push(context);
        return context;
      }

      beforeAll(async () => {
        database = await pgliteDatabase();
        app = await startTestApp(database);
        const services = SERVICES.slice(0, count);
        fixture = await createCenterFixture(database.db, {
          name: CENTER_NAME,
          services,
          // Each counter serves one service, and the next as a second choice.
          counters: Array.from({ length: COUNTERS }, (_, i) => [
            ...new Set([services[i % count]!.code, services[(i + 1) % count]!.code]),
          ]),
          staff: [
            { role: 'clerk', count: COUNTERS },
            { role: 'manager', count: 1 },
          ],
        });
        const issuer = new Client(app.url);
        for (let i = 0; i < 2 * CALLS; i++) {
          const reply = await issuer.post(`/api/centers/${fixture.centerId}/tickets`, {
            serviceId: fixture.serviceIds[services[i % count]!.code],
          });
          expect(reply.status).toBe(201);
        }
        const mine = await issuer.post(`/api/centers/${fixture.centerId}/tickets`, {
          serviceId: fixture.serviceIds[services[count - 1]!.code],
        });
        expect(mine.status).toBe(201);
        ticketToken = mine.body.token;
        for (let i = 1; i < COUNTERS; i++) {
          const clerk = await new Client(app.url).login(fixture.usernames.clerk[i]!);
          expect((await clerk.post(`/api/counters/${fixture.counterIds[i]}/open`)).status).toBe(200);
          clerks[i] = clerk;
        }

        const publicContext = await browser.newContext();
        const kioskContext = await browser.newContext();
        contexts.push(publicContext, kioskContext);
        await kioskContext.addCookies([
          {
            name: 'luot_device_token',
            value: await pairDevice(database.db, fixture.centerId, 'kiosk'),
            url: app.url,
          },
        ]);
        const byRole: Record<Screen['context'], BrowserContext> = {
          public: publicContext,
          kiosk: kioskContext,
          clerk: await staffContext(fixture.usernames.clerk[0]!),
          manager: await staffContext(fixture.usernames.manager[0]!),
          admin: await staffContext('admin'),
        };
        for (const screen of SCREENS) {
          const page = await byRole[screen.context].newPage();
          page.setDefaultTimeout(10_000);
          pages.set(screen.name, page);
        }
        // The console's clerk opens counter 1 as a clerk would; the console remembers it.
        const console = pages.get('clerk-console')!;
        await console.goto(`${app.url}/counter/`);
        await console.getByRole('button', { name: 'Quầy 1', exact: true }).click();
        await console.getByRole('button', { name: 'Mở quầy' }).click();
        await console.getByText('Quầy 1 · Đang mở').waitFor();
      });
      afterAll(async () => {
        for (const context of contexts) await context.close();
        await app?.close();
        await database?.close();
      });

      const check = (calls: number) => {
        for (const screen of SCREENS) {
          if (screen.callsIrrelevant && calls > 0) continue;
          it(`${screen.name}, ${count} services, ${calls} calls, at every size`, async () => {
            const page = pages.get(screen.name)!;
            await page.setViewportSize(SIZES[0]!);
            await page.goto(`${app.url}${screen.url(fixture, ticketToken)}`);
            await screen.ready(page, fixture, calls);
            for (const size of SIZES) {
              const label = `${screen.name}-${count}-${calls}-${size.width}x${size.height}`;
              await page.setViewportSize(size);
              // Resizing reflows at once; a frame lets the layout settle before reading boxes.
              await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
              await page.screenshot({ path: `${SHOTS}/${label}.png` });
              const scrolls = typeof screen.scrolls === 'function' ? screen.scrolls(size) : screen.scrolls;
              const problems = await textProblems(page, { scrollsVertically: scrolls });
              expect
                .soft(problems, `${label}: ${JSON.stringify(problems)}`)
                .toEqual({ overlapping: [], outside: [], clipped: [], overflowing: [] });
            }
          });
        }
      };

      check(0);

      // The calls are made before the cases that need them, not as a case of their own, so a
      // filtered run (`-t 'dashboard'`) still has them.
      describe(`after ${CALLS} calls`, () => {
        beforeAll(async () => {
          for (let i = 1; i < COUNTERS; i++) {
            const reply = await clerks[i]!.post(`/api/counters/${fixture.counterIds[i]}/call-next`);
            expect(reply.status, `call at counter ${i + 1}`).toBe(200);
            expect(reply.body.ticket).toBeTruthy();
          }
        });

        check(CALLS);
      });
    });
  }
});
