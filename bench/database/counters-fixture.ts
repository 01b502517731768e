/**
 * The call-next fixture on a seeded database: the demo center grown to `counters` open
 * counters (counter n serves what demo counter (n − 1) mod 8 + 1 serves, in the same order),
 * a clerk for each (clerk9… with the demo password), and a queue of waiting kiosk tickets.
 */
import { query, withClient } from './postgres.js';

/** Counter n is served by clerk n: the demo has eight of each. */
const DEMO_COUNTERS = 8;

export async function growDemoCenter(database: string, counters: number): Promise<void> {
  await withClient(database, async (c) => {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO counters (center_id, number, name)
       SELECT 1, n, 'Quầy ' || n FROM generate_series($1::int, $2::int) n`,
      [DEMO_COUNTERS + 1, counters],
    );
    await c.query(
      `INSERT INTO counter_services (counter_id, service_id, position)
       SELECT c.id, cs.service_id, cs.position
       FROM counters c
       JOIN counters model ON model.center_id = c.center_id AND model.number = (c.number - 1) % $1 + 1
       JOIN counter_services cs ON cs.counter_id = model.id
       WHERE c.number > $1`,
      [DEMO_COUNTERS],
    );
    await c.query(`UPDATE counters SET state = 'open', state_changed_at = now()`);
    await c.query(
      `INSERT INTO users (username, display_name, password_hash, role)
       SELECT 'clerk' || n, 'Cán bộ quầy ' || n, (SELECT password_hash FROM users WHERE username = 'clerk1'), 'clerk'
       FROM generate_series($1::int, $2::int) n`,
      [DEMO_COUNTERS + 1, counters],
    );
    await c.query(
      `INSERT INTO user_centers (user_id, center_id) SELECT id, 1 FROM users WHERE role = 'clerk'
       ON CONFLICT DO NOTHING`,
    );
    await c.query('COMMIT');
  });
}

/**
 * `perService` waiting tickets in each service, queued a millisecond apart in the last minutes
 * (none aged), numbered as issuance would, with the day's number sequences set to match.
 */
export async function fillQueues(database: string, perService: number): Promise<void> {
  await withClient(database, async (c) => {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO tickets (center_id, service_id, day, number, token, status, channel, issued_at, queued_at)
       SELECT s.center_id, s.id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
              s.code || lpad(i::text, greatest(3, length(i::text)), '0'), md5(s.id || '-' || i || '-' || random()), 'waiting', 'kiosk',
              now() - make_interval(secs => ($1 - i) / 1000.0), now() - make_interval(secs => ($1 - i) / 1000.0)
       FROM services s, generate_series(1, $1::int) i`,
      [perService],
    );
    await c.query(
      `INSERT INTO daily_number_sequences (service_id, day, last_number)
       SELECT id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, $1 FROM services`,
      [perService],
    );
    await c.query('COMMIT');
  });
  await query(database, 'VACUUM ANALYZE');
}

export const counterIds = async (database: string) =>
  (await query(database, 'SELECT id, number FROM counters ORDER BY number')).rows as {
    id: number;
    number: number;
  }[];

/** Waiting tickets left, and tickets called more than once (from the event log: must be 0). */
export async function queueCheck(database: string): Promise<{ waiting: number; calledTwice: number }> {
  const { rows } = await query(
    database,
    `SELECT (SELECT count(*)::int FROM tickets WHERE status = 'waiting') AS waiting,
            (SELECT count(*)::int FROM (SELECT ticket_id FROM ticket_events WHERE type = 'ticket.called'
               GROUP BY ticket_id HAVING count(*) > 1) twice) AS "calledTwice"`,
  );
  return rows[0] as { waiting: number; calledTwice: number };
}
