// Internal and certification audits (9.2): audits with their team, audited groups, sampled
// requirements and results, the audit report and the compliance audit success rate. Programmes and
// grade schemes are in programmes.service.ts, findings and their corrective actions (10.1) in
// findings.service.ts, the figures in audit-figures.ts; this service puts them together. Staff and
// auditors read (audits.read); auditors, managers and admins record results and findings
// (audits.record); managers and admins plan (audits.manage). Other modules read `summary`.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { UserService } from '../users/users.service.js';
import {
  type AuditRate,
  type SuccessRateReport,
  successRateOf,
  summaryOf,
} from './audit-figures.js';
import { auditReportPdf } from './audit-report.js';
import {
  type Audit,
  type AuditStatus,
  type AuditType,
  auditRate,
  checkDate,
  checkRange,
  type Grade,
  isoDay,
  moveAudit,
  optionalText,
  type RecordLink,
  rate,
  requiredText,
  type SampleEntry,
  type SampleResult,
} from './audits.js';
import { auditsRepository as repo } from './audits.repository.js';
import { createFindingService, type FindingView } from './findings.service.js';
import {
  type AuditListItem,
  createProgrammeService,
  listItems,
  type ProgrammeView,
} from './programmes.service.js';
import { LEAF_NUMBERS, REQUIREMENT_TITLES } from './requirements.js';

/** Whole days, YYYY-MM-DD, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** The audit figures of a period, as the management review and the KPIs read them. */
export interface AuditSummary {
  /** Audits (any type) whose end date lies in the period and that are completed. */
  audits: number;
  /** Sampled requirements with a recorded result in those audits (one per audit and requirement). */
  auditedRequirements: number;
  /** Of those, the ones without a major or minor nonconformity. */
  conformingRequirements: number;
  /** conforming / audited × 100, one decimal; null when nothing was audited. */
  successRate: number | null;
  /**
   * Findings raised in the period, by grade kind (major-nonconformity, minor-nonconformity,
   * observation, opportunity-for-improvement): comparable whatever the certification body calls
   * its grades.
   */
  findingsByKind: Record<string, number>;
  /** Nonconformities not closed at the end of the period (any date raised). */
  openNonconformities: number;
  /** Corrective actions open past their due date at the end of the period. */
  overdueActions: number;
}

export interface IndependenceWarning {
  userId: string;
  userName: string;
  groupId: string;
  groupName: string;
  relation: 'member' | 'manager';
}

export type SampleView = SampleEntry & { title: string };

export type AuditView = Audit & {
  programmeName: string;
  grades: Grade[];
  sample: SampleView[];
  findings: FindingView[];
  independence: IndependenceWarning[];
  successRate: AuditRate;
  names: Record<string, string>;
};

export type { AuditListItem, AuditRate, ProgrammeView, SuccessRateReport };

export interface AuditInput {
  programmeId: string;
  type: AuditType;
  title: string;
  plannedStart: string;
  plannedEnd: string;
  leadAuditorId?: string | null;
  teamIds?: string[];
  areaGroupIds?: string[];
  scope?: string;
  requirements?: string[];
}
export type AuditPatch = Partial<Omit<AuditInput, 'programmeId'>>;

export interface ResultInput {
  result: SampleResult;
  evidence?: string;
  records?: RecordLink[];
}

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError(
      'VALIDATION_FAILED',
      'The audit refers to a record that does not exist.',
      {
        errors: [{ field: '/', message: 'refers to a record that does not exist' }],
      },
    );
  return error;
}

export function createAuditProgrammeService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  jobs: JobQueue;
  users: UserService;
  groups: GroupService;
  notifications: NotificationService;
}) {
  const { db, audit, clock, users, groups } = deps;
  audit.registerReader('audit', async (actor: Actor) => can(actor, 'audits.read'));

  const audits = auditedWrites<Audit>(
    { db, audit, clock, mapError },
    {
      what: 'The audit',
      entityType: 'audit',
      load: repo.auditByIdOrNumber,
      insert: repo.insertAudit,
      update: repo.updateAudit,
    },
  );

  const today = () => isoDay(clock.now());
  const findings = createFindingService({
    db,
    audit,
    clock,
    users,
    notifications: deps.notifications,
    loadAudit: audits.load,
  });

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }
  const programmes = createProgrammeService({ db, audit, clock, inTransaction });

  async function checkUser(trx: Executor, id: string, field: string) {
    const user = await users.find(trx, id);
    if (!user?.active) throw invalid(field, `no such active user: ${id}`);
    if (user.role === 'requester') throw invalid(field, `${user.name} is not a staff member`);
  }

  function checkRequirements(list: string[], field: string): string[] {
    const unique = [...new Set(list.map((r) => r.trim()))];
    for (const r of unique)
      if (!LEAF_NUMBERS.has(r)) throw invalid(field, `not a requirement of the library: ${r}`);
    return unique;
  }

  async function checkAuditFields(trx: Executor, a: Audit) {
    checkRange(a.plannedStart, a.plannedEnd, '/plannedEnd');
    if (a.leadAuditorId) await checkUser(trx, a.leadAuditorId, '/leadAuditorId');
    for (const id of a.teamIds) await checkUser(trx, id, '/teamIds');
    for (const id of a.areaGroupIds)
      if (!(await groups.find(trx, id))) throw invalid('/areaGroupIds', `no such group: ${id}`);
  }

  function fields(input: AuditPatch, before: Audit): Audit {
    return {
      ...before,
      type: input.type ?? before.type,
      title: input.title !== undefined ? requiredText(input.title, '/title') : before.title,
      plannedStart:
        input.plannedStart !== undefined
          ? checkDate(input.plannedStart, '/plannedStart')
          : before.plannedStart,
      plannedEnd:
        input.plannedEnd !== undefined
          ? checkDate(input.plannedEnd, '/plannedEnd')
          : before.plannedEnd,
      leadAuditorId: input.leadAuditorId !== undefined ? input.leadAuditorId : before.leadAuditorId,
      teamIds: input.teamIds !== undefined ? [...new Set(input.teamIds)] : before.teamIds,
      areaGroupIds:
        input.areaGroupIds !== undefined ? [...new Set(input.areaGroupIds)] : before.areaGroupIds,
      scope: input.scope !== undefined ? (optionalText(input.scope, '/scope') ?? '') : before.scope,
    };
  }

  async function independence(trx: Executor, a: Audit): Promise<IndependenceWarning[]> {
    const team = [...new Set([a.leadAuditorId, ...a.teamIds].filter((x): x is string => !!x))];
    const warnings: IndependenceWarning[] = [];
    const names = await repo.userNames(trx, team);
    for (const groupId of a.areaGroupIds) {
      const group = await groups.find(trx, groupId);
      if (!group) continue;
      for (const userId of team) {
        const relation =
          group.managerId === userId
            ? 'manager'
            : group.memberIds.includes(userId)
              ? 'member'
              : null;
        if (relation)
          warnings.push({
            userId,
            userName: names.get(userId) ?? userId,
            groupId,
            groupName: group.name,
            relation,
          });
      }
    }
    return warnings;
  }

  async function view(trx: Executor, a: Audit): Promise<AuditView> {
    const programme = await programmes.loadProgramme(trx, a.programmeId);
    const scheme = await programmes.schemeOf(trx, programme);
    const sample = (await repo.samples(trx, [a.id])).map(({ auditId: _a, ...s }) => ({
      ...s,
      title: REQUIREMENT_TITLES.get(s.requirement) ?? '',
    }));
    const found = await findings.ofAudit(trx, a);
    const figures = auditRate(sample, found);
    const ids = [
      a.leadAuditorId,
      ...a.teamIds,
      ...found.flatMap((f) => [f.actionOwnerId, f.verifiedBy]),
      ...sample.map((s) => s.recordedBy),
    ].filter((x): x is string => !!x);
    return {
      ...a,
      programmeName: programme.name,
      grades: scheme.grades,
      sample,
      findings: found,
      independence: await independence(trx, a),
      successRate: {
        audited: figures.audited.length,
        conforming: figures.conforming.length,
        rate: rate(figures.conforming.length, figures.audited.length),
      },
      names: Object.fromEntries(await repo.userNames(trx, ids)),
    };
  }

  function checkPeriod(period: Period): Period {
    checkDate(period.from, '/from');
    checkDate(period.to, '/to');
    checkRange(period.from, period.to, '/to');
    return period;
  }

  return {
    ...findings.api,
    ...programmes.api,
    /** Evidence files on findings (owner type `audit-finding` of the attachments service). */
    attachmentOwner: findings.attachmentOwner,

    // Audits ----------------------------------------------------------------------------------
    async list(
      actor: Actor,
      filter: { programmeId?: string; status?: AuditStatus },
    ): Promise<AuditListItem[]> {
      requirePermission(actor, 'audits.read', 'see audits');
      return listItems(db, await repo.audits(db, filter));
    },

    async get(actor: Actor, id: string): Promise<AuditView> {
      requirePermission(actor, 'audits.read', 'see audits');
      return inTransaction(async (trx) => view(trx, await audits.load(trx, id)));
    },

    async create(actor: Actor, input: AuditInput): Promise<AuditView> {
      requirePermission(actor, 'audits.manage', 'plan audits');
      const now = clock.now();
      const blank: Audit = {
        id: uuidv7(now.getTime()),
        number: '',
        programmeId: input.programmeId,
        type: input.type,
        title: '',
        plannedStart: '',
        plannedEnd: '',
        status: 'planned',
        leadAuditorId: null,
        teamIds: [],
        areaGroupIds: [],
        scope: '',
        completedAt: null,
        createdBy: actor.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const a = fields(input, blank);
      const requirements = checkRequirements(input.requirements ?? [], '/requirements');
      return inTransaction(async (trx) => {
        if (!(await repo.programmeById(trx, input.programmeId)))
          throw invalid('/programmeId', 'no such audit programme');
        await checkAuditFields(trx, a);
        a.number = formatNumber('AUD', await nextInSeries(trx, 'AUD'));
        await repo.insertAudit(trx, a);
        await repo.setSample(trx, a.id, requirements);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'audit',
          entityId: a.id,
          changes: {
            ...diff(null, a, { ignore: ['id', 'createdAt'] }),
            sample: { from: null, to: requirements },
          },
        });
        return view(trx, a);
      });
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: AuditPatch,
    ): Promise<AuditView> {
      requirePermission(actor, 'audits.manage', 'change audit plans');
      const requirements =
        patch.requirements !== undefined
          ? checkRequirements(patch.requirements, '/requirements')
          : undefined;
      const saved = await audits.update(actor, id, expectedVersion, async (before, trx) => {
        if (before.status === 'completed' || before.status === 'cancelled')
          throw new DomainError('INVALID_TRANSITION', `A ${before.status} audit cannot change.`);
        const after = fields(patch, before);
        await checkAuditFields(trx, after);
        if (requirements) {
          const had = (await repo.samples(trx, [id])).map((s) => s.requirement);
          const inUse = (await repo.findings(trx, { auditIds: [before.id] })).flatMap(
            (f) => f.requirements,
          );
          const dropped = inUse.find((r) => !requirements.includes(r));
          if (dropped)
            throw invalid('/requirements', `${dropped} is referenced by a finding and must stay`);
          if (had.join() !== requirements.join()) {
            await repo.setSample(trx, before.id, requirements);
            // The sample lives in its own rows: its change is part of the audit's history.
            await audit.record(trx, actor, {
              action: 'update',
              entityType: 'audit',
              entityId: before.id,
              changes: { sample: { from: had, to: requirements } },
            });
          }
        }
        return after;
      });
      return inTransaction((trx) => view(trx, saved));
    },

    async transition(
      actor: Actor,
      id: string,
      expectedVersion: number,
      status: AuditStatus,
    ): Promise<AuditView> {
      if (status === 'cancelled') requirePermission(actor, 'audits.manage', 'cancel audits');
      else requirePermission(actor, 'audits.record', 'start and complete audits');
      const saved = await audits.update(actor, id, expectedVersion, (before) =>
        moveAudit(before, status, clock.now().toISOString()),
      );
      return inTransaction((trx) => view(trx, saved));
    },

    async recordResult(
      actor: Actor,
      id: string,
      requirement: string,
      input: ResultInput,
    ): Promise<AuditView> {
      requirePermission(actor, 'audits.record', 'record audit results');
      const evidence = optionalText(input.evidence, '/evidence') ?? '';
      const records = (input.records ?? []).map((r, i) => ({
        label: requiredText(r.label, `/records/${i}/label`),
        ref: requiredText(r.ref, `/records/${i}/ref`, 2000),
      }));
      return inTransaction(async (trx) => {
        const a = await audits.load(trx, id);
        if (a.status !== 'in-progress')
          throw new DomainError(
            'INVALID_TRANSITION',
            'Results are recorded while the audit is in progress.',
            { errors: [{ field: '/status', message: `the audit is ${a.status}` }] },
          );
        const before = (await repo.samples(trx, [a.id])).find((s) => s.requirement === requirement);
        if (!before) throw notFound(`Requirement ${requirement} in the sample of ${a.number}`);
        await repo.setResult(trx, a.id, {
          requirement,
          result: input.result,
          evidence,
          records,
          by: actor.id,
          at: clock.now().toISOString(),
        });
        const changes = diff(
          { result: before.result, evidence: before.evidence, records: before.records },
          { result: input.result, evidence, records },
        );
        if (Object.keys(changes).length)
          await audit.record(trx, actor, {
            action: 'update',
            entityType: 'audit',
            entityId: a.id,
            changes: Object.fromEntries(
              Object.entries(changes).map(([k, v]) => [`${requirement} ${k}`, v]),
            ),
          });
        return view(trx, a);
      });
    },

    async report(actor: Actor, id: string): Promise<{ filename: string; pdf: Buffer }> {
      requirePermission(actor, 'audits.read', 'download audit reports');
      const v = await inTransaction(async (trx) => view(trx, await audits.load(trx, id)));
      const pdf = await auditReportPdf(v, clock.now());
      return { filename: `${v.number}-audit-report.pdf`, pdf };
    },

    async successRate(actor: Actor, period: Period): Promise<SuccessRateReport> {
      requirePermission(actor, 'audits.read', 'see the audit success rate');
      return successRateOf(db, checkPeriod(period));
    },

    /** For the management review and the KPIs: the audit figures of a period (contract). */
    summary: (trx: Executor, period: Period): Promise<AuditSummary> => summaryOf(trx, period),

    /** For the demo and other modules: today's date as due dates are compared. */
    today,
  };
}

export type AuditProgrammeService = ReturnType<typeof createAuditProgrammeService>;
