/**
 * After the server has stopped: the database's own account of the run, compared with the
 * ledger. Nothing lost (every ticket the kiosks and transfers made is in the database, in the
 * final state the bots left it in, and nothing else appeared); nothing called twice (one
 * `ticket.called` event per ticket, since the bots never return or reactivate one; recalls in
 * the log equal the ticket's recall_count); and each center's seq gapless up to last_seq.
 */
import { sql } from 'kysely';
import { openDatabase } from '../../server/src/db/database.js';
import type { Ledger } from './ledger.js';

export interface DbChecks {
  ticketsInDb: number;
  byStatus: Record<string, number>;
  notFinal: number;
  missingFromDb: number;
  notInLedger: number;
  statusMismatch: number;
  calledTwice: number;
  recallMismatch: number;
  seqProblems: number;
}

export async function checkDatabase(
  target: { dataDir: string | null; databaseUrl: string | null },
  ledger: Ledger,
  centerIds: number[],
  since: Date,
): Promise<DbChecks> {
  const handle = await openDatabase({
    databaseUrl: target.databaseUrl,
    dataDir: target.dataDir ?? '',
    poolSize: 2,
  });
  try {
    const db = handle.db;
    const rows = await db
      .selectFrom('tickets as t')
      .select([
        't.id',
        't.status',
        't.outcome',
        't.recall_count',
        sql<number>`(SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket.called')`.as(
          'called',
        ),
        sql<number>`(SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'ticket.recalled')`.as(
          'recalled',
        ),
      ])
      .where('t.center_id', 'in', centerIds)
      .where('t.issued_at', '>=', since)
      .where('t.token', 'not like', 'hist-%')
      .execute();
    const seq = await sql<{ center_id: number; n: number; max: number; last_seq: number }>`
      SELECT e.center_id, count(*)::int AS n, max(e.seq)::int AS max, s.last_seq
      FROM ticket_events e JOIN center_sequences s USING (center_id)
      WHERE e.center_id IN (${sql.join(centerIds)})
      GROUP BY e.center_id, s.last_seq`.execute(db);

    const expected = new Map<number, string>();
    for (const c of ledger.citizens) {
      for (const leg of c.legs) {
        expected.set(leg.ticketId, leg.final === 'transferred' ? 'done/transferred' : (leg.final ?? 'open'));
      }
    }
    const byStatus: Record<string, number> = {};
    let notFinal = 0;
    let notInLedger = 0;
    let statusMismatch = 0;
    let calledTwice = 0;
    let recallMismatch = 0;
    const seen = new Set<number>();
    for (const r of rows) {
      seen.add(r.id);
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (!['done', 'no_show', 'cancelled', 'expired'].includes(r.status)) notFinal++;
      const want = expected.get(r.id);
      if (want === undefined) notInLedger++;
      else {
        const have = r.status === 'done' && r.outcome === 'transferred' ? 'done/transferred' : r.status;
        if (have !== want) statusMismatch++;
      }
      if (r.called > 1) calledTwice++;
      if (r.recalled !== r.recall_count) recallMismatch++;
    }
    let missingFromDb = 0;
    for (const id of expected.keys()) if (!seen.has(id)) missingFromDb++;
    const seqProblems = seq.rows.filter((r) => r.n !== r.max || r.max !== r.last_seq).length;
    return {
      ticketsInDb: rows.length,
      byStatus,
      notFinal,
      missingFromDb,
      notInLedger,
      statusMismatch,
      calledTwice,
      recallMismatch,
      seqProblems,
    };
  } finally {
    await handle.close();
  }
}
