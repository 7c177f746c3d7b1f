// Live evidence of the audit programme (9.2) and of findings and corrective actions (10.1).
// Read-only queries over the audits module's tables (through `readOnly`); the figures use the
// audits module's own rules, so they match its success rate and tracker.

import { fromJson } from '../../../db/values.js';
import {
  type Finding as AuditFinding,
  auditRate,
  type GradeKind,
  isNonconformity,
  type SampleResult,
} from '../../audits/audits.js';
import {
  bounds,
  type EvidenceContext,
  type Finding,
  latestOf,
  percent,
  plural,
  readOnly,
} from './evidence.js';

/** Completed audits whose end date lies in the period, and their compliance audit success rate. */
export async function programme(ctx: EvidenceContext): Promise<Finding> {
  const audits = await readOnly(ctx.db)
    .selectFrom('audits')
    .select(['id', 'completed_at'])
    .where('status', '=', 'completed')
    .where('planned_end', '>=', ctx.period.from)
    .where('planned_end', '<=', ctx.period.to)
    .execute();
  if (!audits.length)
    return {
      figure: 'No audits completed in the period',
      key: 'auditsNone',
      params: {},
      value: null,
      count: 0,
      latestRecordAt: null,
    };
  const ids = audits.map((a: { id: string }) => a.id);
  const [samples, findings] = await Promise.all([
    readOnly(ctx.db)
      .selectFrom('audit_samples')
      .select(['audit_id', 'requirement', 'result'])
      .where('audit_id', 'in', ids)
      .execute(),
    readOnly(ctx.db)
      .selectFrom('audit_findings')
      .select(['audit_id', 'grade_kind', 'requirements'])
      .where('audit_id', 'in', ids)
      .execute(),
  ]);
  let audited = 0;
  let conforming = 0;
  for (const id of ids) {
    const r = auditRate(
      samples
        .filter((s: { audit_id: string }) => s.audit_id === id)
        .map((s: { requirement: string; result: string }) => ({
          requirement: s.requirement,
          result: s.result as SampleResult,
        })),
      findings
        .filter((f: { audit_id: string }) => f.audit_id === id)
        .map((f: { grade_kind: string; requirements: unknown }) => ({
          gradeKind: f.grade_kind as GradeKind,
          requirements: fromJson<string[]>(f.requirements),
        })),
    );
    audited += r.audited.length;
    conforming += r.conforming.length;
  }
  const rate = percent(conforming, audited);
  const latest = audits
    .map((a: { completed_at: unknown }) => latestOf(a.completed_at))
    .filter((x: string | null): x is string => x !== null)
    .sort()
    .at(-1);
  return {
    figure:
      rate === null
        ? `${plural(audits.length, 'audit')} completed, no requirement result recorded`
        : `${plural(audits.length, 'audit')} completed, ${rate}% of ${plural(audited, 'audited requirement')} conforming`,
    key: rate === null ? 'auditsNoResult' : 'audits',
    params:
      rate === null ? { count: audits.length } : { count: audits.length, share: rate, audited },
    value: rate,
    count: audits.length,
    latestRecordAt: latest ?? null,
  };
}

/** Findings raised in the period; of their nonconformities, how many closed after an effective verification. */
export async function findings(ctx: EvidenceContext): Promise<Finding> {
  const { start, end } = bounds(ctx.period);
  const rows = await readOnly(ctx.db)
    .selectFrom('audit_findings')
    .select(['grade_kind', 'status', 'effective', 'closed_at', 'action_due', 'updated_at'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute();
  if (!rows.length)
    return {
      figure: 'No findings in the period',
      key: 'findingsNone',
      params: {},
      value: null,
      count: 0,
      latestRecordAt: null,
    };
  type Row = Pick<AuditFinding, 'gradeKind'> & {
    closed: boolean;
    due: string | null;
    updatedAt: string | null;
  };
  const list: Row[] = rows.map(
    (r: {
      grade_kind: string;
      closed_at: unknown;
      action_due: string | null;
      updated_at: unknown;
    }) => ({
      gradeKind: r.grade_kind as GradeKind,
      // Closed before the period's end; a nonconformity closes only after an effective verification.
      closed: r.closed_at !== null && (latestOf(r.closed_at) ?? '') < end,
      due: r.action_due,
      updatedAt: latestOf(r.updated_at),
    }),
  );
  const ncs = list.filter((r) => isNonconformity(r.gradeKind));
  const closed = ncs.filter((r) => r.closed).length;
  const overdue = ncs.filter((r) => !r.closed && r.due !== null && r.due <= ctx.period.to).length;
  const latest = list
    .map((r) => r.updatedAt)
    .filter((x): x is string => x !== null)
    .sort()
    .at(-1);
  const share = percent(closed, ncs.length);
  return {
    figure:
      ncs.length === 0
        ? `${plural(list.length, 'finding')} raised, no nonconformity`
        : `${plural(list.length, 'finding')} raised; ${closed} of ${plural(ncs.length, 'nonconformity', 'nonconformities')} closed after an effective verification${overdue ? `, ${plural(overdue, 'corrective action')} overdue` : ''}`,
    key: ncs.length === 0 ? 'findingsNoNonconformity' : overdue ? 'findingsOverdue' : 'findings',
    params:
      ncs.length === 0
        ? { count: list.length }
        : { count: list.length, closed, nonconformities: ncs.length, overdue },
    value: share,
    count: list.length,
    latestRecordAt: latest ?? null,
  };
}
