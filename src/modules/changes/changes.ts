// Changes (ISO/IEC 20000-1, 8.5.1): the request for change, its life cycle and what each step of
// it requires. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_STATUSES = [
  'draft',
  'assessment',
  'awaiting_approval',
  'scheduled',
  'implementing',
  'review',
  'closed',
  'cancelled',
  'rejected',
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const IMPACTS = ['low', 'medium', 'high'] as const;
export type Impact = (typeof IMPACTS)[number];

export const CLOSE_CODES = [
  'successful',
  'successful_with_issues',
  'failed',
  'backed_out',
] as const;
export type CloseCode = (typeof CLOSE_CODES)[number];

/**
 * not_requested: not submitted yet; pending: steps running; approved: every step approved;
 * rejected: a step was rejected; not_required: standard, outside change control, or no rule matched.
 */
export const APPROVAL_STATES = [
  'not_requested',
  'pending',
  'approved',
  'rejected',
  'not_required',
] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const TRANSITION_ACTIONS = [
  'assess',
  'submit',
  'start',
  'complete',
  'close',
  'cancel',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const VOTE_DECISIONS = ['approve', 'reject'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

export const STEP_STATUSES = ['waiting', 'active', 'approved', 'rejected'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const APPROVAL_MODES = ['all', 'any', 'n_of_m'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** Statuses in which a change still takes part in the calendar's conflict detection. */
export const SCHEDULED_STATUSES: readonly ChangeStatus[] = [
  'assessment',
  'awaiting_approval',
  'scheduled',
  'implementing',
  'review',
];

export const FINISHED_STATUSES: readonly ChangeStatus[] = ['closed', 'cancelled', 'rejected'];

export type ScheduleConflict =
  | {
      kind: 'overlap';
      changeId: string;
      number: string;
      title: string;
      serviceIds: string[];
      start: string;
      end: string;
    }
  | {
      kind: 'freeze' | 'blackout';
      windowId: string;
      name: string;
      start: string;
      end: string;
      serviceIds: string[] | null;
    };

export const conflictKey = (c: ScheduleConflict) =>
  c.kind === 'overlap' ? `change:${c.changeId}` : `window:${c.windowId}`;

export interface ScheduleOverride {
  justification: string;
  conflicts: ScheduleConflict[];
  byId: string | null;
  byName: string;
  at: string;
}

export interface ChangeReview {
  outcome: string;
  objectivesMet: boolean;
  lessons: string;
  byId: string | null;
  byName: string;
  at: string;
}

export interface Change {
  id: string;
  number: string;
  type: ChangeType;
  status: ChangeStatus;
  title: string;
  description: string;
  reason: string;
  requesterId: string | null;
  assigneeId: string | null;
  groupId: string | null;
  templateId: string | null;
  serviceIds: string[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  implementationPlan: string;
  testPlan: string;
  backoutPlan: string;
  riskAnswers: Record<string, string>;
  riskScore: number | null;
  riskLevel: RiskLevel | null;
  impact: Impact;
  majorRequested: boolean;
  major: boolean;
  underControl: boolean;
  approval: ApprovalState;
  retrospectiveApprovalRequired: boolean;
  scheduleConflicts: ScheduleConflict[];
  scheduleOverride: ScheduleOverride | null;
  review: ChangeReview | null;
  closeCode: CloseCode | null;
  closeNotes: string | null;
  closedAt: string | null;
  problemIds: string[];
  incidentIds: string[];
  causedIncidentIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const transitionRefused = (change: Change, action: string, why?: string) =>
  new DomainError(
    'INVALID_TRANSITION',
    why ?? `A ${change.type} change that is ${change.status.replace('_', ' ')} cannot ${action}.`,
    { errors: [{ field: '/action', message: `not allowed while ${change.status}` }] },
  );

export function checkText(field: string, value: string, required: boolean): string {
  const trimmed = value.trim();
  if (required && !trimmed) throw invalid(field, 'must not be empty');
  return trimmed;
}

export function checkWindow(start: string | null, end: string | null): void {
  if ((start === null) !== (end === null))
    throw invalid(start === null ? '/plannedStart' : '/plannedEnd', 'give both start and end');
  if (start !== null && end !== null && Date.parse(end) <= Date.parse(start))
    throw invalid('/plannedEnd', 'must be after the planned start');
}

/** Whether the review (PIR) must be recorded before the change may close. */
export const reviewRequired = (c: Pick<Change, 'type' | 'major'>) =>
  c.type !== 'standard' || c.major;

/** The states each action leaves from; the target depends on the type and the approvals. */
export const ACTION_FROM: Record<TransitionAction, readonly ChangeStatus[]> = {
  assess: ['draft'],
  submit: ['draft', 'assessment'],
  start: ['scheduled', 'awaiting_approval'],
  complete: ['implementing'],
  close: ['review'],
  cancel: ['draft', 'assessment', 'awaiting_approval', 'scheduled'],
};

export const overlaps = (aStart: string, aEnd: string, bStart: string, bEnd: string) =>
  Date.parse(aStart) < Date.parse(bEnd) && Date.parse(bStart) < Date.parse(aEnd);
