/**
 * Ratings on the counter display (issue 4): once per ticket, only from that counter's paired
 * display (issue 10), and only while the ticket is the one just completed at that counter:
 * within the window after its completion there, and before that counter calls anyone else.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COUNTER_RATING_WINDOW_SECONDS } from '../../shared/src/counter-rating.js';
import type { LiveEvent } from '../../shared/src/protocol.js';
import { connectSocket, subscribe } from '../helpers/board.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { pairDevice } from '../helpers/devices.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError, expectRefused } from '../helpers/refusals.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

eachDatabase('rating at the counter display', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let center: CenterFixture;
  let clerk: Client;
  /** Each counter's own paired display. */
  let displays: Map<number, Client>;
  let display: Client;
  let counterA: number;
  let counterB: number;

  const issue = async () =>
    (
      await new Client(app.url).post(`/api/centers/${center.centerId}/tickets`, {
        serviceId: center.serviceIds.A,
      })
    ).body as { id: number; token: string };
  /** Issues a ticket, calls it at `counterId`, and leaves it serving there. */
  const serving = async (counterId: number) => {
    const ticket = await issue();
    const called = await clerk.post(`/api/counters/${counterId}/call-next`);
    expect(called.body.ticket.id).toBe(ticket.id);
    expect((await clerk.post(`/api/tickets/${ticket.id}/start`)).status).toBe(200);
    return ticket;
  };
  const completed = async (counterId: number) => {
    const ticket = await serving(counterId);
    expect((await clerk.post(`/api/tickets/${ticket.id}/complete`, { outcome: 'resolved' })).status).toBe(
      200,
    );
    return ticket;
  };
  const rate = (counterId: number, body: unknown) =>
    displays.get(counterId)!.post(`/api/counters/${counterId}/rating`, body);
  const displayOf = async (counterId: number | null, kind: 'counter_display' | 'kiosk' = 'counter_display') =>
    new Client(app.url, {
      authorization: `Bearer ${await pairDevice(database.db, center.centerId, kind, counterId)}`,
    });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    center = await createCenterFixture(database.db, { services: ['A'], counters: [['A'], ['A']] });
    [counterA, counterB] = center.counterIds as [number, number];
    clerk = await new Client(app.url).login(center.usernames.clerk[0]!);
    expect((await clerk.post(`/api/counters/${counterA}/open`)).status).toBe(200);
    expect((await clerk.post(`/api/counters/${counterB}/open`)).status).toBe(200);
    displays = new Map();
    for (const id of [counterA, counterB]) displays.set(id, await displayOf(id));
    display = displays.get(counterA)!;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('tells a display its counter and center', async () => {
    const info = await display.get(`/api/counters/${counterA}/display`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      centerId: center.centerId,
      centerName: expect.stringMatching(/^Trung tâm /),
      counter: expect.objectContaining({
        id: counterA,
        number: 1,
        state: 'open',
        serviceIds: [center.serviceIds.A],
      }),
      ratings: true,
    });
    // Anyone else may read it, and is told it takes no ratings.
    expect((await new Client(app.url).get(`/api/counters/${counterA}/display`)).body.ratings).toBe(false);
    expect((await displays.get(counterB)!.get(`/api/counters/${counterA}/display`)).body.ratings).toBe(false);
    expectError(await display.get('/api/counters/999999/display'), 404, 'not_found');
    expectError(await display.get('/api/counters/x/display'), 400, 'validation_failed');
  });

  it('takes one rating for the ticket just completed, then refuses a second with feedback_exists', async () => {
    const ticket = await completed(counterA);
    const first = await rate(counterA, { ticketId: ticket.id, rating: 4 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ticketId: ticket.id, rating: 4, comment: null });

    await expectRefused(
      database.db,
      'second rating',
      () => rate(counterA, { ticketId: ticket.id, rating: 1 }),
      409,
      'feedback_exists',
    );
    // The citizen's own page shares the one rating per ticket.
    const citizen = await new Client(app.url).post(`/api/tickets/${ticket.token}/feedback`, { rating: 2 });
    expectError(citizen, 409, 'feedback_exists');
    const rows = await database.db
      .selectFrom('feedback')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows.map((r) => r.rating)).toEqual([4]);
  });

  it('takes a rating only from that counter’s paired display, so the public feed cannot forge one', async () => {
    const ticket = await completed(counterA);
    const forgers: [string, Client][] = [
      ['anyone who follows the feed', new Client(app.url)],
      ['the display of another counter', displays.get(counterB)!],
      ['a kiosk of the center', await displayOf(null, 'kiosk')],
    ];
    for (const [label, client] of forgers) {
      await expectRefused(
        database.db,
        label,
        () => client.post(`/api/counters/${counterA}/rating`, { ticketId: ticket.id, rating: 1 }),
        403,
        'device_not_paired',
      );
    }
    // The citizen's own rating is still theirs to give.
    const own = await new Client(app.url).post(`/api/tickets/${ticket.token}/feedback`, { rating: 4 });
    expect(own.status).toBe(201);
    // A counter display paired before displays named their counter rates at its center's counters.
    const older = await completed(counterB);
    const unbound = await displayOf(null);
    expect(
      (await unbound.post(`/api/counters/${counterB}/rating`, { ticketId: older.id, rating: 3 })).status,
    ).toBe(201);
  });

  it('refuses a ticket not completed at that counter, or not completed at all', async () => {
    const atB = await completed(counterB);
    await expectRefused(
      database.db,
      'completed at another counter',
      () => rate(counterA, { ticketId: atB.id, rating: 3 }),
      409,
      'rating_closed',
    );
    const inService = await serving(counterA);
    await expectRefused(
      database.db,
      'still being served',
      () => rate(counterA, { ticketId: inService.id, rating: 3 }),
      409,
      'rating_closed',
    );
    await clerk.post(`/api/tickets/${inService.id}/complete`, {});
    expect((await rate(counterA, { ticketId: inService.id, rating: 3 })).status).toBe(201);
    expect((await rate(counterB, { ticketId: atB.id, rating: 2 })).status).toBe(201);
  });

  it('refuses once the counter has called the next citizen', async () => {
    const first = await completed(counterA);
    const next = await issue();
    expect((await clerk.post(`/api/counters/${counterA}/call-next`)).body.ticket.id).toBe(next.id);
    const error = await expectRefused(
      database.db,
      'after the next call',
      () => rate(counterA, { ticketId: first.id, rating: 4 }),
      409,
      'rating_closed',
    );
    expect(error.message).toContain('called another ticket');
    await clerk.post(`/api/tickets/${next.id}/start`);
    await clerk.post(`/api/tickets/${next.id}/complete`, {});
  });

  it(`refuses once ${COUNTER_RATING_WINDOW_SECONDS} s have passed since the completion`, async () => {
    const ticket = await completed(counterA);
    await sql`UPDATE ticket_events SET at = at - make_interval(secs => ${COUNTER_RATING_WINDOW_SECONDS + 1})
              WHERE ticket_id = ${ticket.id} AND type = 'ticket.done'`.execute(database.db);
    const error = await expectRefused(
      database.db,
      'too late',
      () => rate(counterA, { ticketId: ticket.id, rating: 4 }),
      409,
      'rating_closed',
    );
    expect(error.details).toEqual({ counterId: counterA, ticketId: ticket.id });
  });

  it('refuses bad input and unknown ids without writing anything', async () => {
    const ticket = await completed(counterA);
    const refused = (label: string, counterId: number | string, body: unknown, status: number, code: any) =>
      expectRefused(
        database.db,
        label,
        () => display.post(`/api/counters/${counterId}/rating`, body),
        status,
        code,
      );
    await refused('rating 5', counterA, { ticketId: ticket.id, rating: 5 }, 400, 'validation_failed');
    await refused('rating as text', counterA, { ticketId: ticket.id, rating: '4' }, 400, 'validation_failed');
    await refused('no ticket', counterA, { rating: 4 }, 400, 'validation_failed');
    await refused(
      'extra field',
      counterA,
      { ticketId: ticket.id, rating: 4, comment: 'x' },
      400,
      'validation_failed',
    );
    await refused('unknown counter', 999_999, { ticketId: ticket.id, rating: 4 }, 404, 'not_found');
    await refused('unknown ticket', counterA, { ticketId: 999_999, rating: 4 }, 404, 'not_found');
    expect((await rate(counterA, { ticketId: ticket.id, rating: 1 })).status).toBe(201);
  });

  it('takes exactly one of two ratings sent at once', async () => {
    const ticket = await completed(counterA);
    const replies = await Promise.all(
      [1, 2, 3, 4].map((rating) => rate(counterA, { ticketId: ticket.id, rating })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of replies.filter((r) => r.status === 409)) expectError(r, 409, 'feedback_exists');
    const rows = await database.db
      .selectFrom('feedback')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('tells the phone of a rating given on the display, and keeps the comment it sends after (issue 11 item 15)', async () => {
    const ticket = await completed(counterA);
    const phone = connectSocket(app.url);
    try {
      const ack = await subscribe(phone, { ticketToken: ticket.token });
      expect(ack).toMatchObject({ snapshot: { ticket: { id: ticket.id, status: 'done' }, feedback: null } });
      const told = new Promise<LiveEvent>((resolve) =>
        phone.on('event', (e) => e.type === 'ticket.rated' && resolve(e)),
      );
      expect((await rate(counterA, { ticketId: ticket.id, rating: 4 })).status).toBe(201);
      expect(await told).toMatchObject({
        type: 'ticket.rated',
        ticket: { id: ticket.id },
        feedback: { rating: 4, hasComment: false },
      });
    } finally {
      phone.close();
    }
    const citizen = new Client(app.url);
    // On load, too: the page shows the rating given instead of the form.
    expect((await citizen.get(`/api/tickets/${ticket.token}`)).body.feedback).toEqual({
      rating: 4,
      hasComment: false,
    });
    // The phone's form was open: its rating and comment arrive after the display's rating.
    const late = await citizen.post(`/api/tickets/${ticket.token}/feedback`, {
      rating: 1,
      comment: 'Cán bộ nhiệt tình',
    });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({
      ticketId: ticket.id,
      rating: 4,
      comment: 'Cán bộ nhiệt tình',
      attached: true,
    });
    // A second comment, or a rating alone, is refused, naming the rating given.
    const again = await citizen.post(`/api/tickets/${ticket.token}/feedback`, { rating: 2, comment: 'Thêm' });
    expectError(again, 409, 'feedback_exists');
    expect(again.body.error.details).toEqual({ rating: 4, hasComment: true });
    const rows = await database.db
      .selectFrom('feedback')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(rows).toMatchObject([{ rating: 4, comment: 'Cán bộ nhiệt tình' }]);
    expect((await citizen.get(`/api/tickets/${ticket.token}`)).body.feedback).toEqual({
      rating: 4,
      hasComment: true,
    });
  });
});
