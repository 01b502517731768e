/**
 * Text people type that is not a name (issue 10, beyond the list): a center's address, a
 * pause note, the reason of a call out of order or of a removed priority, an outcome note, a
 * citizen's comment. They reach staff pages, the audit log and the manager's reports, so they
 * follow the rules of names: a bidi control (which reorders what is around it on screen) or a
 * control character is a 400 naming the field, blank is refused where text is required, the
 * edges are trimmed and the text kept in NFC. A comment and an outcome note may break lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type TestDatabase } from '../helpers/database.js';
import { type CenterFixture, createCenterFixture } from '../helpers/fixtures.js';
import { expectError, fingerprint, StrictClient } from '../helpers/refusals.js';
import { type Reply, startTestApp, type TestApp } from '../helpers/test-app.js';

const VIETNAMESE = 'Nghỉ trưa – họp giao ban'.normalize('NFC');

/** What no text a person types may carry. */
const NEVER: [label: string, text: string, reason: string][] = [
  ['RLO override', 'Quầy \u202e1', 'U+202E'],
  ['LRE embedding', '\u202aghi chú', 'U+202A'],
  ['isolate', 'ghi \u2066chú\u2069', 'U+2066'],
  ['RLM', 'ghi\u200f chú', 'U+200F'],
  ['BEL', 'ghi\u0007chú', 'U+0007'],
  ['escape', 'ghi\u001b[31mchú', 'U+001B'],
  ['C1 NEL', 'ghi\u0085chú', 'U+0085'],
  ['DEL', 'ghi\u007fchú', 'U+007F'],
];

describe('free text people type', () => {
  let database: TestDatabase;
  let app: TestApp;
  let f: CenterFixture;
  let admin: StrictClient;
  let clerk: StrictClient;
  let citizen: StrictClient;

  beforeAll(async () => {
    database = await pgliteDatabase();
    app = await startTestApp(database);
    f = await createCenterFixture(database.db, {
      services: ['A'],
      counters: [['A']],
      staff: [{ role: 'clerk', count: 1 }],
    });
    admin = await new StrictClient(app.url).login('admin');
    clerk = await new StrictClient(app.url).login(f.usernames.clerk[0]!);
    citizen = new StrictClient(app.url);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const counterId = () => f.counterIds[0]!;
  /** Every field, and how to send a text in it (the schema refuses before any state is read). */
  const fields = (): {
    label: string;
    field: string;
    lines: boolean;
    optional: boolean;
    send: (text: string) => Promise<Reply>;
  }[] => [
    {
      label: 'PATCH center address',
      field: 'address',
      lines: false,
      optional: true,
      send: (address) => admin.request('PATCH', `/api/config/centers/${f.centerId}`, { address }),
    },
    {
      label: 'POST center address',
      field: 'address',
      lines: false,
      optional: true,
      send: (address) => admin.post('/api/config/centers', { name: 'Trung tâm mới', address }),
    },
    {
      label: 'pause note',
      field: 'reason',
      lines: false,
      optional: false,
      send: (reason) => clerk.post(`/api/counters/${counterId()}/pause`, { reason }),
    },
    {
      label: 'call reason',
      field: 'reason',
      lines: false,
      optional: false,
      send: (reason) => clerk.post(`/api/counters/${counterId()}/call`, { ticketId: 1, reason }),
    },
    {
      label: 'priority removal reason',
      field: 'reason',
      lines: false,
      optional: false,
      send: (reason) => clerk.post('/api/tickets/1/priority', { decision: 'remove', reason }),
    },
    {
      label: 'outcome note',
      field: 'note',
      lines: true,
      optional: false,
      send: (note) => clerk.post('/api/tickets/1/complete', { outcome: 'resolved', note }),
    },
    {
      label: 'feedback comment',
      field: 'comment',
      lines: true,
      optional: false,
      send: (comment) => citizen.post(`/api/tickets/${'t'.repeat(24)}/feedback`, { rating: 4, comment }),
    },
  ];

  async function refused(label: string, reply: Promise<Reply>, field: string, reason?: string) {
    const before = await fingerprint(database.db);
    const error = expectError(await reply, 400, 'validation_failed', label);
    expect(error.message, label).toMatch(new RegExp(`^body\\.${field} `));
    expect(error.details, label).toMatchObject({ field });
    if (reason) expect(error.message, label).toContain(reason);
    expect(await fingerprint(database.db), `${label} changed something`).toEqual(before);
  }

  it('refuses bidi controls and control characters in every such field, naming it', async () => {
    for (const target of fields()) {
      for (const [label, text, reason] of NEVER) {
        await refused(`${target.label}: ${label}`, target.send(text), target.field, reason);
      }
      // One line where one line is meant; several where a person may write several.
      if (!target.lines)
        await refused(`${target.label}: newline`, target.send('a\nb'), target.field, 'U+000A');
      if (!target.lines) await refused(`${target.label}: tab`, target.send('a\tb'), target.field, 'U+0009');
      if (!target.optional) {
        await refused(`${target.label}: blank`, target.send(' \u3000\u200b '), target.field, 'visible');
      }
    }
  });

  it('keeps a reason and a pause note trimmed and in NFC', async () => {
    expect((await clerk.post(`/api/counters/${counterId()}/open`)).status).toBe(200);
    const paused = await clerk.post(`/api/counters/${counterId()}/pause`, {
      reason: ` ${VIETNAMESE.normalize('NFD')}\u200b`,
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ pauseReason: 'other', pauseNote: VIETNAMESE });
  });

  it("lets an address be cleared, and keeps one that is only blanks as ''", async () => {
    const set = async (address: string) => {
      const reply = await admin.request('PATCH', `/api/config/centers/${f.centerId}`, { address });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body.address as string;
    };
    expect(await set(` 12 Quang Trung, Uông Bí${'\u00a0'}`)).toBe('12 Quang Trung, Uông Bí');
    expect(await set('')).toBe('');
    expect(await set('   ')).toBe('');
  });

  it("keeps the lines of a citizen's comment and of an outcome note", async () => {
    const issued = await citizen.post(`/api/centers/${f.centerId}/tickets`, { serviceId: f.serviceIds.A });
    expect(issued.status).toBe(201);
    expect((await clerk.post(`/api/counters/${counterId()}/open`)).status).toBe(200);
    expect((await clerk.post(`/api/counters/${counterId()}/call-next`)).status).toBe(200);
    expect((await clerk.post(`/api/tickets/${issued.body.id}/start`)).status).toBe(200);
    const note = 'Thiếu bản sao CCCD\r\n\tbổ sung ngày mai';
    const done = await clerk.post(`/api/tickets/${issued.body.id}/complete`, { outcome: 'other', note });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const row = await database.db
      .selectFrom('tickets')
      .select('note')
      .where('id', '=', issued.body.id)
      .executeTakeFirstOrThrow();
    expect(row.note).toBe('Thiếu bản sao CCCD\n\tbổ sung ngày mai');

    const comment = `  Cán bộ nhiệt tình.\n${VIETNAMESE.normalize('NFD')}\n`;
    const rated = await citizen.post(`/api/tickets/${issued.body.token}/feedback`, { rating: 4, comment });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body.comment).toBe(`Cán bộ nhiệt tình.\n${VIETNAMESE}`);
  });
});
