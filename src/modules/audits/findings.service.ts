// Audit findings and the corrective actions of nonconformities (10.1). A nonconformity closes only
// with a correction, a root cause, a corrective action with owner and due date, marked done, and
// an effectiveness verification that found it effective; a verification that finds it not
// effective reopens the action. Observations and opportunities for improvement close as they are.
// Auditors and managers (audits.record) raise, verify and close; managers (audits.manage) assign
// owners and due dates; the action's owner fills their own action without any permission.
import { isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AttachmentOwner } from '../attachments/attachments.service.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { UserService } from '../users/users.service.js';
import {
  type ActionState,
  type Audit,
  actionState,
  checkDate,
  type Finding,
  type FindingStatus,
  type Grade,
  isNonconformity,
  isOverdue,
  isoDay,
  missingToClose,
  optionalText,
  requiredText,
  TEXT_LIMITS,
} from './audits.js';
import { auditsRepository as repo } from './audits.repository.js';

export type FindingView = Finding & {
  auditNumber: string;
  auditTitle: string;
  actionState: ActionState;
  overdue: boolean;
  actionOwnerName: string | null;
};

export interface FindingInput {
  gradeKey: string;
  title: string;
  statement: string;
  evidence?: string;
  requirements: string[];
}

export interface ActionPatch {
  correction?: string | null;
  rootCause?: string | null;
  action?: string | null;
  actionOwnerId?: string | null;
  actionDue?: string | null;
  /** Marks the action done (true) or back in progress (false). */
  done?: boolean;
}

export interface TrackerFilter {
  status?: FindingStatus;
  ownerId?: string;
  overdue?: boolean;
  /** Only the caller's own actions. */
  mine?: boolean;
}

const notOpen = (f: Finding) =>
  new DomainError('INVALID_TRANSITION', `Finding ${f.reference} is closed.`, {
    errors: [{ field: '/status', message: 'the finding is closed' }],
  });

export function createFindingService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  users: Pick<UserService, 'find'>;
  notifications: Pick<NotificationService, 'notify'>;
  loadAudit: (trx: Executor, id: string) => Promise<Audit>;
}) {
  const { db, audit, clock, users, notifications, loadAudit } = deps;
  audit.registerReader('audit-finding', async (actor) => can(actor, 'audits.read'));

  const writes = auditedWrites<Finding>(
    { db, audit, clock },
    {
      what: 'The finding',
      entityType: 'audit-finding',
      load: repo.findingById,
      insert: repo.insertFinding,
      update: repo.updateFinding,
    },
  );

  async function views(trx: Executor, list: Finding[]): Promise<FindingView[]> {
    const today = isoDay(clock.now());
    const auditIds = [...new Set(list.map((f) => f.auditId))];
    const audits = new Map<string, Audit>();
    for (const id of auditIds) audits.set(id, await loadAudit(trx, id));
    const names = await repo.userNames(
      trx,
      list.map((f) => f.actionOwnerId).filter((x): x is string => !!x),
    );
    return list.map((f) => ({
      ...f,
      auditNumber: audits.get(f.auditId)?.number ?? '',
      auditTitle: audits.get(f.auditId)?.title ?? '',
      actionState: actionState(f),
      overdue: isOverdue(f, today),
      actionOwnerName: f.actionOwnerId ? (names.get(f.actionOwnerId) ?? null) : null,
    }));
  }

  const viewOf = async (trx: Executor, f: Finding) => (await views(trx, [f]))[0] as FindingView;

  async function gradesOf(trx: Executor, a: Audit): Promise<Grade[]> {
    const programme = await repo.programmeById(trx, a.programmeId);
    const scheme = programme ? await repo.schemeById(trx, programme.gradeSchemeId) : undefined;
    return scheme?.grades ?? [];
  }

  function inProgress(a: Audit, what: string) {
    if (a.status !== 'in-progress')
      throw new DomainError('INVALID_TRANSITION', `${what} while the audit is in progress.`, {
        errors: [{ field: '/status', message: `the audit is ${a.status}` }],
      });
  }

  /** Grade and requirements, checked against the audit's scheme and sample. */
  async function classify(trx: Executor, a: Audit, gradeKey: string, requirements: string[]) {
    const grade = (await gradesOf(trx, a)).find((g) => g.key === gradeKey);
    if (!grade) throw invalid('/gradeKey', `not a grade of the programme’s scheme: ${gradeKey}`);
    const unique = [...new Set(requirements)];
    if (!unique.length) throw invalid('/requirements', 'name at least one requirement');
    const sample = new Set((await repo.samples(trx, [a.id])).map((s) => s.requirement));
    for (const r of unique)
      if (!sample.has(r)) throw invalid('/requirements', `${r} is not in the audit’s sample`);
    return { grade, requirements: unique };
  }

  /** A nonconformity marks the sampled requirements it names as nonconforming. */
  async function markNonconforming(trx: Executor, actor: Actor, a: Audit, f: Finding) {
    if (!isNonconformity(f.gradeKind)) return;
    const samples = await repo.samples(trx, [a.id]);
    for (const s of samples.filter(
      (x) => f.requirements.includes(x.requirement) && x.result !== 'nonconforming',
    )) {
      await repo.setResult(trx, a.id, {
        requirement: s.requirement,
        result: 'nonconforming',
        evidence: s.evidence,
        records: s.records,
        by: actor.id,
        at: clock.now().toISOString(),
      });
      await audit.record(trx, actor, {
        action: 'update',
        entityType: 'audit',
        entityId: a.id,
        changes: { [`${s.requirement} result`]: { from: s.result, to: 'nonconforming' } },
      });
    }
  }

  async function checkOwner(trx: Executor, id: string) {
    const user = await users.find(trx, id);
    if (!user?.active) throw invalid('/actionOwnerId', `no such active user: ${id}`);
    if (user.role === 'requester')
      throw invalid('/actionOwnerId', `${user.name} is not a staff member`);
  }

  /** Evidence files on a finding: seen by who reads audits, added by auditors and the action's owner while it is open. */
  const attachmentOwner: AttachmentOwner = {
    entityType: 'audit-finding',
    async canRead(trx, actor, ref) {
      requirePermission(actor, 'audits.read', 'see audit evidence');
      const f = await repo.findingById(trx, ref);
      if (!f) throw notFound('The finding');
      return f.id;
    },
    async canAttach(trx, actor, ref) {
      requirePermission(actor, 'audits.read', 'add audit evidence');
      const f = await repo.findingById(trx, ref);
      if (!f) throw notFound('The finding');
      if (!can(actor, 'audits.record') && !(actor.id !== null && actor.id === f.actionOwnerId))
        throw new DomainError(
          'FORBIDDEN',
          'Only an auditor, a manager or the action’s owner adds evidence to a finding.',
          { permission: 'audits.record' },
        );
      if (f.status !== 'open') throw notOpen(f);
      return f.id;
    },
  };

  return {
    attachmentOwner,
    /** The findings of one audit, for its page and report. */
    ofAudit: async (trx: Executor, a: Audit) =>
      views(trx, await repo.findings(trx, { auditIds: [a.id] })),

    api: {
      async finding(actor: Actor, id: string): Promise<FindingView> {
        requirePermission(actor, 'audits.read', 'see audit findings');
        return viewOf(db, await writes.load(db, id));
      },

      async raiseFinding(actor: Actor, auditId: string, input: FindingInput): Promise<FindingView> {
        requirePermission(actor, 'audits.record', 'record audit findings');
        const title = requiredText(input.title, '/title');
        const statement = requiredText(input.statement, '/statement', TEXT_LIMITS.long);
        const evidence = optionalText(input.evidence, '/evidence') ?? '';
        const raise = () =>
          db.transaction().execute(async (trx) => {
            const a = await loadAudit(trx, auditId);
            inProgress(a, 'Findings are raised');
            const { grade, requirements } = await classify(
              trx,
              a,
              input.gradeKey,
              input.requirements,
            );
            const now = clock.now().toISOString();
            const f: Finding = {
              id: uuidv7(clock.now().getTime()),
              auditId: a.id,
              reference: `${a.number}-F${(await repo.countFindings(trx, a.id)) + 1}`,
              gradeKey: grade.key,
              gradeLabel: grade.label,
              gradeKind: grade.kind,
              title,
              statement,
              evidence,
              requirements,
              status: 'open',
              correction: null,
              rootCause: null,
              action: null,
              actionOwnerId: null,
              actionDue: null,
              actionDoneAt: null,
              verifiedBy: null,
              verifiedAt: null,
              effective: null,
              verificationNotes: null,
              closedAt: null,
              createdBy: actor.id,
              createdAt: now,
              updatedAt: now,
              version: 1,
            };
            await repo.insertFinding(trx, f);
            await audit.record(trx, actor, {
              action: 'create',
              entityType: 'audit-finding',
              entityId: f.id,
              changes: diff(null, f, { ignore: ['id', 'createdAt'] }),
            });
            await markNonconforming(trx, actor, a, f);
            return viewOf(trx, f);
          });
        try {
          return await raise();
        } catch (error) {
          // Two findings raised on the same audit at the same moment took the same reference.
          if (isUniqueViolation(error))
            throw new DomainError(
              'CONFLICT',
              'Another finding was raised on this audit at the same moment. Raise yours again.',
            );
          throw error;
        }
      },

      async updateFinding(
        actor: Actor,
        id: string,
        expectedVersion: number,
        patch: Partial<FindingInput>,
      ): Promise<FindingView> {
        requirePermission(actor, 'audits.record', 'change audit findings');
        const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
          if (before.status !== 'open') throw notOpen(before);
          const a = await loadAudit(trx, before.auditId);
          let after: Finding = {
            ...before,
            title: patch.title !== undefined ? requiredText(patch.title, '/title') : before.title,
            statement:
              patch.statement !== undefined
                ? requiredText(patch.statement, '/statement', TEXT_LIMITS.long)
                : before.statement,
            evidence:
              patch.evidence !== undefined
                ? (optionalText(patch.evidence, '/evidence') ?? '')
                : before.evidence,
          };
          if (patch.gradeKey !== undefined || patch.requirements !== undefined) {
            // Grade and requirements make the success rate: fixed once the audit is over.
            inProgress(a, 'The grade and requirements of a finding change');
            const { grade, requirements } = await classify(
              trx,
              a,
              patch.gradeKey ?? before.gradeKey,
              patch.requirements ?? before.requirements,
            );
            after = {
              ...after,
              gradeKey: grade.key,
              gradeLabel: grade.label,
              gradeKind: grade.kind,
              requirements,
            };
            await markNonconforming(trx, actor, a, after);
          }
          return after;
        });
        return viewOf(db, saved);
      },

      async updateAction(
        actor: Actor,
        id: string,
        expectedVersion: number,
        patch: ActionPatch,
      ): Promise<FindingView> {
        requirePermission(actor, 'audits.read', 'work on corrective actions');
        const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
          if (!isNonconformity(before.gradeKind))
            throw new DomainError(
              'INVALID_TRANSITION',
              `${before.reference} is not a nonconformity and has no corrective action.`,
            );
          if (before.status !== 'open') throw notOpen(before);
          const assigning =
            (patch.actionOwnerId !== undefined && patch.actionOwnerId !== before.actionOwnerId) ||
            (patch.actionDue !== undefined && patch.actionDue !== before.actionDue);
          if (assigning)
            requirePermission(actor, 'audits.manage', 'assign corrective actions and due dates');
          const isOwner = actor.id !== null && actor.id === before.actionOwnerId;
          if (!isOwner && !can(actor, 'audits.record'))
            throw new DomainError(
              'FORBIDDEN',
              'Only the action’s owner, an auditor or a manager works on this corrective action.',
              { permission: 'audits.record' },
            );
          if (before.effective === true && before.actionDoneAt)
            throw new DomainError(
              'INVALID_TRANSITION',
              'The action was verified effective: close the finding instead.',
            );
          if (patch.actionOwnerId) await checkOwner(trx, patch.actionOwnerId);
          const after: Finding = {
            ...before,
            correction:
              patch.correction !== undefined
                ? optionalText(patch.correction, '/correction')
                : before.correction,
            rootCause:
              patch.rootCause !== undefined
                ? optionalText(patch.rootCause, '/rootCause')
                : before.rootCause,
            action:
              patch.action !== undefined ? optionalText(patch.action, '/action') : before.action,
            actionOwnerId:
              patch.actionOwnerId !== undefined ? patch.actionOwnerId : before.actionOwnerId,
            actionDue:
              patch.actionDue !== undefined
                ? patch.actionDue === null
                  ? null
                  : checkDate(patch.actionDue, '/actionDue')
                : before.actionDue,
          };
          // The new owner hears of it (not when they took it themselves).
          if (after.actionOwnerId && after.actionOwnerId !== before.actionOwnerId) {
            const a = await loadAudit(trx, before.auditId);
            await notifications.notify(trx, {
              kind: 'corrective-action-assigned',
              subject: { type: 'audit-finding', id: before.id },
              link: `/audits/${a.number}`,
              params: {
                number: before.reference,
                title: before.title,
                actorName: actor.name,
                expiresAt: after.actionDue ?? undefined,
              },
              audience: [{ role: 'owner', userIds: [after.actionOwnerId] }],
              actorId: actor.id,
            });
          }
          if (patch.done === true && !before.actionDoneAt) {
            const missing = [
              !after.action && '/action',
              !after.actionOwnerId && '/actionOwnerId',
              !after.actionDue && '/actionDue',
            ].filter((x): x is string => !!x);
            if (missing.length)
              throw new DomainError(
                'INVALID_TRANSITION',
                'An action is marked done once it is defined, owned and due.',
                { errors: missing.map((field) => ({ field, message: 'is required' })) },
              );
            after.actionDoneAt = clock.now().toISOString();
          } else if (patch.done === false) after.actionDoneAt = null;
          return after;
        });
        return viewOf(db, saved);
      },

      async verify(
        actor: Actor,
        id: string,
        expectedVersion: number,
        input: { effective: boolean; notes?: string },
      ): Promise<FindingView> {
        requirePermission(actor, 'audits.record', 'verify the effectiveness of corrective actions');
        const saved = await writes.update(actor, id, expectedVersion, (before) => {
          if (!isNonconformity(before.gradeKind))
            throw new DomainError(
              'INVALID_TRANSITION',
              `${before.reference} is not a nonconformity: there is no action to verify.`,
            );
          if (before.status !== 'open') throw notOpen(before);
          if (!before.actionDoneAt)
            throw new DomainError(
              'INVALID_TRANSITION',
              'The corrective action is verified once it is marked done.',
              { errors: [{ field: '/actionDoneAt', message: 'the action is not done yet' }] },
            );
          const now = clock.now().toISOString();
          return {
            ...before,
            effective: input.effective,
            verifiedBy: actor.id,
            verifiedAt: now,
            verificationNotes: optionalText(input.notes, '/notes'),
            // Not effective: the action reopens for the owner to do more.
            actionDoneAt: input.effective ? before.actionDoneAt : null,
          };
        });
        return viewOf(db, saved);
      },

      async closeFinding(actor: Actor, id: string, expectedVersion: number): Promise<FindingView> {
        requirePermission(actor, 'audits.record', 'close audit findings');
        const saved = await writes.update(actor, id, expectedVersion, (before) => {
          if (before.status !== 'open') throw notOpen(before);
          const missing = missingToClose(before);
          if (missing.length)
            throw new DomainError(
              'INVALID_TRANSITION',
              `${before.reference} cannot close yet: ${missing.map((m) => m.message.replace(' is required before closing', '')).join(', ')} missing.`,
              { errors: missing },
            );
          return { ...before, status: 'closed', closedAt: clock.now().toISOString() };
        });
        return viewOf(db, saved);
      },

      /** The corrective action tracker: nonconformities with their actions. */
      async actions(actor: Actor, filter: TrackerFilter): Promise<FindingView[]> {
        requirePermission(actor, 'audits.read', 'see corrective actions');
        const list = await repo.findings(db, {
          nonconformitiesOnly: true,
          status: filter.status,
          ownerId: filter.mine ? (actor.id ?? '') : filter.ownerId,
        });
        const all = await views(db, list);
        return filter.overdue === undefined ? all : all.filter((f) => f.overdue === filter.overdue);
      },
    },
  };
}
