/**
 * What a refused request must look like and leave behind: the error shape of DESIGN.md §7,
 * a fingerprint of everything a request can write (equal before and after a refusal), and a
 * client that fails the test on any 5xx, since nothing a client sends may break the server.
 */
import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../server/src/db/tables.js';
import type { ErrorBody, ErrorCode } from '../../shared/src/errors.js';
import { Client, type Reply } from './test-app.js';

/** Every row a request may write or change, in a stable order. */
export async function fingerprint(db: Kysely<Database>) {
  const count = async (table: keyof Database) => {
    const row = await db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    tickets: await db
      .selectFrom('tickets')
      .select([
        'id',
        'status',
        'token',
        'counter_id',
        'clerk_id',
        'recall_count',
        'queued_at',
        'called_at',
        'started_at',
        'finished_at',
        'outcome',
        'note',
      ])
      .orderBy('id')
      .execute(),
    ticketEvents: await count('ticket_events'),
    maxSeqByCenter: await db
      .selectFrom('ticket_events')
      .select(['center_id', sql<number>`max(seq)`.as('seq')])
      .groupBy('center_id')
      .orderBy('center_id')
      .execute(),
    centerSequences: await db.selectFrom('center_sequences').selectAll().orderBy('center_id').execute(),
    counters: await db
      .selectFrom('counters')
      .select(['id', 'state', 'pause_reason', 'calls_since_priority', 'state_changed_at'])
      .orderBy('id')
      .execute(),
    dailyNumbers: await db
      .selectFrom('daily_number_sequences')
      .selectAll()
      .orderBy('service_id')
      .orderBy('day')
      .execute(),
    sessions: await count('sessions'),
    feedback: await count('feedback'),
    pushSubscriptions: await count('push_subscriptions'),
  };
}

/** Checks the status and the `{ error: { code, message, details? } }` shape; returns the error. */
export function expectError(reply: Reply, status: number, code: ErrorCode, label = ''): ErrorBody['error'] {
  const at = `${label} → ${reply.status} ${JSON.stringify(reply.body)}`;
  expect(reply.status, at).toBe(status);
  expect(reply.headers.get('content-type') ?? '', at).toMatch(/^application\/json/);
  const body = reply.body as ErrorBody;
  expect(Object.keys(body ?? {}), at).toEqual(['error']);
  expect(body.error.code, at).toBe(code);
  expect(typeof body.error.message, at).toBe('string');
  expect(body.error.message.length, at).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details'], at).toContain(key);
  return body.error;
}

/**
 * Any refusal, whatever its code: the status, and a JSON body `{ error: { code, message,
 * details? } }` with a code and a message that are non-empty strings. For answers read off
 * the wire or from `inject`, where no Reply is at hand. Returns the error, for more checks.
 */
export function expectRefusalShape(
  status: number,
  contentType: string | undefined,
  text: string,
  label = '',
): ErrorBody['error'] {
  const at = `${label} → ${status} ${text.slice(0, 300)}`;
  expect(status, at).toBeGreaterThanOrEqual(400);
  expect(contentType ?? '', at).toMatch(/^application\/json/);
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    throw new Error(`${at}: the refusal is not JSON`);
  }
  expect(Object.keys(body ?? {}), at).toEqual(['error']);
  expect(typeof body.error.code, at).toBe('string');
  expect(body.error.code.length, at).toBeGreaterThan(0);
  expect(typeof body.error.message, at).toBe('string');
  expect(body.error.message.length, at).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details'], at).toContain(key);
  return body.error;
}

/**
 * Sends one request that must be refused: checks status, code and error shape, that a 400
 * names `field` in its message and details, and that the database did not change.
 */
export async function expectRefused(
  db: Kysely<Database>,
  label: string,
  send: () => Promise<Reply>,
  status: number,
  code: ErrorCode,
  field?: string,
): Promise<ErrorBody['error']> {
  const before = await fingerprint(db);
  const error = expectError(await send(), status, code, label);
  if (field !== undefined) {
    expect(error.message, label).toContain(field);
    expect(error.details, label).toMatchObject({ field });
  }
  expect(await fingerprint(db), `${label} changed the database`).toEqual(before);
  return error;
}

/** A Client that fails the test on any 5xx answer. */
export class StrictClient extends Client {
  override async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const reply = await super.request<T>(method, path, body, headers);
    expect(reply.status, `${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`).toBeLessThan(
      500,
    );
    return reply;
  }
}
