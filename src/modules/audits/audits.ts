// Internal and certification audits (ISO/IEC 20000-1, 9.2) and the corrective actions of their
// nonconformities (10.1): the kinds, the life cycles and the rules of each. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const AUDIT_TYPES = [
  'internal',
  'stage-1',
  'stage-2',
  'surveillance',
  'recertification',
  'special',
  'follow-up',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export const AUDIT_STATUSES = ['planned', 'in-progress', 'completed', 'cancelled'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** Forward only; a completed or cancelled audit is final (a new finding needs a follow-up audit). */
export const NEXT_AUDIT_STATUSES: Record<AuditStatus, readonly AuditStatus[]> = {
  planned: ['in-progress', 'cancelled'],
  'in-progress': ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const SAMPLE_RESULTS = ['not-audited', 'conforming', 'nonconforming'] as const;
export type SampleResult = (typeof SAMPLE_RESULTS)[number];

export const GRADE_KINDS = [
  'major-nonconformity',
  'minor-nonconformity',
  'observation',
  'opportunity-for-improvement',
] as const;
export type GradeKind = (typeof GRADE_KINDS)[number];

export const FINDING_STATUSES = ['open', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Where the corrective action of a nonconformity stands; `none` for other findings. */
export const ACTION_STATES = ['none', 'to-plan', 'in-progress', 'done', 'verified'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export const isNonconformity = (kind: GradeKind) =>
  kind === 'major-nonconformity' || kind === 'minor-nonconformity';

export interface Grade {
  key: string;
  label: string;
  kind: GradeKind;
}

export interface GradeScheme {
  id: string;
  name: string;
  grades: Grade[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The scheme every programme starts with: one grade of each kind, in order of severity. */
export const DEFAULT_GRADES: readonly Grade[] = [
  { key: 'major', label: 'Major nonconformity', kind: 'major-nonconformity' },
  { key: 'minor', label: 'Minor nonconformity', kind: 'minor-nonconformity' },
  { key: 'observation', label: 'Observation', kind: 'observation' },
  { key: 'ofi', label: 'Opportunity for improvement', kind: 'opportunity-for-improvement' },
];

export interface Programme {
  id: string;
  name: string;
  certificationBody: string;
  gradeSchemeId: string;
  cycleStart: string;
  cycleEnd: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Audit {
  id: string;
  number: string;
  programmeId: string;
  type: AuditType;
  title: string;
  plannedStart: string;
  plannedEnd: string;
  status: AuditStatus;
  leadAuditorId: string | null;
  teamIds: string[];
  areaGroupIds: string[];
  scope: string;
  completedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RecordLink {
  label: string;
  /** A URL or a record number such as INC0000042. */
  ref: string;
}

export interface SampleEntry {
  requirement: string;
  position: number;
  result: SampleResult;
  evidence: string;
  records: RecordLink[];
  recordedBy: string | null;
  recordedAt: string | null;
}

export interface Finding {
  id: string;
  auditId: string;
  reference: string;
  gradeKey: string;
  gradeLabel: string;
  gradeKind: GradeKind;
  title: string;
  statement: string;
  evidence: string;
  requirements: string[];
  status: FindingStatus;
  correction: string | null;
  rootCause: string | null;
  action: string | null;
  actionOwnerId: string | null;
  actionDue: string | null;
  actionDoneAt: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  effective: boolean | null;
  verificationNotes: string | null;
  closedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const TEXT_LIMITS = { title: 200, name: 200, long: 8000 } as const;

export function requiredText(value: string, field: string, max: number = TEXT_LIMITS.title) {
  const text = value.trim();
  if (!text) throw invalid(field, 'must not be empty');
  if (text.length > max) throw invalid(field, `must be at most ${max} characters`);
  return text;
}

/** Optional long text: blank becomes null. */
export function optionalText(value: string | null | undefined, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > TEXT_LIMITS.long)
    throw invalid(field, `must be at most ${TEXT_LIMITS.long} characters`);
  return text || null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: string, field: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid(field, 'must be a date YYYY-MM-DD');
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw invalid(field, 'is not a calendar date');
  return value;
}

export function checkRange(start: string, end: string, endField: string) {
  if (end < start) throw invalid(endField, 'must not be before the start');
}

export function checkGrades(grades: Grade[]): Grade[] {
  if (grades.length === 0) throw invalid('/grades', 'must list at least one grade');
  const keys = new Set<string>();
  return grades.map((g, i) => {
    const key = g.key.trim();
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(key))
      throw invalid(`/grades/${i}/key`, 'must be lower-case letters, digits and hyphens');
    if (keys.has(key)) throw invalid(`/grades/${i}/key`, `is used twice: ${key}`);
    keys.add(key);
    if (!(GRADE_KINDS as readonly string[]).includes(g.kind))
      throw invalid(`/grades/${i}/kind`, `must be one of ${GRADE_KINDS.join(', ')}`);
    return { key, label: requiredText(g.label, `/grades/${i}/label`, 100), kind: g.kind };
  });
}

export function moveAudit(audit: Audit, to: AuditStatus, now: string): Audit {
  if (!NEXT_AUDIT_STATUSES[audit.status].includes(to))
    throw new DomainError(
      'INVALID_TRANSITION',
      `An audit that is ${audit.status} cannot become ${to}.`,
      { errors: [{ field: '/status', message: `not allowed from ${audit.status}` }] },
    );
  return { ...audit, status: to, completedAt: to === 'completed' ? now : audit.completedAt };
}

/** Where the corrective action stands: what the tracker and the finding panel show. */
export function actionState(f: Finding): ActionState {
  if (!isNonconformity(f.gradeKind)) return 'none';
  if (f.effective === true && f.actionDoneAt) return 'verified';
  if (!f.action || !f.actionOwnerId || !f.actionDue) return 'to-plan';
  return f.actionDoneAt ? 'done' : 'in-progress';
}

/** A nonconformity's action whose due date has passed before `today` without an effective verification. */
export function isOverdue(f: Finding, today: string): boolean {
  return (
    isNonconformity(f.gradeKind) &&
    f.status === 'open' &&
    f.actionDue !== null &&
    f.actionDue < today &&
    actionState(f) !== 'verified'
  );
}

/** What a nonconformity still lacks before it may close, as field errors. */
export function missingToClose(f: Finding): { field: string; message: string }[] {
  if (!isNonconformity(f.gradeKind)) return [];
  const missing: { field: string; message: string }[] = [];
  const need = (ok: unknown, field: string, what: string) => {
    if (!ok) missing.push({ field, message: `${what} is required before closing` });
  };
  need(f.correction, '/correction', 'a correction');
  need(f.rootCause, '/rootCause', 'a root cause');
  need(f.action, '/action', 'a corrective action');
  need(f.actionOwnerId, '/actionOwnerId', 'an action owner');
  need(f.actionDue, '/actionDue', 'a due date');
  need(f.actionDoneAt, '/actionDoneAt', 'the action marked done');
  need(f.effective === true, '/effective', 'an effectiveness verification found effective');
  return missing;
}

/** The audited requirements of one audit and those found conforming (the success rate's terms). */
export function auditRate(
  samples: Pick<SampleEntry, 'requirement' | 'result'>[],
  findings: Pick<Finding, 'gradeKind' | 'requirements'>[],
): { audited: string[]; conforming: string[] } {
  const nonconforming = new Set(
    findings.filter((f) => isNonconformity(f.gradeKind)).flatMap((f) => f.requirements),
  );
  const audited = samples.filter((s) => s.result !== 'not-audited').map((s) => s.requirement);
  return { audited, conforming: audited.filter((r) => !nonconforming.has(r)) };
}

/** A percentage with one decimal; null when there is nothing to divide. */
export const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

/** Today's date in UTC, which due dates are compared with. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
