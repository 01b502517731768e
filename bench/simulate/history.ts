/**
 * `--seed-history DAYS`: past days written straight into the database, so the manager's
 * dashboard and reports have something to show. The approach is bench/reports.ts's (facts per
 * ticket, then the events derived from them in SQL and numbered per center in time order),
 * but that file exports nothing and runs its benchmark on import, so it cannot be imported;
 * here the facts come from the simulator's own models instead of uniform noise: the arrival
 * curve, the field mix, lognormal service times, and a first-come-first-served queue over the
 * center's counters. Weekdays full, Saturday a third, Sunday closed.
 *
 * Consistent with the app's tables: numbers gapless per field and day (with their
 * daily_number_sequences row), transfers as a done ticket plus a new one in the other field
 * (`transferred_from_id`, same issue time), events with the app's types and a payload a client
 * can read, seq continuing the center's sequence, feedback for four in ten served. Days that
 * already hold tickets for a center are left alone.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../server/src/db/tables.js';
import { type ArrivalCurve, sampleArrivals } from './arrival-curve.js';
import { pickWeighted, type Rng } from './random.js';
import { profileOf, serviceMinutes, walkUpMinutes } from './service-mix.js';

interface Fact {
  key: string;
  service_id: number;
  code: string;
  day: string;
  /** Minutes of the local day. */
  issued: number;
  queued: number;
  called: number | null;
  started: number | null;
  finished: number | null;
  status: 'done' | 'no_show' | 'cancelled';
  outcome: string | null;
  priority: string | null;
  channel: 'kiosk' | 'web';
  counter_id: number | null;
  clerk_id: number | null;
  from_key: string | null;
  rating: number | null;
}

const PRIORITY = ['elderly', 'disabled', 'pregnant', 'child', 'veteran'];

function localStamp(day: string, minute: number): string {
  const s = Math.round(minute * 60);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${day} ${hh}:${mm}:${ss}`;
}

/** One day of one center: arrivals through a FIFO queue over `counters` servers. */
function simulateDay(
  rng: Rng,
  curve: ArrivalCurve,
  ticketsPerDay: number,
  day: string,
  services: { id: number; code: string }[],
  counters: { id: number; clerk: number | null }[],
  tag: string,
): Fact[] {
  const free = counters.map(() => 7 * 60);
  const facts: Fact[] = [];
  const arrivals = sampleArrivals(rng, curve, ticketsPerDay, 7 * 60, 17 * 60);
  arrivals.forEach((issued, i) => {
    const service = pickWeighted(rng, services, (s) => profileOf(s.code).weight);
    const fate = rng();
    const k = free.indexOf(Math.min(...free));
    const base: Fact = {
      key: `${tag}-${day}-${i}`,
      service_id: service.id,
      code: service.code,
      day,
      issued,
      queued: issued,
      called: null,
      started: null,
      finished: null,
      status: 'done',
      outcome: 'resolved',
      priority: rng() < 0.08 ? PRIORITY[Math.floor(rng() * PRIORITY.length)]! : null,
      channel: rng() < 0.7 ? 'kiosk' : 'web',
      counter_id: counters[k]!.id,
      clerk_id: counters[k]!.clerk,
      from_key: null,
      rating: null,
    };
    if (fate < 0.02) {
      facts.push({
        ...base,
        status: 'cancelled',
        outcome: null,
        counter_id: null,
        clerk_id: null,
        finished: issued + 5 + rng() * 20,
      });
      return;
    }
    const called = Math.max(issued, free[k]!);
    if (fate < 0.07) {
      free[k] = called + 3;
      facts.push({ ...base, status: 'no_show', outcome: null, called, finished: called + 3 });
      return;
    }
    const started = called + walkUpMinutes(rng);
    const finished = started + serviceMinutes(rng, profileOf(service.code));
    free[k] = finished;
    if (fate < 0.1) {
      facts.push({ ...base, outcome: 'transferred', called, started, finished });
      const other = services.filter((s) => s.id !== service.id)[Math.floor(rng() * (services.length - 1))]!;
      const k2 = free.indexOf(Math.min(...free));
      const called2 = Math.max(finished, free[k2]!);
      const started2 = called2 + walkUpMinutes(rng);
      const finished2 = started2 + serviceMinutes(rng, profileOf(other.code));
      free[k2] = finished2;
      facts.push({
        ...base,
        key: `${base.key}-t`,
        service_id: other.id,
        code: other.code,
        queued: finished,
        called: called2,
        started: started2,
        finished: finished2,
        counter_id: counters[k2]!.id,
        clerk_id: counters[k2]!.clerk,
        from_key: base.key,
        rating: rng() < 0.4 ? rating(rng) : null,
      });
      return;
    }
    facts.push({ ...base, called, started, finished, rating: rng() < 0.4 ? rating(rng) : null });
  });
  return facts;
}

function rating(rng: Rng): number {
  const r = rng();
  return r < 0.05 ? 1 : r < 0.15 ? 2 : r < 0.5 ? 3 : 4;
}

async function insertFacts(db: Kysely<Database>, centerId: number, facts: Fact[]): Promise<void> {
  // Numbers in queue order per field and day, as the server gives them.
  const sorted = [...facts].sort((a, b) => a.queued - b.queued);
  const next = new Map<string, number>();
  const rows = sorted.map((f) => {
    const k = `${f.service_id}/${f.day}`;
    const n = (next.get(k) ?? 0) + 1;
    next.set(k, n);
    const at = (m: number | null) => (m === null ? null : localStamp(f.day, m));
    return {
      token: `hist-${f.key}`,
      from_token: f.from_key ? `hist-${f.from_key}` : null,
      service_id: f.service_id,
      day: f.day,
      number: `${f.code}${String(n).padStart(3, '0')}`,
      status: f.status,
      outcome: f.outcome,
      priority: f.priority,
      channel: f.channel,
      issued: at(f.issued),
      queued: at(f.queued),
      called: at(f.called),
      started: at(f.started),
      finished: at(f.finished),
      counter_id: f.counter_id,
      clerk_id: f.clerk_id,
      recall_count: f.status === 'no_show' ? 1 : 0,
      rating: f.rating,
    };
  });
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = JSON.stringify(rows.slice(i, i + 2000));
    await sql`
      INSERT INTO tickets (center_id, service_id, day, number, token, status, priority, priority_confirmed,
        channel, issued_at, queued_at, called_at, started_at, finished_at, counter_id, clerk_id,
        recall_count, call_reason, outcome)
      SELECT ${centerId}, r.service_id, r.day::date, r.number, r.token, r.status, r.priority,
        r.priority IS NOT NULL AND r.called IS NOT NULL, r.channel,
        timezone(c.timezone, r.issued::timestamp), timezone(c.timezone, r.queued::timestamp),
        timezone(c.timezone, r.called::timestamp), timezone(c.timezone, r.started::timestamp),
        timezone(c.timezone, r.finished::timestamp), r.counter_id, r.clerk_id, r.recall_count,
        CASE WHEN r.called IS NOT NULL THEN 'oldest' END, r.outcome
      FROM jsonb_to_recordset(${chunk}::jsonb) AS r(token text, service_id int, day text, number text,
        status text, outcome text, priority text, channel text, issued text, queued text, called text,
        started text, finished text, counter_id int, clerk_id int, recall_count int, rating int)
      JOIN centers c ON c.id = ${centerId}`.execute(db);
    await sql`
      UPDATE tickets t SET transferred_from_id = f.id
      FROM jsonb_to_recordset(${chunk}::jsonb) AS r(token text, from_token text), tickets f
      WHERE r.from_token IS NOT NULL AND t.token = r.token AND f.token = r.from_token`.execute(db);
    await sql`
      INSERT INTO feedback (ticket_id, rating, created_at)
      SELECT t.id, r.rating, t.finished_at + interval '1 minute'
      FROM jsonb_to_recordset(${chunk}::jsonb) AS r(token text, rating int) JOIN tickets t ON t.token = r.token
      WHERE r.rating IS NOT NULL`.execute(db);
  }
  await sql`
    INSERT INTO daily_number_sequences (service_id, day, last_number)
    SELECT service_id, day, count(*)::int FROM tickets
    WHERE center_id = ${centerId} AND token LIKE 'hist-%' GROUP BY service_id, day
    ON CONFLICT (service_id, day) DO UPDATE SET last_number = excluded.last_number`.execute(db);
}

/** The events of the center's new history tickets, numbered after its last seq, in time order. */
async function insertEvents(db: Kysely<Database>, centerId: number, tag: string): Promise<number> {
  const like = `hist-${tag}-%`;
  const result = await sql`
    WITH t AS (
      SELECT t.*, jsonb_build_object('id', t.id, 'number', t.number, 'serviceId', t.service_id,
        'priority', t.priority, 'channel', t.channel, 'issuedAt', t.issued_at) AS wire
      FROM tickets t WHERE t.center_id = ${centerId} AND t.token LIKE ${like}
    ), e AS (
      SELECT id AS ticket_id, 1 AS ord, 'ticket.issued' AS type, NULL::int AS counter_id, NULL::int AS user_id,
        queued_at AS at, wire || '{"status":"waiting"}' AS ticket FROM t
      UNION ALL SELECT id, 2, 'ticket.called', counter_id, clerk_id, called_at,
        wire || jsonb_build_object('status', 'called', 'calledAt', called_at, 'counterId', counter_id) FROM t
        WHERE called_at IS NOT NULL
      UNION ALL SELECT id, 3, 'ticket.recalled', counter_id, clerk_id, called_at + interval '1 minute',
        wire || jsonb_build_object('status', 'called', 'calledAt', called_at, 'counterId', counter_id) FROM t
        WHERE status = 'no_show'
      UNION ALL SELECT id, 4, 'ticket.serving', counter_id, clerk_id, started_at,
        wire || jsonb_build_object('status', 'serving', 'counterId', counter_id) FROM t WHERE started_at IS NOT NULL
      UNION ALL SELECT id, 5, CASE outcome WHEN 'transferred' THEN 'ticket.transferred' ELSE 'ticket.done' END,
        counter_id, clerk_id, finished_at, wire || jsonb_build_object('status', 'done', 'counterId', counter_id)
        FROM t WHERE status = 'done'
      UNION ALL SELECT id, 5, 'ticket.no_show', counter_id, clerk_id, finished_at,
        wire || jsonb_build_object('status', 'no_show', 'counterId', counter_id) FROM t WHERE status = 'no_show'
      UNION ALL SELECT id, 5, 'ticket.cancelled', NULL, NULL, finished_at,
        wire || '{"status":"cancelled"}' FROM t WHERE status = 'cancelled'
    ), base AS (SELECT last_seq FROM center_sequences WHERE center_id = ${centerId})
    INSERT INTO ticket_events (center_id, seq, type, ticket_id, counter_id, user_id, payload, at)
    SELECT ${centerId}, base.last_seq + row_number() OVER (ORDER BY e.at, e.ticket_id, e.ord), e.type,
      e.ticket_id, e.counter_id, e.user_id,
      jsonb_build_object('ticket', e.ticket) || CASE WHEN e.counter_id IS NULL THEN '{}'::jsonb
        ELSE jsonb_build_object('counterId', e.counter_id) END, e.at
    FROM e, base`.execute(db);
  const n = Number(result.numAffectedRows ?? 0);
  await sql`UPDATE center_sequences SET last_seq = last_seq + ${n} WHERE center_id = ${centerId}`.execute(db);
  return n;
}

export interface HistoryResult {
  centerId: number;
  days: number;
  tickets: number;
  events: number;
}

export async function seedHistory(
  db: Kysely<Database>,
  days: number,
  curve: ArrivalCurve,
  ticketsPerDay: (centerId: number, index: number) => number,
  rng: Rng,
  log: (line: string) => void,
): Promise<HistoryResult[]> {
  const tag = Date.now().toString(36);
  const centers = await db.selectFrom('centers').select(['id', 'timezone']).orderBy('id').execute();
  const results: HistoryResult[] = [];
  for (const [index, center] of centers.entries()) {
    const services = await db
      .selectFrom('services')
      .select(['id', 'code'])
      .where('center_id', '=', center.id)
      .where('active', '=', true)
      .orderBy('sort_order')
      .execute();
    const known = services.filter((s) => /^[ABCDEG]$/.test(s.code));
    if (known.length < 2) {
      log(`history: center ${center.id} has not the demo fields; skipped`);
      continue;
    }
    const counters = await sql<{ id: number; clerk: number | null }>`
      SELECT c.id, (SELECT u.id FROM users u JOIN user_centers uc ON uc.user_id = u.id
        WHERE uc.center_id = c.center_id AND u.role = 'clerk'
          AND u.username IN ('clerk' || c.number, 'sim' || c.center_id || '.clerk' || c.number) LIMIT 1) AS clerk
      FROM counters c WHERE c.center_id = ${center.id} ORDER BY c.number`.execute(db);
    const { today } = (
      await sql<{
        today: string;
      }>`SELECT (now() AT TIME ZONE ${center.timezone})::date::text AS today`.execute(db)
    ).rows[0]!;
    const taken = new Set(
      (
        await sql<{
          day: string;
        }>`SELECT DISTINCT day::text AS day FROM tickets WHERE center_id = ${center.id}`.execute(db)
      ).rows.map((r) => r.day),
    );
    const facts: Fact[] = [];
    let dayCount = 0;
    for (let back = days; back >= 1; back--) {
      const date = new Date(`${today}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() - back);
      const day = date.toISOString().slice(0, 10);
      const weekday = date.getUTCDay();
      if (weekday === 0 || taken.has(day)) continue;
      const volume = ticketsPerDay(center.id, index) * (weekday === 6 ? 0.33 : 0.85 + 0.3 * rng());
      facts.push(...simulateDay(rng, curve, volume, day, known, counters.rows, `${tag}-${center.id}`));
      dayCount++;
    }
    await db.transaction().execute(async (trx) => {
      await insertFacts(trx, center.id, facts);
      const events = await insertEvents(trx, center.id, tag);
      results.push({ centerId: center.id, days: dayCount, tickets: facts.length, events });
    });
    log(`history: center ${center.id}: ${dayCount} days, ${facts.length} tickets`);
  }
  return results;
}
