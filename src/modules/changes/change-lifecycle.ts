// The life cycle of a change: draft → assessment → awaiting approval → scheduled → implementing →
// review → closed, or cancelled / rejected; the schedule check with its override; votes; the PIR.
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { GroupService } from '../groups/groups.service.js';
import { currentStep, instantiateSteps, stepAfterVote } from './change-approvals.js';
import type { ChangeCalendarService } from './change-calendar.service.js';
import { checkIncidents, type Lookups } from './change-input.js';
import { matchRule } from './change-policy.js';
import type { ChangePolicyService } from './change-policy.service.js';
import {
  ACTION_FROM,
  type Change,
  CLOSE_CODES,
  type CloseCode,
  conflictKey,
  reviewRequired,
  type ScheduleConflict,
  type ScheduleOverride,
  type TransitionAction,
  transitionRefused,
  type VoteDecision,
} from './changes.js';
import type { ApprovalStep, changesRepository, Vote } from './changes.repository.js';

export interface TransitionInput {
  action: TransitionAction;
  closeCode?: CloseCode;
  closeNotes?: string;
  reason?: string;
  scheduleOverride?: { justification: string };
}

const needs = (field: string, message: string) =>
  new DomainError('INVALID_TRANSITION', `${field.slice(1)} ${message}.`, {
    errors: [{ field, message }],
  });

export function createChangeLifecycle(deps: {
  db: Executor;
  clock: Clock;
  calendar: ChangeCalendarService;
  groups: GroupService;
  catalogue: CatalogueService;
  policy: ChangePolicyService;
  repo: typeof changesRepository;
  lookups: Lookups;
  /** Tells the approvers of a step that opened (the first on submission, the next after one). */
  stepOpened: (trx: Executor, c: Change, step: ApprovalStep) => Promise<void>;
}) {
  const { clock, calendar, groups, catalogue, policy, repo, lookups, stepOpened } = deps;

  /**
   * The conflicts of the change's planned window. With conflicts, goes ahead only with an override
   * in the request, or one already stored that covered every conflict found now.
   */
  async function scheduleCheck(
    trx: Executor,
    actor: Actor,
    c: Change,
    override?: { justification: string },
  ): Promise<{ scheduleConflicts: ScheduleConflict[]; scheduleOverride: ScheduleOverride | null }> {
    if (!c.plannedStart || !c.plannedEnd || c.serviceIds.length === 0)
      return { scheduleConflicts: [], scheduleOverride: null };
    const conflicts = await calendar.conflictsFor(trx, {
      changeId: c.id,
      serviceIds: c.serviceIds,
      start: c.plannedStart,
      end: c.plannedEnd,
    });
    if (conflicts.length === 0) return { scheduleConflicts: [], scheduleOverride: null };
    const justification = override?.justification.trim();
    if (override && !justification)
      throw invalid('/scheduleOverride/justification', 'must not be empty');
    if (justification)
      return {
        scheduleConflicts: conflicts,
        scheduleOverride: {
          justification,
          conflicts,
          byId: actor.id,
          byName: actor.name,
          at: clock.now().toISOString(),
        },
      };
    const covered = new Set((c.scheduleOverride?.conflicts ?? []).map(conflictKey));
    if (c.scheduleOverride && conflicts.every((x) => covered.has(conflictKey(x))))
      return { scheduleConflicts: conflicts, scheduleOverride: c.scheduleOverride };
    throw new DomainError(
      'SCHEDULE_CONFLICT',
      `The planned window conflicts with ${conflicts
        .map((x) =>
          x.kind === 'overlap' ? `${x.number} (${x.title})` : `the ${x.kind} “${x.name}”`,
        )
        .join(', ')}. Send scheduleOverride with a justification to go ahead.`,
      {
        conflicts,
        errors: [{ field: '/scheduleOverride', message: 'justify the conflicts to go ahead' }],
      },
    );
  }

  /** Creates the approval steps from the policy; none → approval not required. */
  async function requestApproval(trx: Executor, c: Change): Promise<Change> {
    const current = await policy.current(trx);
    const rule = c.underControl ? matchRule(current, c) : undefined;
    if (!rule || rule.steps.length === 0)
      return { ...c, status: 'scheduled', approval: 'not_required' };
    const owners: string[] = [];
    for (const id of c.serviceIds) {
      const owner = await catalogue.serviceOwnerOf(trx, id);
      if (owner) owners.push(owner);
    }
    const members = new Map<string, string[]>();
    for (const s of rule.steps)
      if (s.approvers.kind === 'group' && !members.has(s.approvers.groupId))
        members.set(
          s.approvers.groupId,
          (await groups.find(trx, s.approvers.groupId))?.memberIds ?? [],
        );
    const steps = instantiateSteps(
      rule,
      current.approvalRules.indexOf(rule),
      c.id,
      c.requesterId,
      (s) => (s.approvers.kind === 'group' ? (members.get(s.approvers.groupId) ?? []) : owners),
      () => uuidv7(),
    );
    await repo.insertSteps(trx, steps);
    const submitted: Change = { ...c, status: 'awaiting_approval', approval: 'pending' };
    const first = steps[0];
    if (first) await stepOpened(trx, submitted, first);
    return submitted;
  }

  function readyForApproval(c: Change, questionKeys: string[]) {
    if (c.serviceIds.length === 0) throw needs('/serviceIds', 'name at least one affected service');
    if (!c.plannedStart || !c.plannedEnd) throw needs('/plannedStart', 'is required to submit');
    if (!c.implementationPlan) throw needs('/implementationPlan', 'is required to submit');
    if (!c.backoutPlan) throw needs('/backoutPlan', 'is required to submit');
    if (c.type === 'standard') return;
    for (const key of questionKeys)
      if (c.riskAnswers[key] === undefined) throw needs(`/riskAnswers/${key}`, 'must be answered');
  }

  async function apply(
    trx: Executor,
    actor: Actor,
    c: Change,
    input: TransitionInput,
  ): Promise<Change> {
    const now = clock.now().toISOString();
    const { action } = input;
    if (!ACTION_FROM[action].includes(c.status)) throw transitionRefused(c, action);
    switch (action) {
      case 'assess':
        if (c.serviceIds.length === 0)
          throw needs('/serviceIds', 'name at least one affected service');
        return { ...c, status: 'assessment' };
      case 'submit': {
        if (c.type === 'normal' && c.status === 'draft')
          throw transitionRefused(
            c,
            action,
            'A normal change is assessed before it is submitted for approval.',
          );
        const current = await policy.current(trx);
        readyForApproval(
          c,
          current.riskQuestionnaire.questions.map((q) => q.key),
        );
        const scheduled = { ...c, ...(await scheduleCheck(trx, actor, c, input.scheduleOverride)) };
        if (c.type === 'standard')
          return { ...scheduled, status: 'scheduled', approval: 'not_required' };
        return requestApproval(trx, scheduled);
      }
      case 'start':
        if (c.status === 'awaiting_approval') {
          if (c.type !== 'emergency')
            throw transitionRefused(
              c,
              action,
              'Only an emergency change may start before it is approved.',
            );
          return {
            ...c,
            status: 'implementing',
            actualStart: now,
            retrospectiveApprovalRequired: true,
          };
        }
        return { ...c, status: 'implementing', actualStart: now };
      case 'complete':
        return { ...c, status: 'review', actualEnd: now };
      case 'close': {
        if (!input.closeCode || !CLOSE_CODES.includes(input.closeCode))
          throw invalid('/closeCode', `must be one of ${CLOSE_CODES.join(', ')}`);
        if (reviewRequired(c) && !c.review)
          throw needs('/review', 'the post-implementation review must be recorded before closing');
        if (c.approval === 'pending')
          throw needs('/approval', 'the retrospective approval must be complete before closing');
        if (
          c.approval === 'rejected' &&
          input.closeCode !== 'backed_out' &&
          input.closeCode !== 'failed'
        )
          throw invalid('/closeCode', 'a rejected emergency change closes as backed_out or failed');
        return {
          ...c,
          status: 'closed',
          closeCode: input.closeCode,
          closeNotes: input.closeNotes?.trim() || null,
          closedAt: now,
        };
      }
      case 'cancel':
        return {
          ...c,
          status: 'cancelled',
          closeNotes: input.reason?.trim() || c.closeNotes,
          closedAt: now,
        };
    }
  }

  async function vote(
    trx: Executor,
    actor: Actor,
    c: Change,
    input: { decision: VoteDecision; comment: string },
  ): Promise<{ change: Change; vote: Vote; step: { name: string } }> {
    const steps = await repo.steps(trx, c.id);
    const step = currentStep(steps);
    if (c.approval !== 'pending' || !step || c.status === 'cancelled' || c.status === 'rejected')
      throw new DomainError('INVALID_TRANSITION', 'Nothing on this change awaits a vote.', {
        errors: [{ field: '/decision', message: 'no approval step is open' }],
      });
    if (actor.id === null || actor.id === c.requesterId || !step.eligibleIds.includes(actor.id))
      throw new DomainError(
        'FORBIDDEN',
        actor.id === c.requesterId
          ? 'The requester of a change cannot approve it.'
          : `Only the approvers of the step “${step.name}” may vote on it.`,
      );
    if (step.votes.some((v) => v.voterId === actor.id))
      throw new DomainError('ALREADY_ANSWERED', 'You have already voted on this step.');
    const comment = input.comment.trim();
    if (!comment) throw invalid('/comment', 'must not be empty');
    const now = clock.now().toISOString();
    const vote: Vote = {
      id: uuidv7(),
      voterId: actor.id,
      voterName: actor.name,
      decision: input.decision,
      comment,
      votedAt: now,
    };
    await repo.insertVote(trx, step.id, c.id, vote);
    const outcome = stepAfterVote(step, input.decision);
    if (outcome === 'active') return { change: c, vote, step };
    await repo.setStepStatus(trx, step.id, outcome, now);
    if (outcome === 'rejected') {
      const ended = c.status === 'awaiting_approval';
      return {
        change: {
          ...c,
          approval: 'rejected',
          ...(ended ? { status: 'rejected', closedAt: now } : {}),
        },
        vote,
        step,
      };
    }
    const next = steps.find((s) => s.position === step.position + 1);
    if (next) {
      await repo.setStepStatus(trx, next.id, 'active', null);
      await stepOpened(trx, c, next);
      return { change: c, vote, step };
    }
    if (c.status !== 'awaiting_approval')
      return { change: { ...c, approval: 'approved' }, vote, step };
    // Scheduling now: conflicts that arose since submission are recorded, not blocking the vote.
    const conflicts =
      c.plannedStart && c.plannedEnd
        ? await calendar.conflictsFor(trx, {
            changeId: c.id,
            serviceIds: c.serviceIds,
            start: c.plannedStart,
            end: c.plannedEnd,
          })
        : [];
    return {
      change: { ...c, approval: 'approved', status: 'scheduled', scheduleConflicts: conflicts },
      vote,
      step,
    };
  }

  async function review(
    trx: Executor,
    actor: Actor,
    c: Change,
    input: {
      outcome: string;
      objectivesMet: boolean;
      lessons: string;
      causedIncidentIds: string[];
    },
  ): Promise<Change> {
    if (c.status !== 'review')
      throw transitionRefused(
        c,
        'be reviewed',
        'The review is recorded once the change is implemented (status review).',
      );
    const outcome = input.outcome.trim();
    if (!outcome) throw invalid('/outcome', 'must not be empty');
    return {
      ...c,
      review: {
        outcome,
        objectivesMet: input.objectivesMet,
        lessons: input.lessons.trim(),
        byId: actor.id,
        byName: actor.name,
        at: clock.now().toISOString(),
      },
      causedIncidentIds: await checkIncidents(
        trx,
        actor,
        lookups,
        '/causedIncidentIds',
        input.causedIncidentIds,
      ),
    };
  }

  return { scheduleCheck, apply, vote, review };
}
