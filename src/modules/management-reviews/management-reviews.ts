// Management reviews (ISO/IEC 20000-1, 9.3): the meeting's life cycle, the inputs it reviews,
// its decisions and the actions tracked to closure. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const REVIEW_STATUSES = ['planned', 'held', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The inputs pre-filled from live data, in the order the review walks through them. */
export const INPUT_KEYS = [
  'previousActions',
  'serviceDelivery',
  'sla',
  'satisfaction',
  'audits',
  'improvements',
  'training',
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

export type Figures = Record<string, number | null>;

export interface InputRow {
  label: string;
  detail: string | null;
  /** e.g. open, done, overdue for actions. */
  flag: string | null;
  /** Where the row's record lives in the app. */
  link: string | null;
  figures: Figures;
}

export interface ReviewInput {
  key: InputKey;
  /** A short generated sentence, in English, kept with the figures. */
  summary: string;
  figures: Figures;
  rows: InputRow[];
}

export interface InputSnapshot {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  refreshedAt: string;
  items: ReviewInput[];
}

export interface Review {
  id: string;
  number: string;
  title: string;
  plannedOn: string;
  heldOn: string | null;
  chairId: string | null;
  status: ReviewStatus;
  minutes: string;
  risks: string;
  attendeeIds: string[];
  inputs: InputSnapshot | null;
  inputComments: Partial<Record<InputKey, string>>;
  closedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Action {
  id: string;
  reviewId: string;
  decisionId: string | null;
  title: string;
  ownerId: string | null;
  dueDate: string;
  status: ActionStatus;
  notes: string;
  doneAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const TEXT_LIMITS = { title: 200, long: 20000 } as const;

export function checkText(value: string, field: string, max: number = TEXT_LIMITS.title): string {
  const text = value.trim();
  if (!text) throw invalid(field, 'must not be empty');
  if (text.length > max) throw invalid(field, `must be at most ${max} characters`);
  return text;
}

export function longText(value: string, field: string): string {
  const text = value.trim();
  if (text.length > TEXT_LIMITS.long)
    throw invalid(field, `must be at most ${TEXT_LIMITS.long} characters`);
  return text;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDay(value: string, field: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid(field, 'must be a date YYYY-MM-DD');
  return value;
}

const DAY = 86_400_000;
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** Days a review's inputs cover when there is no earlier review to start from. */
export const DEFAULT_INPUT_DAYS = 90;

/**
 * The period the inputs cover: from the day after the previous review's period (or its meeting)
 * up to `today`, or the last 90 days when this is the first review; and the period of the same
 * length just before it, for trends.
 */
export function inputPeriods(today: string, previousEnd: string | null) {
  const to = today;
  let from = previousEnd ? addDays(previousEnd, 1) : addDays(to, -(DEFAULT_INPUT_DAYS - 1));
  if (from > to) from = to;
  const length = daysBetween(from, to) + 1;
  return {
    current: { from, to },
    previous: { from: addDays(from, -length), to: addDays(from, -1) },
  };
}

export const NEXT_STATUSES: Record<ReviewStatus, readonly ReviewStatus[]> = {
  planned: ['held'],
  held: ['closed'],
  closed: [],
};

export function moveTo(before: Review, status: ReviewStatus, today: string, at: string): Review {
  if (!NEXT_STATUSES[before.status].includes(status))
    throw new DomainError(
      'INVALID_TRANSITION',
      `A management review cannot go from ${before.status} to ${status}.`,
      { errors: [{ field: '/status', message: `not allowed from ${before.status}` }] },
    );
  const after: Review = { ...before, status };
  if (status === 'held') {
    if (!before.inputs)
      throw invalid('/inputs', 'refresh the inputs before holding the review, so it reviews data');
    if (before.attendeeIds.length === 0) throw invalid('/attendeeIds', 'record who attended');
    after.heldOn = before.heldOn ?? today;
  }
  if (status === 'closed') {
    if (!before.minutes.trim()) throw invalid('/minutes', 'write the minutes before closing');
    after.closedAt = at;
  }
  return after;
}

export function checkEditable(review: Review) {
  if (review.status === 'closed')
    throw new DomainError('INVALID_TRANSITION', 'The management review is closed.');
}

export const isActionOverdue = (a: Pick<Action, 'status' | 'dueDate'>, today: string) =>
  a.status === 'open' && a.dueDate < today;

// What the use cases take and give back.

export interface NewReview {
  title: string;
  plannedOn: string;
  chairId?: string | null;
  attendeeIds?: string[];
}

export interface ReviewPatch {
  title?: string;
  plannedOn?: string;
  heldOn?: string | null;
  chairId?: string | null;
  attendeeIds?: string[];
  minutes?: string;
  risks?: string;
  /** A comment per input; an empty one removes it. */
  inputComments?: Partial<Record<InputKey, string>>;
}

export interface ActionInput {
  title: string;
  ownerId: string;
  dueDate: string;
  decisionId?: string | null;
}

export interface ActionPatch {
  title?: string;
  ownerId?: string;
  dueDate?: string;
  status?: ActionStatus;
  notes?: string;
}

type Person = { id: string; name: string };

export type ActionView = Action & {
  ownerName: string | null;
  overdue: boolean;
  /** Improvements raised from this action (source management-review). */
  improvements: { id: string; number: string; title: string; status: string }[];
};

export type ReviewView = Review & {
  chairName: string | null;
  attendees: Person[];
  decisions: { id: string; text: string; createdBy: string | null; createdAt: string }[];
  actions: ActionView[];
};

export type ReviewListItem = Review & {
  chairName: string | null;
  openActions: number;
  overdueActions: number;
};
