/**
 * The notifier's clean-up of ended tickets, on a real database: a burst of endings costs one
 * sweep in progress and one after it, never one each.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../shared/src/protocol.js';
import { pgliteDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { TicketNotifier } from './ticket-notifier.js';

describe('TicketNotifier clean-up', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await pgliteDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('sweeps once for a burst of endings, and once more for those that came during it', async () => {
    let sweeps = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'DeleteQueryNode') sweeps++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const warnings: unknown[] = [];
    const notifier = new TicketNotifier({
      db: database.db.withPlugin(counting),
      channels: [],
      ahead: 3,
      log: { warn: (obj) => warnings.push(obj) },
    });
    const done = (seq: number): LiveEvent => ({
      seq,
      type: 'ticket.done',
      at: new Date().toISOString(),
      centerId: 1,
    });
    for (let seq = 1; seq <= 50; seq++) {
      notifier.published([{ event: done(seq), ticketTokens: [`token-${seq}`], serviceIds: [1] }]);
    }
    await notifier.idle();
    // Two tables a sweep: the first sweep, and one more for the 49 endings that came during it.
    expect(sweeps).toBe(4);
    expect(warnings).toEqual([]);

    notifier.published([{ event: done(51), ticketTokens: ['token-51'], serviceIds: [1] }]);
    await notifier.idle();
    expect(sweeps).toBe(6);
  });
});
