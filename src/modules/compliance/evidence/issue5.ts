// Live evidence from problem, change and release management (issue 5). Read-only queries over
// their tables: their services are being built alongside and offer no aggregate reads yet.
import {
  type EvidenceContext,
  type Finding,
  percent,
  plural,
  readOnly,
  standing,
  tally,
} from './evidence.js';

export async function problems(ctx: EvidenceContext): Promise<Finding> {
  const all = await tally(ctx, 'problems');
  const solved = await tally(ctx, 'problems', 'created_at', (q) =>
    q.where('status', 'in', ['resolved', 'closed']),
  );
  return {
    figure: `${plural(all.count, 'problem')} recorded, ${solved.count} resolved`,
    key: 'problems',
    params: { count: all.count, resolved: solved.count },
    value: percent(solved.count, all.count),
    count: all.count,
    latestRecordAt: all.latest,
  };
}

export async function knownErrors(ctx: EvidenceContext): Promise<Finding> {
  const r = await tally(ctx, 'problems', 'known_error_at');
  return {
    figure: `${plural(r.count, 'known error')} recorded with a workaround`,
    key: 'knownErrors',
    params: { count: r.count },
    value: r.count,
    count: r.count,
    latestRecordAt: r.latest,
  };
}

const SUCCESS = ['successful', 'successful_with_issues'];

export async function changes(ctx: EvidenceContext): Promise<Finding> {
  const all = await tally(ctx, 'changes');
  const closed = await tally(ctx, 'changes', 'closed_at', (q) =>
    q.where('close_code', 'is not', null),
  );
  const good = await tally(ctx, 'changes', 'closed_at', (q) =>
    q.where('close_code', 'in', SUCCESS),
  );
  const share = percent(good.count, closed.count);
  return {
    figure:
      share === null
        ? `${plural(all.count, 'change')} raised, none closed in the period`
        : `${plural(all.count, 'change')} raised, ${share}% of ${closed.count} closed successful`,
    key: share === null ? 'changesNoneClosed' : 'changes',
    params:
      share === null ? { count: all.count } : { count: all.count, share, closed: closed.count },
    value: share,
    count: all.count,
    latestRecordAt:
      [all.latest, closed.latest]
        .filter((x) => x !== null)
        .sort()
        .at(-1) ?? null,
  };
}

export async function changePolicy(ctx: EvidenceContext): Promise<Finding> {
  const row = await readOnly(ctx.db)
    .selectFrom('change_policy')
    .select(['version', 'updated_at'])
    .executeTakeFirst();
  const templates = await standing(ctx, 'change_templates', (q) => q.where('active', '=', true));
  return {
    figure: row
      ? `Change policy at version ${row.version}, ${plural(templates.count, 'standard change template')}`
      : `Default change policy, ${plural(templates.count, 'standard change template')}`,
    key: row ? 'changePolicy' : 'changePolicyDefault',
    params: row
      ? { count: templates.count, version: Number(row.version) }
      : { count: templates.count },
    value: row ? Number(row.version) : 0,
    count: (row ? 1 : 0) + templates.count,
    latestRecordAt:
      [row ? new Date(String(row.updated_at)).toISOString() : null, templates.latest]
        .filter((x): x is string => x !== null)
        .sort()
        .at(-1) ?? null,
  };
}

export async function changeCalendar(ctx: EvidenceContext): Promise<Finding> {
  const freezes = await standing(ctx, 'freeze_windows');
  const scheduled = await tally(ctx, 'changes', 'planned_start');
  return {
    figure: `${plural(scheduled.count, 'change')} scheduled in the period, ${plural(freezes.count, 'freeze window')}`,
    key: 'changeCalendar',
    params: { count: scheduled.count, freezes: freezes.count },
    value: scheduled.count,
    count: scheduled.count + freezes.count,
    latestRecordAt:
      [scheduled.latest, freezes.latest]
        .filter((x) => x !== null)
        .sort()
        .at(-1) ?? null,
  };
}

export async function changeTrends(ctx: EvidenceContext): Promise<Finding> {
  const closed = await tally(ctx, 'changes', 'closed_at', (q) =>
    q.where('close_code', 'is not', null),
  );
  const failed = await tally(ctx, 'changes', 'closed_at', (q) =>
    q.where('close_code', 'in', ['failed', 'backed_out']),
  );
  const share = percent(failed.count, closed.count);
  return {
    figure:
      share === null
        ? 'No changes closed in the period'
        : `${share}% of ${plural(closed.count, 'closed change')} failed or backed out`,
    key: share === null ? 'changeTrendsNone' : 'changeTrends',
    params: share === null ? { count: closed.count } : { count: closed.count, share },
    value: share,
    count: closed.count,
    latestRecordAt: closed.latest,
  };
}

export async function releases(ctx: EvidenceContext): Promise<Finding> {
  const all = await tally(ctx, 'releases');
  const deployed = await tally(ctx, 'releases', 'deployed_at');
  const good = await tally(ctx, 'releases', 'deployed_at', (q) =>
    q.where('outcome_result', 'in', ['successful', 'successful_with_issues']),
  );
  return {
    figure: `${plural(all.count, 'release')} planned, ${deployed.count} deployed`,
    key: 'releases',
    params: { count: all.count, deployed: deployed.count },
    value: percent(good.count, deployed.count),
    count: all.count,
    latestRecordAt:
      [all.latest, deployed.latest]
        .filter((x) => x !== null)
        .sort()
        .at(-1) ?? null,
  };
}
