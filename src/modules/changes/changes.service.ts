// Change management (8.5.1): requests for change, their assessment, approval by policy, schedule,
// implementation and review. Who may: changes.read to see; changes.submit to raise and to work the
// changes one requested, is assigned or whose group one is in; changes.manage for any change. Votes
// need no permission, only eligibility for the current step. Every write is audited.
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { TicketService } from '../tickets/tickets.service.js';
import type { UserService } from '../users/users.service.js';
import { currentStep, mayVote } from './change-approvals.js';
import type { ChangeCalendarService } from './change-calendar.service.js';
import {
  applyInput,
  type ChangeInput,
  checkEditable,
  type LinkSummary,
  type Lookups,
  summariesOf,
} from './change-input.js';
import { createChangeLifecycle, type TransitionInput } from './change-lifecycle.js';
import { assessRisk, isMajor, isUnderControl } from './change-policy.js';
import { createChangePolicyService } from './change-policy.service.js';
import { trends } from './change-trends.js';
import {
  ACTION_FROM,
  type Change,
  type ChangeStatus,
  type ChangeType,
  FINISHED_STATUSES,
  reviewRequired,
  TRANSITION_ACTIONS,
  type TransitionAction,
  type VoteDecision,
} from './changes.js';
import {
  type ApprovalStep,
  type ChangeFilter,
  changesRepository as repo,
} from './changes.repository.js';

export const CHANGE_SERIES = 'CHG';

export interface ProblemSummaries {
  summaries(trx: Executor, ids: string[]): Promise<Map<string, LinkSummary>>;
}

export function createChangeService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  jobs: JobQueue;
  catalogue: CatalogueService;
  groups: GroupService;
  users: UserService;
  notifications: NotificationService;
  tickets: TicketService;
  problems: ProblemSummaries;
  calendar: ChangeCalendarService;
}) {
  const { db, audit, clock, catalogue, groups, users, tickets, problems, calendar, notifications } =
    deps;
  const policy = createChangePolicyService({ db, audit, clock, catalogue, groups });

  const lookups: Lookups = {
    serviceExists: async (trx, id) => (await catalogue.serviceById(trx, id)) !== undefined,
    userExists: async (trx, id) => (await users.find(trx, id)) !== undefined,
    groupExists: async (trx, id) => (await groups.find(trx, id)) !== undefined,
    problems: (trx, ids) => problems.summaries(trx, ids),
    async ticket(trx, actor, id) {
      const { ticket } = await tickets.visible(trx, actor, id);
      return {
        id: ticket.id,
        number: ticket.number,
        title: ticket.title,
        status: ticket.status,
        type: ticket.type,
      };
    },
  };

  audit.registerReader('change', async (actor) => can(actor, 'changes.read'));

  const manages = (actor: Actor) => can(actor, 'changes.manage');

  /** Raise-and-implement rights on this change: its requester, assignee or group, or a manager. */
  async function mayWork(trx: Executor, actor: Actor, c: Change): Promise<boolean> {
    if (manages(actor)) return true;
    if (!can(actor, 'changes.submit') || actor.id === null) return false;
    if (c.requesterId === actor.id || c.assigneeId === actor.id) return true;
    return c.groupId !== null && (await groups.groupIdsOf(trx, actor.id)).includes(c.groupId);
  }

  async function requireWork(trx: Executor, actor: Actor, c: Change, action: string) {
    if (!(await mayWork(trx, actor, c)))
      throw new DomainError(
        'FORBIDDEN',
        `Only the change’s requester, assignee, assignment group or a change manager may ${action}.`,
        { permission: 'changes.manage' },
      );
  }

  async function load(trx: Executor, id: string): Promise<Change> {
    const change = await repo.byId(trx, id);
    if (!change) throw notFound('The change');
    return change;
  }

  /** Saves `wanted` over `before` (version-guarded) and audits the difference. */
  async function save(
    trx: Executor,
    actor: Actor,
    before: Change,
    wanted: Change,
    action = 'update',
  ) {
    const changes = diff(before, wanted);
    if (Object.keys(changes).length === 0) return before;
    const after = { ...wanted, version: before.version + 1, updatedAt: clock.now().toISOString() };
    if (!(await repo.update(trx, before, after))) {
      throw versionConflict('The change', (await load(trx, before.id)).version);
    }
    await audit.record(trx, actor, { action, entityType: 'change', entityId: before.id, changes });
    return after;
  }

  /** Risk, major impact and change control, recomputed from the policy in force. */
  async function derive(trx: Executor, c: Change): Promise<Change> {
    const current = await policy.current(trx);
    if (c.type === 'standard') {
      assessRisk(current, c.riskAnswers);
      const template = c.templateId ? await policy.templateById(trx, c.templateId) : undefined;
      const riskLevel = template?.riskLevel ?? 'low';
      return {
        ...c,
        riskScore: null,
        riskLevel,
        major: isMajor(current, { ...c, riskLevel }),
        underControl: isUnderControl(current, c.serviceIds),
      };
    }
    const { score, level } = assessRisk(current, c.riskAnswers);
    return {
      ...c,
      riskScore: score,
      riskLevel: level,
      major: isMajor(current, { ...c, riskLevel: level }),
      underControl: isUnderControl(current, c.serviceIds),
    };
  }

  const lifecycle = createChangeLifecycle({
    db,
    clock,
    calendar,
    groups,
    catalogue,
    policy,
    repo,
    lookups,
    stepOpened: async (trx, c, step) =>
      notifications.notify(trx, {
        kind: 'approval-requested',
        subject: { type: 'change', id: c.id },
        link: `/changes/${c.id}`,
        params: {
          number: c.number,
          title: c.title,
          actorName: c.requesterId ? ((await users.find(trx, c.requesterId))?.name ?? '') : '',
        },
        audience: [{ role: 'approver', userIds: step.eligibleIds }],
        // Nobody is left out: a voter of the last step may sit on the next one too.
        actorId: null,
      }),
  });

  const summary = (c: Change) => ({
    id: c.id,
    number: c.number,
    type: c.type,
    status: c.status,
    title: c.title,
    requesterId: c.requesterId,
    assigneeId: c.assigneeId,
    groupId: c.groupId,
    serviceIds: c.serviceIds,
    plannedStart: c.plannedStart,
    plannedEnd: c.plannedEnd,
    riskScore: c.riskScore,
    riskLevel: c.riskLevel,
    impact: c.impact,
    major: c.major,
    approval: c.approval,
    retrospectiveApprovalRequired: c.retrospectiveApprovalRequired,
    closeCode: c.closeCode,
    hasConflicts: c.scheduleConflicts.length > 0,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  });

  function allowedActions(c: Change, works: boolean): TransitionAction[] {
    if (!works) return [];
    return TRANSITION_ACTIONS.filter((action) => {
      if (!ACTION_FROM[action].includes(c.status)) return false;
      if (action === 'submit' && c.type === 'normal' && c.status === 'draft') return false;
      if (action === 'start' && c.status === 'awaiting_approval') return c.type === 'emergency';
      return true;
    });
  }

  /** The change as the HTTP contract shows it to `actor`. */
  async function view(trx: Executor, actor: Actor, c: Change) {
    const steps = await repo.steps(trx, c.id);
    const works = await mayWork(trx, actor, c);
    const step = currentStep(steps);
    return {
      ...c,
      ...summary(c),
      ...(await summariesOf(trx, lookups, c)),
      reviewRequired: reviewRequired(c),
      steps: steps.map(stepView),
      allowedActions: allowedActions(c, works),
      canVote:
        c.approval === 'pending' &&
        !FINISHED_STATUSES.includes(c.status) &&
        c.requesterId !== actor.id &&
        mayVote(step, actor.id),
      canEdit: works && !FINISHED_STATUSES.includes(c.status),
    };
  }

  const stepView = ({ changeId: _c, ...s }: ApprovalStep) => s;

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    return db.transaction().execute(work);
  }

  return {
    // Policy and templates.
    getPolicy: policy.get,
    updatePolicy: policy.update,
    preview: policy.preview,
    listTemplates: policy.listTemplates,
    getTemplate: policy.getTemplate,
    createTemplate: policy.createTemplate,
    updateTemplate: policy.updateTemplate,

    async list(
      actor: Actor,
      filter: Omit<ChangeFilter, 'involving'> & { mine?: boolean },
      page: PageRequest,
    ) {
      requirePermission(actor, 'changes.read', 'see changes');
      const size = pageSize(page.limit);
      const { mine, ...rest } = filter;
      const scoped: ChangeFilter = mine ? { ...rest, involving: actor.id ?? '(nobody)' } : rest;
      const rows = await repo.list(db, scoped, decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.createdAt, r.id], summary);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'changes.read', 'see changes');
      return view(db, actor, await load(db, id));
    },

    async create(actor: Actor, input: ChangeInput & { type: ChangeType; title: string }) {
      requirePermission(actor, 'changes.submit', 'raise changes');
      return inTransaction(async (trx) => {
        const now = clock.now().toISOString();
        let base: Change = {
          id: uuidv7(),
          number: '',
          type: input.type,
          status: 'draft',
          title: input.title,
          description: '',
          reason: '',
          requesterId: actor.id,
          assigneeId: null,
          groupId: null,
          templateId: null,
          serviceIds: [],
          plannedStart: null,
          plannedEnd: null,
          actualStart: null,
          actualEnd: null,
          implementationPlan: '',
          testPlan: '',
          backoutPlan: '',
          riskAnswers: {},
          riskScore: null,
          riskLevel: null,
          impact: 'low',
          majorRequested: false,
          major: false,
          underControl: true,
          approval: 'not_requested',
          retrospectiveApprovalRequired: false,
          scheduleConflicts: [],
          scheduleOverride: null,
          review: null,
          closeCode: null,
          closeNotes: null,
          closedAt: null,
          problemIds: [],
          incidentIds: [],
          causedIncidentIds: [],
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        if (input.type === 'standard') {
          if (!input.templateId)
            throw invalid('/templateId', 'a standard change is raised from a template');
          const template = await policy.templateById(trx, input.templateId);
          if (!template?.active) throw invalid('/templateId', 'is not an active change template');
          base = {
            ...base,
            templateId: template.id,
            description: template.description,
            serviceIds: template.serviceId ? [template.serviceId] : [],
            implementationPlan: template.implementationPlan,
            testPlan: template.testPlan,
            backoutPlan: template.backoutPlan,
          };
        } else if (input.templateId) {
          throw invalid('/templateId', 'only standard changes come from a template');
        }
        const { type: _t, templateId: _tpl, scheduleOverride, ...rest } = input;
        let change = await derive(trx, await applyInput(trx, actor, lookups, base, rest));
        change = {
          ...change,
          ...(await lifecycle.scheduleCheck(trx, actor, change, scheduleOverride)),
        };
        change.number = formatNumber(CHANGE_SERIES, await nextInSeries(trx, CHANGE_SERIES));
        await repo.insert(trx, change);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'change',
          entityId: change.id,
          changes: diff(null, change, { ignore: ['id', 'createdAt'] }),
        });
        return view(trx, actor, change);
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, input: ChangeInput) {
      requirePermission(actor, 'changes.submit', 'edit changes');
      return inTransaction(async (trx) => {
        const before = await load(trx, id);
        await requireWork(trx, actor, before, 'edit it');
        if (before.version !== expectedVersion) throw versionConflict('The change', before.version);
        checkEditable(before.status, input);
        const { scheduleOverride, ...rest } = input;
        let wanted = await applyInput(trx, actor, lookups, before, rest);
        if (before.status === 'draft' || before.status === 'assessment')
          wanted = await derive(trx, wanted);
        const windowChanged =
          wanted.plannedStart !== before.plannedStart ||
          wanted.plannedEnd !== before.plannedEnd ||
          wanted.serviceIds.join() !== before.serviceIds.join();
        if (windowChanged || scheduleOverride)
          wanted = {
            ...wanted,
            ...(await lifecycle.scheduleCheck(trx, actor, wanted, scheduleOverride)),
          };
        return view(trx, actor, await save(trx, actor, before, wanted));
      });
    },

    async transition(actor: Actor, id: string, expectedVersion: number, input: TransitionInput) {
      requirePermission(actor, 'changes.submit', 'move changes through their life cycle');
      return inTransaction(async (trx) => {
        const before = await load(trx, id);
        await requireWork(trx, actor, before, 'move it through its life cycle');
        if (before.version !== expectedVersion) throw versionConflict('The change', before.version);
        const assessed =
          before.status === 'draft' || before.status === 'assessment'
            ? await derive(trx, before)
            : before;
        const wanted = await lifecycle.apply(trx, actor, assessed, input);
        return view(trx, actor, await save(trx, actor, before, wanted, input.action));
      });
    },

    async vote(actor: Actor, id: string, input: { decision: VoteDecision; comment: string }) {
      return inTransaction(async (trx) => {
        const before = await load(trx, id);
        const { change, vote, step } = await lifecycle.vote(trx, actor, before, input);
        await audit.record(trx, actor, {
          action: 'vote',
          entityType: 'change',
          entityId: id,
          changes: {
            vote: {
              from: null,
              to: { step: step.name, decision: vote.decision, comment: vote.comment },
            },
          },
        });
        // Every vote moves the version, even one that completes nothing: two votes counted at the
        // same time then collide on the version guard (412) instead of both missing the other.
        const after = await save(trx, actor, before, change);
        if (after !== before) return view(trx, actor, after);
        const touched = {
          ...before,
          version: before.version + 1,
          updatedAt: clock.now().toISOString(),
        };
        if (!(await repo.update(trx, before, touched)))
          throw versionConflict('The change', (await load(trx, id)).version);
        return view(trx, actor, touched);
      });
    },

    async recordReview(
      actor: Actor,
      id: string,
      expectedVersion: number,
      input: {
        outcome: string;
        objectivesMet: boolean;
        lessons: string;
        causedIncidentIds: string[];
      },
    ) {
      requirePermission(actor, 'changes.submit', 'review changes');
      return inTransaction(async (trx) => {
        const before = await load(trx, id);
        await requireWork(trx, actor, before, 'review it');
        if (before.version !== expectedVersion) throw versionConflict('The change', before.version);
        const wanted = await lifecycle.review(trx, actor, before, input);
        return view(trx, actor, await save(trx, actor, before, wanted, 'review'));
      });
    },

    /** The CAB inbox: changes whose current step the caller may vote on and has not. */
    async inbox(actor: Actor) {
      const steps = (await repo.activeSteps(db)).filter((s) => mayVote(s, actor.id));
      const changes = new Map(
        (
          await repo.byIds(
            db,
            steps.map((s) => s.changeId),
          )
        ).map((c) => [c.id, c]),
      );
      return {
        items: steps.flatMap((s) => {
          const c = changes.get(s.changeId);
          if (!c || c.requesterId === actor.id) return [];
          return [{ change: summary(c), step: stepView(s) }];
        }),
      };
    },

    async trends(actor: Actor, q: { from: string; to: string; groupBy?: 'service' | 'month' }) {
      requirePermission(actor, 'changes.read', 'see change trends');
      const from = new Date(q.from).toISOString();
      const to = new Date(q.to).toISOString();
      if (!(to > from)) throw invalid('query/to', 'must be after from');
      const groupBy = q.groupBy ?? 'month';
      const changes = (await repo.forTrends(db, from, to)).filter(
        (c) => c.status !== 'cancelled' && c.status !== 'draft',
      );
      const names = new Map<string, string>();
      for (const id of new Set(changes.flatMap((c) => c.serviceIds)))
        names.set(id, (await catalogue.serviceById(db, id))?.name ?? id);
      return { from, to, groupBy, ...trends(changes, groupBy, (id) => names.get(id) ?? id) };
    },

    /** Contract 3 (releases): whether each change's approvals are complete. No caller check. */
    async approvalStates(trx: Executor, ids: string[]) {
      const result = new Map<
        string,
        {
          id: string;
          number: string;
          title: string;
          type: ChangeType;
          status: string;
          approved: boolean;
        }
      >();
      for (const c of await repo.byIds(trx, [...new Set(ids)]))
        result.set(c.id, {
          id: c.id,
          number: c.number,
          title: c.title,
          type: c.type,
          status: c.status,
          approved:
            c.status !== 'cancelled' &&
            c.status !== 'rejected' &&
            (c.type === 'standard' || c.approval === 'approved' || c.approval === 'not_required'),
        });
      return result;
    },
  };
}

export type ChangeService = ReturnType<typeof createChangeService>;
export type { ChangeStatus };
