/**
 * Two server instances on one Postgres and one Redis: 500 tickets issued through both while
 * 12 clerks call next through both. Every ticket is called exactly once, numbers are unique
 * and gapless, and a board on instance A sees the calls made through B with contiguous seq.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database.js';
import type { LiveEvent } from '../../shared/src/protocol.js';
import type { TestBoard as Board } from '../helpers/board.js';
import { connectSocket, subscribe, TestBoard } from '../helpers/board.js';
import { hasPostgres, postgresDatabaseUrl, redisUrl } from '../helpers/database.js';
import { kioskClient, pairDevice } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { IN_CI } from '../helpers/services.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const TICKETS = 500;
const CLERKS = 12;
const ISSUE_CONCURRENCY = 10;

describe.runIf(IN_CI || (hasPostgres() && redisUrl() !== null))(
  'two instances over Postgres and Redis',
  () => {
    const handles: Awaited<ReturnType<typeof openDatabase>>[] = [];
    const apps: TestApp[] = [];
    let fixture: CenterFixture;
    let board: Board;

    beforeAll(async () => {
      const url = await postgresDatabaseUrl();
      const prefix = `luot-test-${process.pid}-${Date.now()}`;
      for (let i = 0; i < 2; i++) {
        const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 12 });
        handles.push(handle);
        apps.push(await startTestApp(handle, { redisUrl: redisUrl(), env: { REDIS_PREFIX: prefix } }));
      }
      fixture = await createCenterFixture(handles[0]!.db, {
        services: ['A', 'B', 'C'],
        counters: Array.from({ length: CLERKS }, (_, i) => [
          ['A', 'B', 'C'][i % 3]!,
          ['B', 'C', 'A'][i % 3]!,
        ]),
        staff: [{ role: 'clerk', count: CLERKS }],
      });
      board = new TestBoard(apps[0]!.url, fixture.centerId);
      await board.until(() => board.feed.synced);
    });

    afterAll(async () => {
      board?.close();
      for (const app of apps) await app.close();
      for (const handle of handles) await handle.close();
    });

    it('calls every ticket exactly once, numbers gapless, and the board on A hears B', async () => {
      const { centerId, serviceIds, counterIds, usernames } = fixture;
      const clerks = await Promise.all(
        usernames.clerk.map((name, i) => new Client(apps[i % 2]!.url).login(name)),
      );
      for (const [i, clerk] of clerks.entries()) {
        expect((await clerk.post(`/api/counters/${counterIds[i]}/open`)).status).toBe(200);
      }

      // Clerks wait for the next issuance instead of polling on a timer.
      let issuingDone = false;
      let wake: (() => void)[] = [];
      const nudge = () => {
        const waiting = wake;
        wake = [];
        for (const w of waiting) w();
      };
      const nextIssue = () => new Promise<void>((resolve) => wake.push(resolve));

      const served: number[] = [];
      const clerkLoop = async (clerk: Client, counterId: number) => {
        for (;;) {
          const pending = nextIssue();
          const call = await clerk.post(`/api/counters/${counterId}/call-next`);
          if (call.status === 204) {
            if (issuingDone) return;
            await pending;
            continue;
          }
          expect(call.status).toBe(200);
          const id = call.body.ticket.id as number;
          expect((await clerk.post(`/api/tickets/${id}/start`)).status).toBe(200);
          expect((await clerk.post(`/api/tickets/${id}/complete`, { outcome: 'resolved' })).status).toBe(200);
          served.push(id);
        }
      };

      const kiosk = { authorization: `Bearer ${await pairDevice(handles[0]!.db, centerId, 'kiosk')}` };
      const issuers = [new Client(apps[0]!.url, kiosk), new Client(apps[1]!.url, kiosk)];
      const codes = Object.keys(serviceIds);
      let issued = 0;
      const issueLoop = async (lane: number) => {
        for (let n = lane; n < TICKETS; n += ISSUE_CONCURRENCY) {
          const res = await issuers[n % 2]!.post(`/api/centers/${centerId}/tickets`, {
            serviceId: serviceIds[codes[n % codes.length]!],
            ...(n % 7 === 0 ? { priority: 'elderly' } : {}),
            channel: 'kiosk',
          });
          expect(res.status).toBe(201);
          issued++;
          nudge();
        }
      };

      const clerkRuns = clerks.map((clerk, i) => clerkLoop(clerk, counterIds[i]!));
      await Promise.all(Array.from({ length: ISSUE_CONCURRENCY }, (_, lane) => issueLoop(lane)));
      issuingDone = true;
      nudge();
      await Promise.all(clerkRuns);
      expect(issued).toBe(TICKETS);

      const db = handles[0]!.db;
      const tickets = await db.selectFrom('tickets').selectAll().where('center_id', '=', centerId).execute();
      expect(tickets).toHaveLength(TICKETS);
      expect(tickets.every((t) => t.status === 'done')).toBe(true);
      expect(new Set(served).size).toBe(TICKETS);
      expect(served).toHaveLength(TICKETS);

      const calls = await db
        .selectFrom('ticket_events')
        .select(['ticket_id', 'seq'])
        .where('center_id', '=', centerId)
        .where('type', '=', 'ticket.called')
        .execute();
      expect(calls).toHaveLength(TICKETS);
      expect(new Set(calls.map((c) => c.ticket_id)).size).toBe(TICKETS);

      for (const code of codes) {
        const numbers = tickets
          .filter((t) => t.service_id === serviceIds[code])
          .map((t) => Number(t.number.slice(code.length)))
          .sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      }

      const { last_seq } = await db
        .selectFrom('center_sequences')
        .select('last_seq')
        .where('center_id', '=', centerId)
        .executeTakeFirstOrThrow();
      await board.untilSeq(last_seq, 30_000);
      const seqs = board.applied.map((e) => e.seq);
      const first = board.snapshots[0]!.seq;
      expect(seqs).toEqual(Array.from({ length: last_seq - first }, (_, i) => first + 1 + i));
      const boardCalls = board.applied.filter((e) => e.type === 'ticket.called');
      expect(boardCalls).toHaveLength(TICKETS);
      // Half the clerks work through instance B: their calls reached the board on A.
      const viaB = new Set(counterIds.filter((_, i) => i % 2 === 1));
      expect(boardCalls.filter((e) => viaB.has(e.counterId!)).length).toBeGreaterThan(0);
    }, 120_000); // 500 tickets through two instances: 15–20 s alone, much more on a loaded 2-core box

    it('tells a citizen whose page is on B of the position a call through A changed', async () => {
      const { centerId, serviceIds, counterIds, usernames } = fixture;
      const kiosk = await kioskClient(handles[0]!.db, apps[0]!.url, centerId);
      const issue = async () => {
        const res = await kiosk.post(`/api/centers/${centerId}/tickets`, {
          serviceId: serviceIds.A,
          channel: 'kiosk',
        });
        expect(res.status).toBe(201);
        return res.body as { id: number; token: string };
      };
      await issue();
      const mine = await issue();
      const phone = connectSocket(apps[1]!.url);
      try {
        const heard: LiveEvent[] = [];
        phone.on('event', (e) => heard.push(e));
        const ack = await subscribe(phone, { ticketToken: mine.token });
        expect(ack).toHaveProperty('snapshot');
        expect((ack as { snapshot: { ticket: { position: number } } }).snapshot.ticket.position).toBe(2);
        const moved = new Promise<LiveEvent>((resolve) =>
          phone.on('event', (e) => e.type === 'ticket.position' && e.ticket?.position === 1 && resolve(e)),
        );
        // Counter 0 serves A first; its clerk works through instance A.
        const clerk = await new Client(apps[0]!.url).login(usernames.clerk[0]!);
        const call = await clerk.post(`/api/counters/${counterIds[0]}/call-next`);
        expect(call.status).toBe(200);
        expect(call.body.ticket.id).not.toBe(mine.id);
        expect((await moved).ticket?.id).toBe(mine.id);
        expect(heard.filter((e) => e.type === 'ticket.position').every((e) => e.ticket?.id === mine.id)).toBe(
          true,
        );
      } finally {
        phone.disconnect();
      }
    });
  },
);
