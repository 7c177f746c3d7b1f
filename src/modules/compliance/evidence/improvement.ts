// Live evidence of the management review (9.3) and of continual improvement (10.2): read-only
// queries over the tables of the management-reviews and improvements modules.
import { sql } from 'kysely';
import {
  bounds,
  type EvidenceContext,
  type Finding,
  latestOf,
  percent,
  plural,
  readOnly,
  tally,
} from './evidence.js';

/**
 * Management reviews held in the period (held_on within it), with the share of their actions
 * done so far.
 */
export async function managementReviews(ctx: EvidenceContext): Promise<Finding> {
  const { from, to } = ctx.period;
  const reviews = await readOnly(ctx.db)
    .selectFrom('management_reviews')
    .select([sql<number>`count(*)`.as('count'), sql<string | null>`max(updated_at)`.as('latest')])
    .where('held_on', 'is not', null)
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .executeTakeFirst();
  const count = Number(reviews?.count ?? 0);
  const actions = await readOnly(ctx.db)
    .selectFrom('management_review_actions as a')
    .innerJoin('management_reviews as r', 'r.id', 'a.review_id')
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`sum(case when a.status = 'done' then 1 else 0 end)`.as('done'),
    ])
    .where('r.held_on', 'is not', null)
    .where('r.held_on', '>=', from)
    .where('r.held_on', '<=', to)
    .executeTakeFirst();
  const total = Number(actions?.count ?? 0);
  const done = Number(actions?.done ?? 0);
  return {
    figure:
      count === 0
        ? 'No management review held in the period'
        : `${plural(count, 'management review')} held, ${done} of ${plural(total, 'action')} done`,
    key: count === 0 ? 'reviewsNone' : 'reviews',
    params: count === 0 ? {} : { count, done, actions: total },
    value: percent(done, total),
    count,
    latestRecordAt: latestOf(reviews?.latest),
  };
}

/** Improvement opportunities raised in the period, and how many of all were completed in it. */
export async function improvements(ctx: EvidenceContext): Promise<Finding> {
  const raised = await tally(ctx, 'improvements');
  const completed = await tally(ctx, 'improvements', 'implemented_at');
  const { end } = bounds(ctx.period);
  const measured = await readOnly(ctx.db)
    .selectFrom('improvements')
    .select(sql<number>`count(*)`.as('count'))
    .where('status', '=', 'closed')
    .where('closed_at', '<', end)
    .executeTakeFirst();
  const latest = [raised.latest, completed.latest].filter((v): v is string => v !== null).sort();
  return {
    figure:
      raised.count + completed.count === 0
        ? 'No improvements in the period'
        : `${plural(raised.count, 'improvement')} raised, ${completed.count} completed; ${Number(measured?.count ?? 0)} closed with a measured outcome so far`,
    key: raised.count + completed.count === 0 ? 'improvementsNone' : 'improvements',
    params:
      raised.count + completed.count === 0
        ? {}
        : {
            count: raised.count,
            completed: completed.count,
            measured: Number(measured?.count ?? 0),
          },
    value: completed.count,
    count: raised.count + completed.count,
    latestRecordAt: latest.at(-1) ?? null,
  };
}
