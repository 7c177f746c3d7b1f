// Approval by policy: the steps a change gets from the first matching rule, and what a vote does to
// them. Steps run in order; each completes on all, any, or N approvals of those eligible when the
// step was created; one rejection ends the approval. No SQL.
import { DomainError } from '../../shared/errors.js';
import type { ApprovalRule } from './change-policy.js';
import type { VoteDecision } from './changes.js';
import type { ApprovalStep } from './changes.repository.js';

/**
 * Builds the steps of `rule` for a change. `eligibleFor` gives who may vote on a rule step; the
 * requester never approves their own change. Throws when a step could never complete.
 */
export function instantiateSteps(
  rule: ApprovalRule,
  ruleIndex: number,
  changeId: string,
  requesterId: string | null,
  eligibleFor: (step: ApprovalRule['steps'][number]) => string[],
  newId: () => string,
): ApprovalStep[] {
  return rule.steps.map((s, i) => {
    const eligibleIds = [...new Set(eligibleFor(s))].filter((id) => id !== requesterId).sort();
    const required = s.mode === 'all' ? eligibleIds.length : s.mode === 'any' ? 1 : (s.n ?? 1);
    if (eligibleIds.length === 0 || required > eligibleIds.length) {
      const who =
        s.approvers.kind === 'group'
          ? 'members in its group (other than the requester)'
          : 'service owners among the affected services (other than the requester)';
      throw new DomainError(
        'INVALID_TRANSITION',
        `The approval step “${s.name}” of rule “${rule.name}” needs ${required || 1} approver(s) but has ${eligibleIds.length} ${who}.`,
        {
          errors: [
            {
              field: `/approvalRules/${ruleIndex}/steps/${i}`,
              message: `has ${eligibleIds.length} eligible approver(s), needs ${required || 1}`,
            },
          ],
        },
      );
    }
    return {
      id: newId(),
      changeId,
      position: i + 1,
      name: s.name,
      approverKind: s.approvers.kind,
      groupId: s.approvers.kind === 'group' ? s.approvers.groupId : null,
      mode: s.mode,
      required,
      eligibleIds,
      status: i === 0 ? 'active' : 'waiting',
      decidedAt: null,
      votes: [],
    };
  });
}

/** The step a vote is for now: the active one. */
export const currentStep = (steps: ApprovalStep[]) => steps.find((s) => s.status === 'active');

/** What a step becomes after one more vote. */
export function stepAfterVote(
  step: ApprovalStep,
  decision: VoteDecision,
): 'active' | 'approved' | 'rejected' {
  if (decision === 'reject') return 'rejected';
  const approvals = step.votes.filter((v) => v.decision === 'approve').length + 1;
  return approvals >= step.required ? 'approved' : 'active';
}

export const mayVote = (step: ApprovalStep | undefined, userId: string | null) =>
  step !== undefined &&
  userId !== null &&
  step.eligibleIds.includes(userId) &&
  !step.votes.some((v) => v.voterId === userId);
