// The continual improvement register (ISO/IEC 20000-1, 10.2): where an opportunity comes from,
// how it is prioritised, its life cycle and what closing it needs. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const IMPROVEMENT_SOURCES = [
  'audit-finding',
  'complaint',
  'survey',
  'problem',
  'kpi',
  'management-review',
  'suggestion',
] as const;
export type ImprovementSource = (typeof IMPROVEMENT_SOURCES)[number];

export const IMPROVEMENT_STATUSES = [
  'proposed',
  'approved',
  'in_progress',
  'implemented',
  'closed',
  'rejected',
] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** Still to be delivered: neither implemented, closed nor rejected. */
export const OPEN_STATUSES: readonly ImprovementStatus[] = ['proposed', 'approved', 'in_progress'];

/**
 * Forward through the life cycle. An implemented improvement may go back to work when its effect
 * is not there yet; closed and rejected are final (a new idea is a new entry).
 */
export const NEXT_STATUSES: Record<ImprovementStatus, readonly ImprovementStatus[]> = {
  proposed: ['approved', 'rejected'],
  approved: ['in_progress', 'rejected'],
  in_progress: ['implemented', 'rejected'],
  implemented: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
};

/** Moves the owner may make on their own item; everything else needs improvements.manage. */
export const OWNER_MOVES: Partial<Record<ImprovementStatus, readonly ImprovementStatus[]>> = {
  approved: ['in_progress'],
  in_progress: ['implemented'],
  implemented: ['in_progress'],
};

/**
 * The documented prioritisation criteria (docs/improvements.md). Each is scored 1 to 5:
 * benefit (what it brings), impact (on compliance or customers) and effort (what it costs, 5 the
 * most). score = (benefit + impact) × (6 − effort), from 2 to 50; the band follows the score.
 */
export const PRIORITY_BANDS = [
  { band: 'P1', min: 30 },
  { band: 'P2', min: 20 },
  { band: 'P3', min: 10 },
  { band: 'P4', min: 0 },
] as const;
export type PriorityBand = (typeof PRIORITY_BANDS)[number]['band'];

export interface Scores {
  benefit: number | null;
  effort: number | null;
  impact: number | null;
}

export interface Priority {
  score: number;
  band: PriorityBand;
}

export function priorityOf(s: Scores): Priority | null {
  if (s.benefit === null || s.effort === null || s.impact === null) return null;
  const score = (s.benefit + s.impact) * (6 - s.effort);
  const band = PRIORITY_BANDS.find((b) => score >= b.min)?.band ?? 'P4';
  return { score, band };
}

export interface Outcome {
  measure: string | null;
  before: string | null;
  after: string | null;
  /** YYYY-MM-DD. */
  measuredOn: string | null;
  notes: string | null;
}

export interface Improvement {
  id: string;
  number: string;
  title: string;
  description: string;
  source: ImprovementSource;
  sourceId: string | null;
  sourceLabel: string | null;
  expectedBenefit: string;
  scores: Scores;
  ownerId: string | null;
  status: ImprovementStatus;
  targetDate: string | null;
  progressNote: string | null;
  rejectionReason: string | null;
  outcome: Outcome;
  approvedAt: string | null;
  startedAt: string | null;
  implementedAt: string | null;
  closedAt: string | null;
  rejectedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const TEXT_LIMITS = { title: 200, short: 500, long: 8000 } as const;

export function checkTitle(value: string): string {
  const text = value.trim();
  if (!text) throw invalid('/title', 'must not be empty');
  if (text.length > TEXT_LIMITS.title)
    throw invalid('/title', `must be at most ${TEXT_LIMITS.title} characters`);
  return text;
}

/** Optional text: blank becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number = TEXT_LIMITS.long,
): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw invalid(field, `must be at most ${max} characters`);
  return text || null;
}

export function checkScore(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > 5)
    throw invalid(field, 'must be a whole number from 1 to 5');
  return value;
}

export function checkSource(value: string): ImprovementSource {
  if (!(IMPROVEMENT_SOURCES as readonly string[]).includes(value))
    throw invalid('/source', `must be one of ${IMPROVEMENT_SOURCES.join(', ')}`);
  return value as ImprovementSource;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid(field, 'must be a date YYYY-MM-DD');
  return value;
}

/** Open and past its target date on `today` (YYYY-MM-DD). */
export const isOverdue = (i: Pick<Improvement, 'status' | 'targetDate'>, today: string) =>
  OPEN_STATUSES.includes(i.status) && i.targetDate !== null && i.targetDate < today;

const outcomeComplete = (o: Outcome) => Boolean(o.measure && o.before && o.after && o.measuredOn);

/**
 * Moves an improvement to `status`, stamping when it got there; refuses a move the life cycle does
 * not allow and a status whose requirements are missing.
 */
export function moveTo(
  before: Improvement,
  after: Improvement,
  status: ImprovementStatus,
  at: string,
): Improvement {
  if (before.status === status) return after;
  if (!NEXT_STATUSES[before.status].includes(status))
    throw new DomainError(
      'INVALID_TRANSITION',
      `An improvement cannot go from ${before.status} to ${status}.`,
      { errors: [{ field: '/status', message: `not allowed from ${before.status}` }] },
    );
  const moved: Improvement = { ...after, status };
  if (status === 'approved') {
    if (!priorityOf(moved.scores))
      throw invalid(
        '/scores',
        'score benefit, effort and impact (1 to 5) before approving, so it has a priority',
      );
    moved.approvedAt = at;
  }
  if (status === 'in_progress') {
    if (!moved.ownerId) throw invalid('/ownerId', 'assign an owner before work starts');
    moved.startedAt = moved.startedAt ?? at;
    moved.implementedAt = null;
  }
  if (status === 'implemented') moved.implementedAt = at;
  if (status === 'closed') {
    if (!outcomeComplete(moved.outcome))
      throw invalid(
        '/outcome',
        'record the measured outcome (measure, value before, value after and the date measured) before closing',
      );
    moved.closedAt = at;
  }
  if (status === 'rejected') {
    if (!moved.rejectionReason) throw invalid('/rejectionReason', 'say why it is rejected');
    moved.rejectedAt = at;
  }
  return moved;
}

/** Whether an outcome may be recorded: only once the improvement is implemented. */
export function checkOutcomeAllowed(i: Improvement, outcome: Outcome) {
  const given = Object.values(outcome).some((v) => v !== null);
  if (given && !['implemented', 'closed'].includes(i.status))
    throw new DomainError(
      'INVALID_TRANSITION',
      'The measured outcome is recorded once the improvement is implemented.',
      { errors: [{ field: '/outcome', message: `the improvement is ${i.status}` }] },
    );
  if (i.status === 'closed' && !outcomeComplete(outcome))
    throw invalid('/outcome', 'a closed improvement keeps its full measured outcome');
}
