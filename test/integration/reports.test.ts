/**
 * Report figures against a small day worked out by hand: a recall, a no-show, a transfer
 * (and the ticket it became), a cancellation, a ticket served after midnight, ratings, and
 * a ticket of the next day that must stay out. Times are local (UTC+7).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.js';

const D = '2026-03-02';
const at = (time: string, day = D) => `${day}T${time}:00+07:00`;

eachDatabase('reports from the event log', (kind) => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let manager: Client;
  let seq = 0;
  let n = 0;

  async function ticket(spec: {
    code: string;
    status: string;
    clerk?: 0 | 1;
    day?: string;
    events: [string, string][];
    rating?: number;
  }): Promise<number> {
    const userIds = await database.db.selectFrom('users').select(['id', 'username']).execute();
    const clerkId =
      spec.clerk === undefined
        ? null
        : userIds.find((u) => u.username === f.usernames.clerk[spec.clerk!])!.id;
    const issuedAt = spec.events[0]![1];
    const { rows } = await sql<{ id: number }>`
      INSERT INTO tickets (center_id, service_id, day, number, token, status, channel, issued_at, queued_at, clerk_id)
      VALUES (${f.centerId}, ${f.serviceIds[spec.code]}, ${spec.day ?? D}::date, ${`${spec.code}${++n}`},
        ${`report-test-token-${kind}-${n}`}, ${spec.status}, 'kiosk', ${issuedAt}::timestamptz, ${issuedAt}::timestamptz, ${clerkId})
      RETURNING id`.execute(database.db);
    const id = rows[0]!.id;
    for (const [type, time] of spec.events) {
      await sql`INSERT INTO ticket_events (center_id, seq, type, ticket_id, user_id, payload, at)
        VALUES (${f.centerId}, ${++seq}, ${type}, ${id}, ${clerkId}, '{}'::jsonb, ${time}::timestamptz)`.execute(
        database.db,
      );
    }
    // The ticket's own columns say what its events say, as the server writes them: served is
    // read from them (shared/src/served.ts), the times from the events.
    const started = spec.events.find(([type]) => type === 'ticket.serving')?.[1] ?? null;
    const transferred = spec.events.some(([type]) => type === 'ticket.transferred');
    await sql`UPDATE tickets SET started_at = ${started}::timestamptz,
        outcome = ${transferred ? 'transferred' : spec.status === 'done' ? 'resolved' : null}
      WHERE id = ${id}`.execute(database.db);
    if (spec.rating)
      await sql`INSERT INTO feedback (ticket_id, rating) VALUES (${id}, ${spec.rating})`.execute(database.db);
    return id;
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A', 'B'],
      counters: [['A'], ['B']],
      staff: [
        { role: 'clerk', count: 2 },
        { role: 'manager', count: 1 },
      ],
    });
    manager = await new Client(app.url).login(f.usernames.manager[0]!);
    const day = (events: [string, string][]) =>
      events.map(([type, time]) => [`ticket.${type}`, at(time)] as [string, string]);
    await ticket({
      code: 'A',
      status: 'done',
      clerk: 0,
      rating: 4,
      events: day([
        ['issued', '08:00'],
        ['called', '08:10'],
        ['serving', '08:12'],
        ['done', '08:20'],
      ]),
    });
    await ticket({
      code: 'A',
      status: 'done',
      clerk: 0,
      rating: 2,
      events: day([
        ['issued', '08:05'],
        ['called', '08:45'],
        ['recalled', '08:47'],
        ['serving', '08:50'],
        ['done', '09:00'],
      ]),
    });
    await ticket({
      code: 'A',
      status: 'no_show',
      clerk: 1,
      events: day([
        ['issued', '08:30'],
        ['called', '08:50'],
        ['no_show', '08:55'],
      ]),
    });
    await ticket({
      code: 'B',
      status: 'done',
      clerk: 1,
      events: day([
        ['issued', '09:00'],
        ['called', '09:05'],
        ['serving', '09:06'],
        ['transferred', '09:10'],
      ]),
    });
    // The ticket the transfer made: the original issue time, no issued event of its own.
    await ticket({
      code: 'A',
      status: 'done',
      clerk: 0,
      events: [
        ['ticket.called', at('09:30')],
        ['ticket.serving', at('09:31')],
        ['ticket.done', at('09:41')],
      ].map(([t, x]) => [t!, x!] as [string, string]),
    });
    await sql`UPDATE tickets SET issued_at = ${at('09:00')}::timestamptz WHERE number = 'A5'`.execute(
      database.db,
    );
    await ticket({
      code: 'B',
      status: 'done',
      clerk: 1,
      events: [
        ['ticket.issued', at('23:50')],
        ['ticket.called', at('00:05', '2026-03-03')],
        ['ticket.serving', at('00:06', '2026-03-03')],
        ['ticket.done', at('00:16', '2026-03-03')],
      ],
    });
    await ticket({
      code: 'B',
      status: 'cancelled',
      events: day([
        ['issued', '10:00'],
        ['cancelled', '10:05'],
      ]),
    });
    await ticket({
      code: 'A',
      status: 'done',
      clerk: 0,
      day: '2026-03-03',
      events: [
        ['ticket.issued', at('08:00', '2026-03-03')],
        ['ticket.called', at('08:01', '2026-03-03')],
        ['ticket.serving', at('08:02', '2026-03-03')],
        ['ticket.done', at('08:03', '2026-03-03')],
      ],
    });
    await sql`UPDATE center_sequences SET last_seq = ${seq} WHERE center_id = ${f.centerId}`.execute(
      database.db,
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('gives the day’s totals, per service, per clerk and per hour as worked out by hand', async () => {
    const res = await manager.get(`/api/centers/${f.centerId}/reports?from=${D}&to=${D}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.total).toEqual({
      issued: 7,
      served: 4,
      noShow: 1,
      cancelled: 1,
      transferred: 1,
      expired: 0,
      waitMean: 1200,
      waitMedian: 1050,
      waitP90: 2100,
      serviceMean: 570,
      serviceMedian: 600,
      serviceP90: 600,
      withinSla: 0.833,
      ratings: { '1': 0, '2': 1, '3': 0, '4': 1 },
    });
    const [A, B] = r.services;
    expect(A).toMatchObject({
      code: 'A',
      issued: 4,
      served: 3,
      noShow: 1,
      waitMean: 1500,
      waitMedian: 1500,
      waitP90: 2220,
      serviceMean: 560,
      withinSla: 0.75,
    });
    expect(B).toMatchObject({
      code: 'B',
      issued: 3,
      served: 1,
      cancelled: 1,
      transferred: 1,
      waitMean: 600,
      waitMedian: 600,
      waitP90: 840,
      serviceMean: 600,
      withinSla: 1,
    });
    const [u1, u2] = r.clerks;
    expect(u1).toMatchObject({ username: f.usernames.clerk[0], issued: 3, served: 3, noShow: 0 });
    expect(u2).toMatchObject({
      username: f.usernames.clerk[1],
      issued: 3,
      served: 1,
      noShow: 1,
      transferred: 1,
    });
    const arrivals = Object.fromEntries(
      r.arrivals
        .filter((a: { issued: number }) => a.issued > 0)
        .map((a: { hour: number; issued: number }) => [a.hour, a.issued]),
    );
    expect(arrivals).toEqual({ 8: 3, 9: 2, 10: 1, 23: 1 });

    const two = await manager.get(`/api/centers/${f.centerId}/reports?from=${D}&to=2026-03-03`);
    expect(two.body.total.issued).toBe(8);
  });

  it('exports CSV as UTF-8 with a BOM that spreadsheets open in Vietnamese', async () => {
    const res = await fetch(`${app.url}/api/centers/${f.centerId}/reports.csv?from=${D}&to=${D}`, {
      headers: { cookie: manager.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toContain('"đã phục vụ / served"');
    expect(lines[1]).toMatch(
      /^"tổng \/ total","2026-03-02 – 2026-03-02",7,4,1,1,1,0,1200,1050,2100,570,600,600,0.833,0,1,0,1$/,
    );
    expect(lines.some((l) => l.startsWith('"lĩnh vực / service","A · Lĩnh vực A",4,3,'))).toBe(true);
  });

  it('refuses bad ranges and people who may not see them', async () => {
    const base = `/api/centers/${f.centerId}/reports`;
    expect((await manager.get(`${base}?from=2026-02-30&to=2026-03-02`)).status).toBe(400);
    expect((await manager.get(`${base}?from=2026-03-05&to=2026-03-02`)).body.error.code).toBe(
      'validation_failed',
    );
    expect((await manager.get(`${base}?from=2024-01-01&to=2026-03-02`)).status).toBe(400);
    expect((await manager.get(`${base}?from=2026-03-02`)).status).toBe(400);
    expect((await new Client(app.url).get(`${base}?from=${D}&to=${D}`)).status).toBe(401);
    const clerk = await new Client(app.url).login(f.usernames.clerk[0]!);
    expect((await clerk.get(`${base}?from=${D}&to=${D}`)).status).toBe(403);
    const other = await new Client(app.url).login('manager');
    expect((await other.get(`${base}?from=${D}&to=${D}`)).status).toBe(403);
  });
});
