import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { SurveysTable } from '../../db/schema.js';
import type { StatsKey } from './surveys.js';

const KEY_COLUMN = { service: 'service_id', group: 'group_id', agent: 'agent_id' } as const;

export const surveysRepository = {
  byTokenHash: (db: Executor, hash: string) =>
    db.selectFrom('surveys').selectAll().where('token_hash', '=', hash).executeTakeFirst(),

  byTicket: (db: Executor, ticketId: string) =>
    db.selectFrom('surveys').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst(),

  /** Inserts unless the ticket already has a survey; true when this call created it. */
  async insertOnce(db: Executor, row: SurveysTable): Promise<boolean> {
    const inserted = await db
      .insertInto('surveys')
      .values(row)
      .onConflict((oc) => oc.column('ticket_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  /** Records the answer only if there is none yet; false when another answer came first. */
  async answer(
    db: Executor,
    id: string,
    answer: { rating: number; comment: string | null; answeredAt: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('surveys')
      .set({ rating: answer.rating, comment: answer.comment, answered_at: answer.answeredAt })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** (key, rating, count) for the surveys sent in [from, to): rating null for unanswered ones. */
  async ratingCounts(db: Executor, by: StatsKey, from: string, to: string) {
    const column = KEY_COLUMN[by];
    const rows = await db
      .selectFrom('surveys')
      .select([
        sql<string | null>`${sql.ref(column)}`.as('key'),
        'rating',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('sent_at', '>=', from)
      .where('sent_at', '<', to)
      .groupBy([column, 'rating'])
      .execute();
    return rows.map((r) => ({
      key: r.key,
      rating: r.rating === null ? null : Number(r.rating),
      n: Number(r.n),
    }));
  },
};
