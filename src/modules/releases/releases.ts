// Release and deployment management (ISO/IEC 20000-1, 8.5.3): a release bundles approved changes
// to one service, is built and tested against acceptance criteria, gets a go/no-go decision and is
// deployed in a planned window, or rolled back. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const RELEASE_TYPES = ['major', 'minor', 'emergency'] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

export const RELEASE_STATUSES = [
  'planning',
  'building',
  'testing',
  'ready',
  'deploying',
  'deployed',
  'closed',
  'rolled_back',
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const CRITERION_RESULTS = ['not_run', 'passed', 'failed'] as const;
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

export const DECISIONS = ['go', 'no_go'] as const;
export type Decision = (typeof DECISIONS)[number];

export const OUTCOME_RESULTS = ['successful', 'successful_with_issues', 'failed'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

/**
 * Forward through build, test and deployment; a step back is allowed before deployment starts (a
 * failed test sends the build back). A rolled-back release is replanned or closed.
 */
export const NEXT_STATUSES: Record<ReleaseStatus, readonly ReleaseStatus[]> = {
  planning: ['building'],
  building: ['testing', 'planning'],
  testing: ['ready', 'building'],
  ready: ['deploying', 'testing'],
  deploying: ['deployed', 'rolled_back'],
  deployed: ['closed', 'rolled_back'],
  rolled_back: ['planning', 'closed'],
  closed: [],
};

/** Statuses in which a go/no-go decision may be recorded. */
export const DECIDABLE: readonly ReleaseStatus[] = ['testing', 'ready'];

/** Statuses after deployment began, when incidents caused by the release can be linked. */
export const AFTER_DEPLOYMENT: readonly ReleaseStatus[] = [
  'deploying',
  'deployed',
  'rolled_back',
  'closed',
];

export interface Release {
  id: string;
  number: string;
  title: string;
  description: string;
  type: ReleaseType;
  versionLabel: string;
  serviceId: string;
  status: ReleaseStatus;
  managerId: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  deploymentPlan: string;
  rollbackPlan: string;
  decision: Decision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  outcomeResult: OutcomeResult | null;
  outcome: string | null;
  deployedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Criterion {
  id: string;
  releaseId: string;
  position: number;
  description: string;
  result: CriterionResult;
  evidence: string | null;
  testedBy: string | null;
  testedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What the change service tells releases about a linked change. */
export interface ChangeApprovalState {
  id: string;
  number: string;
  title: string;
  type: 'standard' | 'normal' | 'emergency';
  status: string;
  approved: boolean;
}

export type BlockerCode =
  | 'NO_CRITERIA'
  | 'CRITERIA_NOT_PASSED'
  | 'CHANGES_NOT_APPROVED'
  | 'NO_GO_DECISION';

export interface Blocker {
  code: BlockerCode;
  message: string;
  /** The criteria or changes (numbers) in the way. */
  items: string[];
}

export interface Readiness {
  criteriaTotal: number;
  criteriaPassed: number;
  criteriaFailed: number;
  changesTotal: number;
  changesApproved: number;
  /** Why the release may not be marked deployed now; empty when it may. */
  deployBlockers: Blocker[];
}

export function checkText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

export function checkOptionalText(value: string | null | undefined, field: string, max: number) {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

export function checkWindow(start: string | null, end: string | null): void {
  if ((start === null) !== (end === null))
    throw invalid(start === null ? '/plannedStart' : '/plannedEnd', 'give both ends of the window');
  if (start !== null && end !== null && Date.parse(end) <= Date.parse(start))
    throw invalid('/plannedEnd', 'must be after the planned start');
}

/**
 * Acceptance must be recorded as passed (at least one criterion, none failed or not run) and every
 * linked change approved before a release may count as deployed.
 */
export function readinessOf(
  criteria: readonly Pick<Criterion, 'description' | 'result'>[],
  changeIds: readonly string[],
  states: ReadonlyMap<string, ChangeApprovalState>,
): Readiness {
  const passed = criteria.filter((c) => c.result === 'passed').length;
  const failed = criteria.filter((c) => c.result === 'failed').length;
  const unapproved = changeIds.filter((id) => !states.get(id)?.approved);
  const blockers: Blocker[] = [];
  if (criteria.length === 0)
    blockers.push({
      code: 'NO_CRITERIA',
      message: 'The release has no acceptance criteria.',
      items: [],
    });
  else if (passed < criteria.length)
    blockers.push({
      code: 'CRITERIA_NOT_PASSED',
      message: `${criteria.length - passed} of ${criteria.length} acceptance criteria are not recorded as passed.`,
      items: criteria.filter((c) => c.result !== 'passed').map((c) => c.description),
    });
  if (unapproved.length > 0)
    blockers.push({
      code: 'CHANGES_NOT_APPROVED',
      message: `${unapproved.length} linked change${unapproved.length === 1 ? ' is' : 's are'} not approved.`,
      items: unapproved.map((id) => states.get(id)?.number ?? id),
    });
  return {
    criteriaTotal: criteria.length,
    criteriaPassed: passed,
    criteriaFailed: failed,
    changesTotal: changeIds.length,
    changesApproved: changeIds.length - unapproved.length,
    deployBlockers: blockers,
  };
}

export interface TransitionInput {
  status: ReleaseStatus;
  outcome?: string | null;
  outcomeResult?: OutcomeResult;
}

function refuse(message: string, field: string, blockers?: Blocker[]): DomainError {
  return new DomainError('INVALID_TRANSITION', message, {
    errors: [{ field, message }],
    ...(blockers ? { blockers } : {}),
  });
}

/** The release after a move to `input.status`; refuses what the life cycle and its gates forbid. */
export function transition(
  before: Release,
  input: TransitionInput,
  readiness: Readiness,
  now: string,
): Release {
  const to = input.status;
  if (!NEXT_STATUSES[before.status].includes(to)) {
    const allowed = NEXT_STATUSES[before.status];
    throw refuse(
      `A release that is ${before.status} cannot become ${to}${
        allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''
      }.`,
      '/status',
    );
  }
  const outcome = input.outcome !== undefined ? input.outcome?.trim() || null : before.outcome;
  if (outcome && outcome.length > 4000)
    throw invalid('/outcome', 'must be at most 4000 characters');
  const next: Release = { ...before, status: to };
  switch (to) {
    case 'deploying':
      if (before.decision !== 'go')
        throw refuse(
          'Deployment needs a recorded "go" decision from a release manager first.',
          '/decision',
          [{ code: 'NO_GO_DECISION', message: 'No "go" decision is recorded.', items: [] }],
        );
      break;
    case 'deployed': {
      if (readiness.deployBlockers.length > 0)
        throw refuse(
          `The release cannot be marked deployed: ${readiness.deployBlockers
            .map((b) => b.message)
            .join(' ')}`,
          '/status',
          readiness.deployBlockers,
        );
      const result = input.outcomeResult ?? 'successful';
      if (result === 'failed')
        throw invalid('/outcomeResult', 'a failed deployment is rolled back, not deployed');
      next.outcomeResult = result;
      next.outcome = outcome;
      next.deployedAt = now;
      break;
    }
    case 'rolled_back':
      if (!outcome) throw invalid('/outcome', 'say what happened to roll the release back');
      next.outcome = outcome;
      next.outcomeResult = 'failed';
      break;
    case 'closed':
      next.closedAt = now;
      break;
    case 'planning':
    case 'building':
    case 'testing':
      // Back before deployment: what was decided and what happened belonged to the earlier attempt.
      next.decision = null;
      next.decidedBy = null;
      next.decidedAt = null;
      next.decisionComment = null;
      if (before.status === 'rolled_back') {
        next.outcome = null;
        next.outcomeResult = null;
        next.deployedAt = null;
      }
      break;
    default:
      break;
  }
  return next;
}

/** Records a go/no-go decision; a no-go needs its reason. */
export function decide(
  before: Release,
  input: { decision: Decision; comment?: string | null },
  deciderId: string | null,
  now: string,
): Release {
  if (!DECIDABLE.includes(before.status))
    throw refuse(
      `A go/no-go decision is taken while the release is testing or ready, not ${before.status}.`,
      '/decision',
    );
  const comment = input.comment?.trim() || null;
  if (input.decision === 'no_go' && !comment)
    throw invalid('/comment', 'say why the release may not go');
  if (comment && comment.length > 4000)
    throw invalid('/comment', 'must be at most 4000 characters');
  return {
    ...before,
    decision: input.decision,
    decidedBy: deciderId,
    decidedAt: now,
    decisionComment: comment,
  };
}
