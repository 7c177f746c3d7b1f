// Live evidence from the compliance workspace itself: controlled documents and their
// acknowledgements (documents module, read-only queries over its tables), assessments and the
// roadmap (this module's own tables).
import { sql } from 'kysely';
import {
  bounds,
  type EvidenceContext,
  type Finding,
  latestOf,
  percent,
  plural,
  readOnly,
  standing,
} from './evidence.js';

export async function documents(ctx: EvidenceContext): Promise<Finding> {
  const all = await standing(ctx, 'documents', (q) => q.where('status', '!=', 'retired'));
  const approved = await standing(ctx, 'documents', (q) =>
    q.where('approved_version', 'is not', null),
  );
  return {
    figure: `${plural(all.count, 'controlled document')}, ${approved.count} approved`,
    key: 'documents',
    params: { count: all.count, approved: approved.count },
    value: percent(approved.count, all.count),
    count: all.count,
    latestRecordAt: all.latest,
  };
}

export async function acknowledgements(ctx: EvidenceContext): Promise<Finding> {
  const { start, end } = bounds(ctx.period);
  const row = await readOnly(ctx.db)
    .selectFrom('acknowledgement_targets as t')
    .innerJoin('acknowledgement_campaigns as c', 'c.id', 't.campaign_id')
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`sum(case when t.acknowledged_at is not null then 1 else 0 end)`.as('done'),
      sql<string | null>`max(coalesce(t.acknowledged_at, c.created_at))`.as('latest'),
    ])
    .where('c.created_at', '<', end)
    .where('c.due_at', '>=', start)
    .executeTakeFirst();
  const count = Number(row?.count ?? 0);
  const done = Number(row?.done ?? 0);
  const share = percent(done, count);
  return {
    figure:
      share === null
        ? 'No acknowledgement campaigns in the period'
        : `${share}% of ${plural(count, 'requested acknowledgement')} done`,
    key: share === null ? 'acknowledgementsNone' : 'acknowledgements',
    params: share === null ? { count } : { count, share },
    value: share,
    count,
    latestRecordAt: latestOf(row?.latest),
  };
}

export async function assessments(ctx: EvidenceContext): Promise<Finding> {
  const all = await standing(ctx, 'compliance_assessments');
  const closed = await standing(ctx, 'compliance_assessments', (q) =>
    q.where('status', '=', 'closed'),
  );
  return {
    figure: `${plural(all.count, 'gap assessment')}, ${closed.count} closed`,
    key: 'assessments',
    params: { count: all.count, closed: closed.count },
    value: all.count,
    count: all.count,
    latestRecordAt: all.latest,
  };
}

export async function roadmap(ctx: EvidenceContext): Promise<Finding> {
  const all = await standing(ctx, 'compliance_tasks');
  const done = await standing(ctx, 'compliance_tasks', (q) => q.where('status', '=', 'done'));
  const today = ctx.period.to;
  const overdue = await standing(ctx, 'compliance_tasks', (q) =>
    q.where('due_date', '<', today).where('status', 'not in', ['done', 'cancelled']),
  );
  return {
    figure: `${plural(all.count, 'roadmap task')}, ${done.count} done, ${overdue.count} overdue`,
    key: 'roadmap',
    params: { count: all.count, done: done.count, overdue: overdue.count },
    value: percent(done.count, all.count),
    count: all.count,
    latestRecordAt: all.latest,
  };
}
