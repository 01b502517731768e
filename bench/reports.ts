/**
 * Reports on a year of data (issue 5): a fresh database on the machine's Postgres, the demo
 * center, 500,000 tickets over 365 local days with their events generated in SQL, then the
 * report (server/src/reports/center-report.ts) timed for a day, a month and the year, and
 * the plan of the month's facts query. Writes bench/results/reports-<date>.json and prints a
 * Markdown table. Never part of `npm test`. BENCH_PG (admin URL) and BENCH_TICKETS override;
 * BENCH_KEEP=1 keeps the database for a look with psql.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { Database } from '../server/src/db/tables.js';
import { centerReport } from '../server/src/reports/center-report.js';
import { seedDemo } from '../server/src/seed/demo-seed.js';

const ADMIN_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'luot_bench_reports';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 500_000);
const DAYS = 365;
const RUNS = 3;

const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/** Every query the report runs, kept so the month's facts query can be explained as sent. */
const seen: CompiledQuery[] = [];

async function generate(db: Kysely<Database>, centerId: number): Promise<void> {
  // One row per ticket: its local day, times and fate. Days end yesterday (local), so "today"
  // stays empty as on a real morning. Waits are exponential (mean 12 min), service 3-18 min.
  await sql`
    CREATE TEMP TABLE gen AS
    WITH base AS (
      SELECT g AS id,
        (timezone('Asia/Ho_Chi_Minh', now())::date - ${sql.lit(DAYS)} + ((g - 1)::bigint * ${sql.lit(DAYS)} / ${sql.lit(TICKETS)})::int) AS day,
        1 + floor(random() * 8)::int AS counter_no,
        1 + floor(random() * 6)::int AS service_no,
        random() AS fate,
        random() AS r
      FROM generate_series(1, ${sql.lit(TICKETS)}) g
    ), timed AS (
      SELECT b.*,
        timezone('Asia/Ho_Chi_Minh', b.day + time '07:30' + random() * interval '570 minutes') AS issued_at,
        -ln(1 - random()) * interval '12 minutes' AS wait,
        interval '3 minutes' + random() * interval '15 minutes' AS service,
        interval '20 seconds' + random() * interval '100 seconds' AS walk
      FROM base b
    )
    SELECT t.*,
      CASE WHEN fate < 0.80 THEN 'done' WHEN fate < 0.87 THEN 'no_show'
           WHEN fate < 0.93 THEN 'cancelled' ELSE 'transferred' END AS outcome
    FROM timed t`.execute(db);
  const services = await sql<{ id: number; code: string; n: number }>`
    SELECT id, code, row_number() OVER (ORDER BY sort_order, id)::int AS n FROM services
    WHERE center_id = ${centerId}`.execute(db);
  const counters = await sql<{ id: number; n: number; clerk: number }>`
    SELECT c.id, c.number AS n, u.id AS clerk FROM counters c
    JOIN users u ON u.username = 'clerk' || c.number WHERE c.center_id = ${centerId}`.execute(db);
  await sql`CREATE TEMP TABLE svc (n int, id int, code text)`.execute(db);
  for (const s of services.rows) await sql`INSERT INTO svc VALUES (${s.n}, ${s.id}, ${s.code})`.execute(db);
  await sql`CREATE TEMP TABLE ctr (n int, id int, clerk int)`.execute(db);
  for (const c of counters.rows) await sql`INSERT INTO ctr VALUES (${c.n}, ${c.id}, ${c.clerk})`.execute(db);

  await sql`
    INSERT INTO tickets (id, center_id, service_id, day, number, token, status, channel, issued_at,
      queued_at, called_at, started_at, finished_at, counter_id, clerk_id, outcome)
    SELECT g.id, ${centerId}, s.id, g.day,
      s.code || lpad(row_number() OVER (PARTITION BY s.id, g.day ORDER BY g.issued_at, g.id)::text, 3, '0'),
      'bench-' || g.id,
      CASE g.outcome WHEN 'transferred' THEN 'done' ELSE g.outcome END,
      CASE WHEN g.r < 0.7 THEN 'kiosk' ELSE 'web' END,
      g.issued_at, g.issued_at,
      CASE WHEN g.outcome <> 'cancelled' THEN g.issued_at + g.wait END,
      CASE WHEN g.outcome IN ('done', 'transferred') THEN g.issued_at + g.wait + g.walk END,
      CASE WHEN g.outcome IN ('done', 'transferred') THEN g.issued_at + g.wait + g.walk + g.service
           WHEN g.outcome = 'no_show' THEN g.issued_at + g.wait + interval '3 minutes'
           ELSE g.issued_at + g.wait / 2 END,
      CASE WHEN g.outcome <> 'cancelled' THEN c.id END,
      CASE WHEN g.outcome <> 'cancelled' THEN c.clerk END,
      CASE g.outcome WHEN 'transferred' THEN 'transferred' WHEN 'done' THEN 'resolved' END
    FROM gen g JOIN svc s ON s.n = g.service_no JOIN ctr c ON c.n = g.counter_no`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('tickets', 'id'), ${sql.lit(TICKETS)})`.execute(db);

  // The events, numbered in time order per center like the live system does.
  await sql`
    INSERT INTO ticket_events (center_id, seq, type, ticket_id, counter_id, user_id, payload, at)
    SELECT ${centerId}, row_number() OVER (ORDER BY e.at, e.ticket_id, e.ord), e.type, e.ticket_id,
      e.counter_id, e.user_id, '{}'::jsonb, e.at
    FROM (
      SELECT id AS ticket_id, 1 AS ord, 'ticket.issued' AS type, NULL::int AS counter_id,
        NULL::int AS user_id, issued_at AS at FROM tickets
      UNION ALL SELECT id, 2, 'ticket.called', counter_id, clerk_id, called_at FROM tickets
        WHERE called_at IS NOT NULL
      UNION ALL SELECT id, 3, 'ticket.recalled', counter_id, clerk_id, called_at + interval '40 seconds'
        FROM tickets WHERE called_at IS NOT NULL AND id % 5 = 0
      UNION ALL SELECT id, 4, 'ticket.serving', counter_id, clerk_id, started_at FROM tickets
        WHERE started_at IS NOT NULL
      UNION ALL SELECT id, 5, CASE outcome WHEN 'transferred' THEN 'ticket.transferred' ELSE 'ticket.done' END,
        counter_id, clerk_id, finished_at FROM tickets WHERE started_at IS NOT NULL
      UNION ALL SELECT id, 5, 'ticket.no_show', counter_id, clerk_id, finished_at FROM tickets
        WHERE status = 'no_show'
      UNION ALL SELECT id, 5, 'ticket.cancelled', NULL, NULL, finished_at FROM tickets
        WHERE status = 'cancelled'
    ) e`.execute(db);
  await sql`UPDATE center_sequences SET last_seq = (SELECT max(seq) FROM ticket_events)
    WHERE center_id = ${centerId}`.execute(db);

  // Four in ten served citizens rate, most of them satisfied.
  await sql`
    INSERT INTO feedback (ticket_id, rating, created_at)
    SELECT id, CASE WHEN r < 0.05 THEN 1 WHEN r < 0.15 THEN 2 WHEN r < 0.55 THEN 3 ELSE 4 END,
      finished_at + interval '1 minute'
    FROM (SELECT id, finished_at, random() AS r FROM tickets WHERE outcome = 'resolved') t
    WHERE random() < 0.4`.execute(db);
  // Autovacuum has long visited a year-old table; without it the visibility map is empty.
  await sql`VACUUM ANALYZE`.execute(db);
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  pool.on('error', () => {}); // the drop at the end terminates idle clients
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  try {
    const server = (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!
      .v;
    await migrateToLatest(db);
    await seedDemo(db, 'bench-password');
    const center = await db.selectFrom('centers').select('id').executeTakeFirstOrThrow();
    // Temporary tables live on one connection: generate on one.
    const [, generation] = await timed(() => db.connection().execute((conn) => generate(conn, center.id)));
    const counts = await sql<{ tickets: number; events: number; feedback: number; size: string }>`
      SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events,
        (SELECT count(*)::int FROM feedback) AS feedback,
        pg_size_pretty(pg_database_size(current_database())) AS size`.execute(db);
    const range = await sql<{ first: string; last: string }>`
      SELECT min(day)::text AS first, max(day)::text AS last FROM tickets`.execute(db);
    const { first, last } = range.rows[0]!;
    const monthStart = `${last.slice(0, 8)}01`;
    const ranges = [
      { name: 'one day', from: last, to: last },
      { name: 'one month', from: monthStart, to: last },
      { name: 'whole year', from: first, to: last },
    ];
    const timings = [];
    for (const r of ranges) {
      const runs: number[] = [];
      let issued = 0;
      for (let i = 0; i < RUNS; i++) {
        seen.length = 0;
        const [report, ms] = await timed(() => centerReport(db, center.id, r.from, r.to));
        runs.push(round(ms));
        issued = report.total.issued;
      }
      timings.push({ ...r, issued, runsMs: runs, medianMs: median(runs) });
    }

    // The month's figures query (one pass over the facts for every grouping), explained as sent.
    seen.length = 0;
    await centerReport(db, center.id, monthStart, last);
    const totalQuery = seen.find((q) => /GROUPING SETS/.test(q.sql));
    if (!totalQuery) throw new Error('the report query was not seen');
    const plan = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${totalQuery.sql}`,
      totalQuery.parameters as unknown[],
    );
    const planText = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    const uses = {
      tickets_center_day: planText.includes('tickets_center_day'),
      ticket_events_ticket: /ticket_events_ticket\b/.test(planText),
      seqScanOnTicketEvents: /Seq Scan on ticket_events/.test(planText),
      seqScanOnTickets: /Seq Scan on tickets/.test(planText),
    };

    const date = new Date().toISOString().slice(0, 10);
    const result = {
      date,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        postgres: server,
      },
      data: { ...counts.rows[0], days: DAYS, first, last, generationSeconds: round(generation / 1000) },
      timings,
      monthPlan: { uses, text: planText },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/reports-${date}.json`, `${JSON.stringify(result, null, 2)}\n`);

    console.log(
      `\n${result.data.tickets} tickets, ${result.data.events} events, ${result.data.feedback} ratings`,
    );
    console.log(`generated in ${result.data.generationSeconds} s; database ${result.data.size}\n`);
    console.log('| range | days | tickets | runs (ms) | median (ms) |');
    console.log('|---|---|---|---|---|');
    for (const t of timings) {
      console.log(
        `| ${t.name} (${t.from} – ${t.to}) | ${Math.round((Date.parse(t.to) - Date.parse(t.from)) / 864e5) + 1} | ${t.issued} | ${t.runsMs.join(', ')} | ${t.medianMs} |`,
      );
    }
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the month's figures query:\n${planText}`);
    console.log(`\nuses: ${JSON.stringify(uses)}`);
  } finally {
    await db.destroy();
    if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
