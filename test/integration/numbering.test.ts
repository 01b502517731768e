/**
 * Ticket numbers (DESIGN.md §5): service code + daily sequence, per center, service and local
 * day; unique and gapless under concurrent issuance; refusals (quota, hours, inactive service)
 * take no number and leave no row.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WireTicket } from '../../shared/src/protocol.js';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, type CenterSpec, createCenterFixture } from '../helpers/fixtures.js';
import { Client, type Reply, startTestApp, type TestApp } from '../helpers/test-app.js';

type Issued = WireTicket & { token: string };

const TIMEZONE = 'Asia/Ho_Chi_Minh';

/** The local time of day, "HH:MM", as the server computes it for the center. */
function localTime(timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date())
    .slice(0, 5);
}

eachDatabase('ticket numbering', (kind) => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A center of the test's own and a signed-in clerk to issue at the desk (exempt from public limits). */
  async function center(spec: CenterSpec) {
    const fixture = await createCenterFixture(database.db, spec);
    const desk = await new Client(app.url).login(fixture.usernames.clerk[0]!);
    return { fixture, desk };
  }

  /** Replies are `any`: a 201 carries the ticket, a 409 the error. */
  function issue(client: Client, fixture: CenterFixture, code: string): Promise<Reply<any>> {
    return client.post(`/api/centers/${fixture.centerId}/tickets`, {
      serviceId: fixture.serviceIds[code],
      channel: 'staff',
    });
  }

  async function rowsOf(serviceId: number) {
    return database.db
      .selectFrom('tickets')
      .select(['number', sql<string>`day::text`.as('day')])
      .where('service_id', '=', serviceId)
      .orderBy('id')
      .execute();
  }

  async function sequencesOf(serviceId: number) {
    const rows = await database.db
      .selectFrom('daily_number_sequences')
      .select([sql<string>`day::text`.as('day'), 'last_number'])
      .where('service_id', '=', serviceId)
      .orderBy('day')
      .execute();
    return rows.map((r) => ({ day: r.day, last: r.last_number }));
  }

  async function localToday(): Promise<string> {
    const { rows } = await sql<{ day: string }>`
      SELECT (now() AT TIME ZONE ${TIMEZONE})::date::text AS day`.execute(database.db);
    return rows[0]!.day;
  }

  it('numbers each service of a center from 001 by its code, for citizens and staff alike', async () => {
    const { fixture, desk } = await center({ services: ['A', 'B'], counters: [['A', 'B']] });
    const numbers: string[] = [];
    for (const code of ['A', 'A', 'B', 'A', 'B']) {
      // A citizen on the web (a fresh device each time) and the desk, alternately.
      const client = numbers.length % 2 === 0 ? new Client(app.url) : desk;
      const res = await client.post<Issued>(`/api/centers/${fixture.centerId}/tickets`, {
        serviceId: fixture.serviceIds[code],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ serviceId: fixture.serviceIds[code], status: 'waiting' });
      numbers.push(res.body.number);
    }
    expect(numbers).toEqual(['A001', 'A002', 'B001', 'A003', 'B002']);

    // Another center's service with the same code counts on its own.
    const other = await center({ services: ['A'], counters: [['A']] });
    const first = await issue(other.desk, other.fixture, 'A');
    expect(first.body.number).toBe('A001');
  });

  it('keeps 200 tickets issued at once over several services unique and gapless', async () => {
    const codes = ['A', 'B', 'C', 'D'];
    const { fixture, desk } = await center({ services: codes, counters: [codes] });
    const perService = 50;
    const replies = await Promise.all(
      Array.from({ length: perService * codes.length }, (_, i) =>
        issue(desk, fixture, codes[i % codes.length]!),
      ),
    );

    for (const res of replies) expect(res.status, JSON.stringify(res.body)).toBe(201);
    const tokens = new Set(replies.map((r) => r.body.token as string));
    expect(tokens.size).toBe(replies.length);
    for (const code of codes) {
      const serviceId = fixture.serviceIds[code]!;
      const expected = Array.from(
        { length: perService },
        (_, i) => `${code}${String(i + 1).padStart(3, '0')}`,
      );
      const answered = replies.filter((r) => r.body.serviceId === serviceId).map((r) => r.body.number);
      expect(answered.sort()).toEqual(expected);
      const stored = (await rowsOf(serviceId)).map((r) => r.number);
      expect(stored.sort()).toEqual(expected);
      expect((await sequencesOf(serviceId)).map((s) => s.last)).toEqual([perService]);
    }

    // Each issue logged one event, with the center's seq gapless too.
    const seqs = await database.db
      .selectFrom('ticket_events')
      .select('seq')
      .where('center_id', '=', fixture.centerId)
      .where('type', '=', 'ticket.issued')
      .orderBy('seq')
      .execute();
    expect(seqs.map((e) => e.seq)).toEqual(Array.from({ length: replies.length }, (_, i) => i + 1));
  });

  it('refuses the ticket past the daily quota with 409 daily_quota_reached, taking no number and leaving no row', async () => {
    const { fixture, desk } = await center({ services: [{ code: 'Q', dailyQuota: 3 }], counters: [['Q']] });
    const serviceId = fixture.serviceIds.Q!;
    for (const expected of ['Q001', 'Q002', 'Q003']) {
      const res = await issue(desk, fixture, 'Q');
      expect(res.status).toBe(201);
      expect(res.body.number).toBe(expected);
    }

    for (let i = 0; i < 2; i++) {
      const refused = await issue(desk, fixture, 'Q');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        error: { code: 'daily_quota_reached', details: { serviceId, dailyQuota: 3 } },
      });
    }
    expect((await rowsOf(serviceId)).map((r) => r.number)).toEqual(['Q001', 'Q002', 'Q003']);
    expect((await sequencesOf(serviceId)).map((s) => s.last)).toEqual([3]);

    // Raise the quota: the next number follows on with no hole where the refusals were.
    await database.db.updateTable('services').set({ daily_quota: 4 }).where('id', '=', serviceId).execute();
    const next = await issue(desk, fixture, 'Q');
    expect(next.status).toBe(201);
    expect(next.body.number).toBe('Q004');
  });

  it('under a rush, exactly the quota is issued, numbered without gaps', async () => {
    const { fixture, desk } = await center({ services: [{ code: 'R', dailyQuota: 5 }], counters: [['R']] });
    const replies = await Promise.all(Array.from({ length: 12 }, () => issue(desk, fixture, 'R')));
    const issued = replies.filter((r) => r.status === 201);
    const refused = replies.filter((r) => r.status !== 201);
    expect(issued.map((r) => r.body.number).sort()).toEqual(['R001', 'R002', 'R003', 'R004', 'R005']);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body).toMatchObject({ error: { code: 'daily_quota_reached' } });
    expect(await rowsOf(fixture.serviceIds.R!)).toHaveLength(5);
  });

  it('refuses outside issuing hours with 409 outside_issuing_hours, saying when it issues', async () => {
    const never = [{ from: '00:00', to: '00:00' }];
    const { fixture, desk } = await center({
      services: [{ code: 'H', issuingHours: never }],
      counters: [['H']],
    });
    const serviceId = fixture.serviceIds.H!;

    const refused = await issue(desk, fixture, 'H');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'outside_issuing_hours',
      details: { serviceId, issuingHours: never },
    });
    expect(refused.body.error.details.localTime).toMatch(/^\d\d:\d\d$/);
    expect(await rowsOf(serviceId)).toEqual([]);
    expect(await sequencesOf(serviceId)).toEqual([]);

    // Open around the clock: the first ticket is still 001.
    await database.db
      .updateTable('services')
      .set({ issuing_hours: JSON.stringify([{ from: '00:00', to: '24:00' }]) })
      .where('id', '=', serviceId)
      .execute();
    const opened = await issue(desk, fixture, 'H');
    expect(opened.status).toBe(201);
    expect(opened.body.number).toBe('H001');
  });

  it('refuses after the day’s cut-off in the center’s local time', async () => {
    const now = localTime(TIMEZONE);
    // A window that closed at the current minute (its end is exclusive). Within two minutes of
    // midnight the day could turn under the test, so a window that never opens stands in.
    const closed =
      now >= '00:01' && now < '23:58' ? [{ from: '00:00', to: now }] : [{ from: '00:00', to: '00:00' }];
    const { fixture, desk } = await center({
      services: [{ code: 'K', issuingHours: closed }],
      counters: [['K']],
    });
    const refused = await issue(desk, fixture, 'K');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('outside_issuing_hours');
    expect(await rowsOf(fixture.serviceIds.K!)).toEqual([]);
  });

  it('refuses an inactive service with 409 service_inactive', async () => {
    const { fixture, desk } = await center({ services: ['I'], counters: [['I']] });
    const serviceId = fixture.serviceIds.I!;
    await database.db.updateTable('services').set({ active: false }).where('id', '=', serviceId).execute();

    const refused = await issue(desk, fixture, 'I');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'service_inactive', details: { serviceId } });
    expect(await rowsOf(serviceId)).toEqual([]);
    expect(await sequencesOf(serviceId)).toEqual([]);
  });

  it('answers 404 for a service of another center, and issues nothing', async () => {
    const mine = await center({ services: ['A'], counters: [['A']] });
    const theirs = await center({ services: ['A'], counters: [['A']] });
    const res = await mine.desk.post(`/api/centers/${mine.fixture.centerId}/tickets`, {
      serviceId: theirs.fixture.serviceIds.A,
      channel: 'staff',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(await rowsOf(theirs.fixture.serviceIds.A!)).toEqual([]);
  });

  it('starts again from 001 each local day, whatever yesterday reached', async () => {
    const { fixture, desk } = await center({ services: ['D'], counters: [['D']] });
    const serviceId = fixture.serviceIds.D!;
    const today = await localToday();
    const { rows } = await sql<{ day: string }>`SELECT (${today}::date - 1)::text AS day`.execute(
      database.db,
    );
    const yesterday = rows[0]!.day;
    // Yesterday went as far as D041, and its D001 is still in the table.
    await database.db
      .insertInto('daily_number_sequences')
      .values({ service_id: serviceId, day: yesterday, last_number: 41 })
      .execute();
    await database.db
      .insertInto('tickets')
      .values({
        center_id: fixture.centerId,
        service_id: serviceId,
        day: yesterday,
        number: 'D001',
        token: `yesterday-${serviceId}-token-0001`,
        status: 'done',
        channel: 'kiosk',
        issued_at: sql<Date>`now() - interval '1 day'`,
        queued_at: sql<Date>`now() - interval '1 day'`,
      })
      .execute();

    const first = await issue(desk, fixture, 'D');
    const second = await issue(desk, fixture, 'D');
    expect(first.status).toBe(201);
    expect([first.body.number, second.body.number]).toEqual(['D001', 'D002']);
    expect(await sequencesOf(serviceId)).toEqual([
      { day: yesterday, last: 41 },
      { day: today, last: 2 },
    ]);
    expect(await rowsOf(serviceId)).toEqual([
      { number: 'D001', day: yesterday },
      { number: 'D001', day: today },
      { number: 'D002', day: today },
    ]);
  });
});
