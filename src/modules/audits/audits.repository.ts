// The only SQL of the audits module. Figures (success rate, summary) are computed in the service
// from the rows read here, so both databases give the same numbers.
import type { Executor } from '../../db/executor.js';
import type {
  AuditFindingsTable,
  AuditGradeSchemesTable,
  AuditProgrammesTable,
  AuditSamplesTable,
  AuditsTable,
} from '../../db/tables/audits.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type {
  Audit,
  AuditStatus,
  AuditType,
  Finding,
  FindingStatus,
  Grade,
  GradeKind,
  GradeScheme,
  Programme,
  RecordLink,
  SampleEntry,
  SampleResult,
} from './audits.js';

export const toScheme = (r: AuditGradeSchemesTable): GradeScheme => ({
  id: r.id,
  name: r.name,
  grades: fromJson<Grade[]>(r.grades),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const schemeRow = (s: GradeScheme): AuditGradeSchemesTable => ({
  id: s.id,
  name: s.name,
  grades: toJson(s.grades),
  created_at: s.createdAt,
  updated_at: s.updatedAt,
  version: s.version,
});

export const toProgramme = (r: AuditProgrammesTable): Programme => ({
  id: r.id,
  name: r.name,
  certificationBody: r.certification_body,
  gradeSchemeId: r.grade_scheme_id,
  cycleStart: r.cycle_start,
  cycleEnd: r.cycle_end,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const programmeRow = (p: Programme): AuditProgrammesTable => ({
  id: p.id,
  name: p.name,
  certification_body: p.certificationBody,
  grade_scheme_id: p.gradeSchemeId,
  cycle_start: p.cycleStart,
  cycle_end: p.cycleEnd,
  created_by: p.createdBy,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
  version: p.version,
});

export const toAudit = (r: AuditsTable): Audit => ({
  id: r.id,
  number: r.number,
  programmeId: r.programme_id,
  type: r.type as AuditType,
  title: r.title,
  plannedStart: r.planned_start,
  plannedEnd: r.planned_end,
  status: r.status as AuditStatus,
  leadAuditorId: r.lead_auditor_id,
  teamIds: fromJson<string[]>(r.team_ids),
  areaGroupIds: fromJson<string[]>(r.area_group_ids),
  scope: r.scope,
  completedAt: r.completed_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const auditRow = (a: Audit): AuditsTable => ({
  id: a.id,
  number: a.number,
  programme_id: a.programmeId,
  type: a.type,
  title: a.title,
  planned_start: a.plannedStart,
  planned_end: a.plannedEnd,
  status: a.status,
  lead_auditor_id: a.leadAuditorId,
  team_ids: toJson(a.teamIds),
  area_group_ids: toJson(a.areaGroupIds),
  scope: a.scope,
  completed_at: a.completedAt,
  created_by: a.createdBy,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
  version: a.version,
});

const toSample = (r: AuditSamplesTable): SampleEntry & { auditId: string } => ({
  auditId: r.audit_id,
  requirement: r.requirement,
  position: r.position,
  result: r.result as SampleResult,
  evidence: r.evidence,
  records: fromJson<RecordLink[]>(r.records),
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

export const toFinding = (r: AuditFindingsTable): Finding => ({
  id: r.id,
  auditId: r.audit_id,
  reference: r.reference,
  gradeKey: r.grade_key,
  gradeLabel: r.grade_label,
  gradeKind: r.grade_kind as GradeKind,
  title: r.title,
  statement: r.statement,
  evidence: r.evidence,
  requirements: fromJson<string[]>(r.requirements),
  status: r.status as FindingStatus,
  correction: r.correction,
  rootCause: r.root_cause,
  action: r.action,
  actionOwnerId: r.action_owner_id,
  actionDue: r.action_due,
  actionDoneAt: r.action_done_at,
  verifiedBy: r.verified_by,
  verifiedAt: r.verified_at,
  effective: r.effective === null ? null : toBool(r.effective),
  verificationNotes: r.verification_notes,
  closedAt: r.closed_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const findingRow = (f: Finding): AuditFindingsTable => ({
  id: f.id,
  audit_id: f.auditId,
  reference: f.reference,
  grade_key: f.gradeKey,
  grade_label: f.gradeLabel,
  grade_kind: f.gradeKind,
  title: f.title,
  statement: f.statement,
  evidence: f.evidence,
  requirements: toJson(f.requirements),
  status: f.status,
  correction: f.correction,
  root_cause: f.rootCause,
  action: f.action,
  action_owner_id: f.actionOwnerId,
  action_due: f.actionDue,
  action_done_at: f.actionDoneAt,
  verified_by: f.verifiedBy,
  verified_at: f.verifiedAt,
  effective: f.effective,
  verification_notes: f.verificationNotes,
  closed_at: f.closedAt,
  created_by: f.createdBy,
  created_at: f.createdAt,
  updated_at: f.updatedAt,
  version: f.version,
});

const withoutKey = <T extends { id: string; created_at: string; version: number }>(row: T) => {
  const { id: _id, created_at: _c, version: _v, ...values } = row;
  return values;
};

export interface FindingFilter {
  /** Only nonconformities (the corrective action tracker). */
  nonconformitiesOnly?: boolean;
  status?: FindingStatus;
  ownerId?: string;
  auditIds?: string[];
}

export const auditsRepository = {
  schemes: async (db: Executor) =>
    (await db.selectFrom('audit_grade_schemes').selectAll().orderBy('name').execute()).map(
      toScheme,
    ),
  schemeById: async (db: Executor, id: string) => {
    const row = await db
      .selectFrom('audit_grade_schemes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toScheme(row) : undefined;
  },
  insertScheme: async (db: Executor, s: GradeScheme): Promise<void> => {
    await db.insertInto('audit_grade_schemes').values(schemeRow(s)).execute();
  },
  updateScheme: (db: Executor, s: GradeScheme, expected: number) =>
    updateVersionedRow(db, 'audit_grade_schemes', s.id, expected, withoutKey(schemeRow(s))),

  programmes: async (db: Executor) =>
    (
      await db
        .selectFrom('audit_programmes')
        .selectAll()
        .orderBy('cycle_start', 'desc')
        .orderBy('id')
        .execute()
    ).map(toProgramme),
  programmeById: async (db: Executor, id: string) => {
    const row = await db
      .selectFrom('audit_programmes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toProgramme(row) : undefined;
  },
  insertProgramme: async (db: Executor, p: Programme): Promise<void> => {
    await db.insertInto('audit_programmes').values(programmeRow(p)).execute();
  },
  updateProgramme: (db: Executor, p: Programme, expected: number) =>
    updateVersionedRow(db, 'audit_programmes', p.id, expected, withoutKey(programmeRow(p))),

  async auditByIdOrNumber(db: Executor, ref: string) {
    const row = await db
      .selectFrom('audits')
      .selectAll()
      .where(/^AUD\d+$/.test(ref) ? 'number' : 'id', '=', ref)
      .executeTakeFirst();
    return row ? toAudit(row) : undefined;
  },
  async audits(db: Executor, filter: { programmeId?: string; status?: AuditStatus }) {
    let q = db.selectFrom('audits').selectAll();
    if (filter.programmeId) q = q.where('programme_id', '=', filter.programmeId);
    if (filter.status) q = q.where('status', '=', filter.status);
    return (await q.orderBy('planned_start').orderBy('number').execute()).map(toAudit);
  },
  /** Completed audits whose end date lies in [from, to]. */
  async completedBetween(db: Executor, from: string, to: string) {
    return (
      await db
        .selectFrom('audits')
        .selectAll()
        .where('status', '=', 'completed')
        .where('planned_end', '>=', from)
        .where('planned_end', '<=', to)
        .orderBy('planned_end')
        .orderBy('number')
        .execute()
    ).map(toAudit);
  },
  insertAudit: async (db: Executor, a: Audit): Promise<void> => {
    await db.insertInto('audits').values(auditRow(a)).execute();
  },
  updateAudit: (db: Executor, a: Audit, expected: number) =>
    updateVersionedRow(db, 'audits', a.id, expected, withoutKey(auditRow(a))),

  async samples(db: Executor, auditIds: string[]) {
    if (!auditIds.length) return [];
    return (
      await db
        .selectFrom('audit_samples')
        .selectAll()
        .where('audit_id', 'in', auditIds)
        .orderBy('audit_id')
        .orderBy('position')
        .execute()
    ).map(toSample);
  },
  async setSample(db: Executor, auditId: string, requirements: string[]) {
    const kept = await db
      .selectFrom('audit_samples')
      .select('requirement')
      .where('audit_id', '=', auditId)
      .execute();
    const had = new Set(kept.map((r) => r.requirement));
    const wanted = new Set(requirements);
    const dropped = [...had].filter((r) => !wanted.has(r));
    if (dropped.length)
      await db
        .deleteFrom('audit_samples')
        .where('audit_id', '=', auditId)
        .where('requirement', 'in', dropped)
        .execute();
    for (const [position, requirement] of requirements.entries()) {
      if (had.has(requirement))
        await db
          .updateTable('audit_samples')
          .set({ position })
          .where('audit_id', '=', auditId)
          .where('requirement', '=', requirement)
          .execute();
      else
        await db
          .insertInto('audit_samples')
          .values({
            audit_id: auditId,
            requirement,
            position,
            result: 'not-audited',
            evidence: '',
            records: toJson([]),
            recorded_by: null,
            recorded_at: null,
          })
          .execute();
    }
  },
  setResult: (
    db: Executor,
    auditId: string,
    entry: Pick<SampleEntry, 'requirement' | 'result' | 'evidence' | 'records'> & {
      by: string | null;
      at: string;
    },
  ) =>
    db
      .updateTable('audit_samples')
      .set({
        result: entry.result,
        evidence: entry.evidence,
        records: toJson(entry.records),
        recorded_by: entry.by,
        recorded_at: entry.at,
      })
      .where('audit_id', '=', auditId)
      .where('requirement', '=', entry.requirement)
      .execute(),

  async findingById(db: Executor, ref: string) {
    const row = await db
      .selectFrom('audit_findings')
      .selectAll()
      .where(/^AUD\d+-F\d+$/.test(ref) ? 'reference' : 'id', '=', ref)
      .executeTakeFirst();
    return row ? toFinding(row) : undefined;
  },
  async findings(db: Executor, filter: FindingFilter) {
    let q = db.selectFrom('audit_findings').selectAll();
    if (filter.auditIds) {
      if (!filter.auditIds.length) return [];
      q = q.where('audit_id', 'in', filter.auditIds);
    }
    if (filter.nonconformitiesOnly)
      q = q.where('grade_kind', 'in', ['major-nonconformity', 'minor-nonconformity']);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.ownerId) q = q.where('action_owner_id', '=', filter.ownerId);
    return (await q.orderBy('created_at').orderBy('reference').execute()).map(toFinding);
  },
  /** Findings raised in [start, end). */
  async findingsRaisedBetween(db: Executor, start: string, end: string) {
    return (
      await db
        .selectFrom('audit_findings')
        .selectAll()
        .where('created_at', '>=', start)
        .where('created_at', '<', end)
        .execute()
    ).map(toFinding);
  },
  /** Nonconformities raised before `end`, whatever their status. */
  async nonconformitiesBefore(db: Executor, end: string) {
    return (
      await db
        .selectFrom('audit_findings')
        .selectAll()
        .where('grade_kind', 'in', ['major-nonconformity', 'minor-nonconformity'])
        .where('created_at', '<', end)
        .execute()
    ).map(toFinding);
  },
  async countFindings(db: Executor, auditId: string) {
    const row = await db
      .selectFrom('audit_findings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('audit_id', '=', auditId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  insertFinding: async (db: Executor, f: Finding): Promise<void> => {
    await db.insertInto('audit_findings').values(findingRow(f)).execute();
  },
  updateFinding: (db: Executor, f: Finding, expected: number) =>
    updateVersionedRow(db, 'audit_findings', f.id, expected, withoutKey(findingRow(f))),

  async userNames(db: Executor, ids: string[]) {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map<string, string>();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
