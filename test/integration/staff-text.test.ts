/**
 * Text staff type never reaches a public screen (issue 10, Medium 5; DESIGN.md §14): the reason
 * of a call out of order, the reason a priority was removed, a pause's own words and a
 * completion's note. Boards (center room), counter displays (counter room) and the citizen's
 * own page (ticket room) get the events, replays and snapshots without them, and so do the
 * public routes; the center's staff room gets them whole, and only a staff session of the
 * center may join it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/src/protocol.js';
import { connectSocket, subscribe, type TestSocket } from '../helpers/board.js';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { kioskClient } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const SECRETS = {
  call: 'Ông Trần Văn B, hồ sơ đất thửa 12',
  priority: 'Không xuất trình được thẻ thương binh',
  pause: 'Đi đón con ở trường',
  complete: 'Số điện thoại 0912 345 678',
};
const anySecret = (value: unknown) => {
  const text = JSON.stringify(value);
  return Object.values(SECRETS).filter((s) => text.includes(s));
};

/** Every event a socket hears, as it comes. */
function listen(socket: TestSocket): LiveEvent[] {
  const heard: LiveEvent[] = [];
  socket.on('event', (e) => heard.push(e));
  return heard;
}

describe('what staff type stays with staff', () => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let clerk: Client;
  const sockets: TestSocket[] = [];
  const open = (headers?: Record<string, string>) => {
    const socket = connectSocket(app.url, headers ? { extraHeaders: headers } : {});
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    clerk = await new Client(app.url).login(f.usernames.clerk[0]!);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await database?.close();
  });

  it('keeps notes and reasons out of public rooms, replays, snapshots and routes, and gives them to staff', async () => {
    const counterId = f.counterIds[0]!;
    const kiosk = await kioskClient(database.db, app.url, f.centerId);
    const issue = async (priority: string | null = null) =>
      (
        await kiosk.post(`/api/centers/${f.centerId}/tickets`, {
          serviceId: f.serviceIds.A,
          channel: 'kiosk',
          priority,
        })
      ).body as { id: number; token: string };
    const first = await issue();
    const second = await issue('veteran');

    const board = open();
    const display = open();
    const citizen = open();
    const staff = open({ cookie: clerk.cookie! });
    const heard = {
      board: listen(board),
      display: listen(display),
      citizen: listen(citizen),
      staff: listen(staff),
    };
    expect(await subscribe(board, { centerId: f.centerId })).toHaveProperty('snapshot');
    expect(await subscribe(display, { counterId })).toHaveProperty('snapshot');
    expect(await subscribe(citizen, { ticketToken: second.token })).toHaveProperty('snapshot');
    expect(await subscribe(staff, { centerId: f.centerId, staff: true })).toHaveProperty('snapshot');

    expect((await clerk.post(`/api/counters/${counterId}/open`)).status).toBe(200);
    const decided = await clerk.post(`/api/tickets/${second.id}/priority`, {
      decision: 'remove',
      reason: SECRETS.priority,
    });
    expect(decided.status).toBe(200);
    const called = await clerk.post(`/api/counters/${counterId}/call`, {
      ticketId: second.id,
      reason: SECRETS.call,
    });
    expect(called.status).toBe(200);
    expect((await clerk.post(`/api/tickets/${second.id}/start`)).status).toBe(200);
    const done = await clerk.post(`/api/tickets/${second.id}/complete`, { note: SECRETS.complete });
    expect(done.status).toBe(200);
    expect((await clerk.post(`/api/counters/${counterId}/pause`, { reason: SECRETS.pause })).status).toBe(
      200,
    );

    // The staff room heard everything, notes included; wait for its last event.
    await expect
      .poll(() => heard.staff.some((e) => e.type === 'counter.changed' && e.counter?.state === 'paused'))
      .toBe(true);
    expect(anySecret(heard.staff).sort()).toEqual([SECRETS.call, SECRETS.pause, SECRETS.priority].sort());
    const lastSeq = heard.staff.at(-1)!.seq;
    await expect.poll(() => heard.board.at(-1)?.seq).toBe(lastSeq);
    await expect.poll(() => heard.display.at(-1)?.seq).toBe(lastSeq);
    await expect.poll(() => heard.citizen.some((e) => e.type === 'ticket.done')).toBe(true);
    expect(heard.board.map((e) => e.seq)).toEqual(heard.staff.map((e) => e.seq));
    for (const [who, events] of Object.entries(heard)) {
      if (who !== 'staff') expect(anySecret(events), who).toEqual([]);
    }
    // The board still learns that the counter paused, and why in a word it may show.
    expect(heard.board.at(-1)?.counter).toMatchObject({ state: 'paused', pauseReason: 'other' });
    expect(heard.board.at(-1)?.counter).not.toHaveProperty('pauseNote');

    // Replays and snapshots: public ones without, the staff room's with.
    const late = open();
    const replayed = await subscribe(late, { centerId: f.centerId, sinceSeq: 0 });
    expect('events' in replayed && replayed.events.length).toBeGreaterThan(5);
    expect(anySecret(replayed)).toEqual([]);
    expect(anySecret(await subscribe(late, { centerId: f.centerId }))).toEqual([]);
    expect(anySecret(await subscribe(open(), { counterId, sinceSeq: 0 }))).toEqual([]);
    expect(anySecret(await subscribe(open(), { counterId }))).toEqual([]);
    expect(anySecret(await subscribe(open(), { ticketToken: second.token }))).toEqual([]);
    const staffLate = open({ cookie: clerk.cookie! });
    const staffReplay = await subscribe(staffLate, { centerId: f.centerId, sinceSeq: 0, staff: true });
    expect(anySecret(staffReplay).sort()).toEqual([SECRETS.call, SECRETS.pause, SECRETS.priority].sort());
    const staffSnapshot = await subscribe(staffLate, { centerId: f.centerId, staff: true });
    expect(anySecret(staffSnapshot)).toEqual([SECRETS.pause]);

    // Public routes.
    const anyone = new Client(app.url);
    for (const path of [
      `/api/centers/${f.centerId}/counters`,
      `/api/centers/${f.centerId}/snapshot`,
      `/api/counters/${counterId}/display`,
      `/api/tickets/${second.token}`,
      `/api/tickets/${first.token}`,
    ]) {
      const res = await anyone.get(path);
      expect(res.status, path).toBe(200);
      expect(anySecret(res.body), path).toEqual([]);
    }
  });

  it('lets only a staff session of the center into its staff room', async () => {
    const anonymous = await subscribe(open(), { centerId: f.centerId, staff: true });
    expect(anonymous).toMatchObject({ error: { code: 'unauthenticated' } });
    const other = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    const stranger = await new Client(app.url).login(other.usernames.clerk[0]!);
    const refused = await subscribe(open({ cookie: stranger.cookie! }), {
      centerId: f.centerId,
      staff: true,
    });
    expect(refused).toMatchObject({ error: { code: 'forbidden' } });
    const forged = await subscribe(open({ cookie: 'luot_session=made-up' }), {
      centerId: f.centerId,
      staff: true,
    });
    expect(forged).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});
