// Live evidence from the service desk (issue 4): tickets with their SLA clocks, SLA policies, the
// service catalogue, surveys and complaints. These modules' services offer no aggregate reads, so
// these are read-only queries over their tables (through `readOnly`); they never write.
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
  tally,
} from './evidence.js';

/** Tickets of a type created in the period, and how many of those with an SLA outcome met it. */
async function ticketsWithSla(ctx: EvidenceContext, type: 'incident' | 'request') {
  const { start, end } = bounds(ctx.period);
  const row = await readOnly(ctx.db)
    .selectFrom('tickets as t')
    .leftJoin('sla_clocks as c', (j) =>
      j
        .onRef('c.subject_id', '=', 't.id')
        .on('c.subject_type', '=', 'ticket')
        .on('c.clock', '=', 'resolution'),
    )
    .select([
      sql<number>`count(distinct t.id)`.as('count'),
      sql<string | null>`max(t.created_at)`.as('latest'),
      // An outcome is known once the clock stopped (resolved) or it breached while running.
      sql<number>`sum(case when c.state = 'stopped' or c.breached_at is not null then 1 else 0 end)`.as(
        'decided',
      ),
      sql<number>`sum(case when c.state = 'stopped' and c.breached_at is null then 1 else 0 end)`.as(
        'met',
      ),
    ])
    .where('t.type', '=', type)
    .where('t.created_at', '>=', start)
    .where('t.created_at', '<', end)
    .executeTakeFirst();
  const count = Number(row?.count ?? 0);
  const decided = Number(row?.decided ?? 0);
  const met = Number(row?.met ?? 0);
  return { count, decided, met, latest: latestOf(row?.latest), share: percent(met, decided) };
}

export async function incidents(ctx: EvidenceContext): Promise<Finding> {
  const r = await ticketsWithSla(ctx, 'incident');
  return {
    figure:
      r.share === null
        ? `${plural(r.count, 'incident')}, no resolution SLA outcome yet`
        : `${plural(r.count, 'incident')}, ${r.share}% resolution SLA met`,
    key: r.share === null ? 'incidentsNoOutcome' : 'incidents',
    params: r.share === null ? { count: r.count } : { count: r.count, share: r.share },
    value: r.share,
    count: r.count,
    latestRecordAt: r.latest,
  };
}

export async function requests(ctx: EvidenceContext): Promise<Finding> {
  const r = await ticketsWithSla(ctx, 'request');
  return {
    figure:
      r.share === null
        ? `${plural(r.count, 'service request')}, no fulfilment SLA outcome yet`
        : `${plural(r.count, 'service request')}, ${r.share}% fulfilled within SLA`,
    key: r.share === null ? 'requestsNoOutcome' : 'requests',
    params: r.share === null ? { count: r.count } : { count: r.count, share: r.share },
    value: r.share,
    count: r.count,
    latestRecordAt: r.latest,
  };
}

/** Every ticket SLA clock started in the period that has an outcome: the share met. */
export async function slaAttainment(ctx: EvidenceContext): Promise<Finding> {
  const { start, end } = bounds(ctx.period);
  const row = await readOnly(ctx.db)
    .selectFrom('sla_clocks')
    .select([
      sql<number>`sum(case when state = 'stopped' or breached_at is not null then 1 else 0 end)`.as(
        'decided',
      ),
      sql<number>`sum(case when state = 'stopped' and breached_at is null then 1 else 0 end)`.as(
        'met',
      ),
      sql<string | null>`max(updated_at)`.as('latest'),
    ])
    .where('subject_type', '=', 'ticket')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .executeTakeFirst();
  const decided = Number(row?.decided ?? 0);
  const met = Number(row?.met ?? 0);
  const share = percent(met, decided);
  return {
    figure:
      share === null
        ? 'No SLA targets reached an outcome in the period'
        : `${share}% of ${plural(decided, 'SLA target')} met`,
    key: share === null ? 'slaAttainmentNone' : 'slaAttainment',
    params: share === null ? { count: decided } : { count: decided, share },
    value: share,
    count: decided,
    latestRecordAt: latestOf(row?.latest),
  };
}

export async function slaPolicies(ctx: EvidenceContext): Promise<Finding> {
  const r = await standing(ctx, 'sla_policies', (q) => q.where('active', '=', true));
  return {
    figure: `${plural(r.count, 'active SLA policy', 'active SLA policies')}`,
    key: 'slaPolicies',
    params: { count: r.count },
    value: r.count,
    count: r.count,
    latestRecordAt: r.latest,
  };
}

export async function services(ctx: EvidenceContext): Promise<Finding> {
  const all = await standing(ctx, 'services');
  const live = await standing(ctx, 'services', (q) => q.where('status', '=', 'live'));
  return {
    figure: `${plural(all.count, 'service')} in the catalogue, ${live.count} live`,
    key: 'services',
    params: { count: all.count, live: live.count },
    value: live.count,
    count: all.count,
    latestRecordAt: all.latest,
  };
}

export async function surveys(ctx: EvidenceContext): Promise<Finding> {
  const { start, end } = bounds(ctx.period);
  const row = await readOnly(ctx.db)
    .selectFrom('surveys')
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number | null>`avg(rating)`.as('average'),
      sql<string | null>`max(answered_at)`.as('latest'),
    ])
    .where('answered_at', 'is not', null)
    .where('answered_at', '>=', start)
    .where('answered_at', '<', end)
    .executeTakeFirst();
  const count = Number(row?.count ?? 0);
  const average =
    row?.average === null || row?.average === undefined
      ? null
      : Math.round(Number(row.average) * 10) / 10;
  return {
    figure:
      average === null
        ? 'No survey answers in the period'
        : `${plural(count, 'survey answer')}, average rating ${average}/5`,
    key: average === null ? 'surveysNone' : 'surveys',
    params: average === null ? { count } : { count, average },
    value: average,
    count,
    latestRecordAt: latestOf(row?.latest),
  };
}

export async function complaints(ctx: EvidenceContext): Promise<Finding> {
  const all = await tally(ctx, 'complaints');
  const resolved = await tally(ctx, 'complaints', 'created_at', (q) =>
    q.where('status', 'in', ['resolved', 'closed']),
  );
  const share = percent(resolved.count, all.count);
  return {
    figure: `${plural(all.count, 'complaint')}, ${resolved.count} resolved`,
    key: 'complaints',
    params: { count: all.count, resolved: resolved.count },
    value: share,
    count: all.count,
    latestRecordAt: all.latest,
  };
}
