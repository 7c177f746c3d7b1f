// Problems and known errors (ISO/IEC 20000-1, 8.6.3): the life cycle, what each status needs,
// and how known errors are matched to an incident's text. No framework, no SQL.
import { DomainError, invalid } from '../../shared/errors.js';

export const PROBLEM_STATUSES = [
  'new',
  'under_investigation',
  'known_error',
  'resolved',
  'closed',
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const RCA_METHODS = [
  'five_whys',
  'fishbone',
  'fault_tree',
  'kepner_tregoe',
  'other',
] as const;
export type RcaMethod = (typeof RCA_METHODS)[number];

/**
 * Forward through the life cycle. A known error may go back to investigation (the workaround
 * stopped working); a resolved problem may be reopened while it is not closed (the incidents came
 * back). Closed is final: a recurrence is a new problem that links the old one's incidents.
 */
export const NEXT_STATUSES: Record<ProblemStatus, readonly ProblemStatus[]> = {
  new: ['under_investigation', 'known_error', 'resolved'],
  under_investigation: ['known_error', 'resolved'],
  known_error: ['under_investigation', 'resolved'],
  resolved: ['closed', 'under_investigation'],
  closed: [],
};

export interface Problem {
  id: string;
  number: string;
  title: string;
  description: string;
  status: ProblemStatus;
  ownerGroupId: string | null;
  assigneeId: string | null;
  rcaMethod: RcaMethod | null;
  rootCause: string | null;
  contributingFactors: string | null;
  workaround: string | null;
  serviceIds: string[];
  knownErrorAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const TEXT_LIMITS = { title: 200, long: 8000 } as const;

export function checkTitle(value: string): string {
  const text = value.trim();
  if (!text) throw invalid('/title', 'must not be empty');
  if (text.length > TEXT_LIMITS.title)
    throw invalid('/title', `must be at most ${TEXT_LIMITS.title} characters`);
  return text;
}

/** Optional long text: blank becomes null. */
export function optionalText(value: string | null | undefined, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > TEXT_LIMITS.long)
    throw invalid(field, `must be at most ${TEXT_LIMITS.long} characters`);
  return text || null;
}

export function checkRcaMethod(value: string | null | undefined): RcaMethod | null {
  if (value === null || value === undefined || value === '') return null;
  if (!(RCA_METHODS as readonly string[]).includes(value))
    throw invalid('/rcaMethod', `must be one of ${RCA_METHODS.join(', ')}`);
  return value as RcaMethod;
}

/**
 * What the record must hold in each status: a known error is only useful to the desk with its
 * root cause and workaround written down; a resolved or closed problem names its root cause.
 */
export function checkStatusRequirements(p: Problem): void {
  if (p.status === 'known_error') {
    if (!p.rootCause) throw invalid('/rootCause', 'is required for a known error');
    if (!p.workaround) throw invalid('/workaround', 'is required for a known error');
  }
  if ((p.status === 'resolved' || p.status === 'closed') && !p.rootCause) {
    throw invalid('/rootCause', 'is required to resolve a problem');
  }
}

/** The problem moved to `status` at `now`, with the timestamps of the move; refuses what the life cycle forbids. */
export function moveTo(
  before: Problem,
  after: Problem,
  status: ProblemStatus,
  now: string,
): Problem {
  if (status === before.status) return after;
  if (!NEXT_STATUSES[before.status].includes(status)) {
    const allowed = NEXT_STATUSES[before.status];
    throw new DomainError(
      'INVALID_TRANSITION',
      `A problem that is ${before.status} cannot become ${status}${
        allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''
      }.`,
      { errors: [{ field: '/status', message: `cannot go from ${before.status} to ${status}` }] },
    );
  }
  return {
    ...after,
    status,
    // The first time it became a known error stays on record through resolution.
    knownErrorAt: status === 'known_error' ? (before.knownErrorAt ?? now) : after.knownErrorAt,
    resolvedAt:
      status === 'resolved' ? now : status === 'closed' ? (before.resolvedAt ?? now) : null,
    closedAt: status === 'closed' ? now : null,
  };
}

/** The lower-cased text the known-error search reads. */
export function searchTextOf(
  p: Pick<Problem, 'title' | 'description' | 'rootCause' | 'workaround'>,
): string {
  return [p.title, p.description, p.rootCause ?? '', p.workaround ?? ''].join('\n').toLowerCase();
}

// Words that say nothing about the fault, in the desk's two languages.
const STOP_WORDS = new Set(
  (
    'the and for with from that this are was were not but have has had when what which will ' +
    'after before into onto over under all any can cannot our your their they them its it’s ' +
    // Who reported it says nothing about the fault either.
    'client clients customer customers user users ' +
    'les des une pour avec dans sur par pas que qui est sont ont aux ces cette mais plus'
  ).split(' '),
);

/** Distinct significant words of a text: letters and digits, at least 3, plural "s" dropped. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    terms.add(word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word);
  }
  return terms;
}

export interface Suggestion<T> {
  item: T;
  score: number;
  matchedTerms: string[];
}

/**
 * Ranks known errors against an incident's title and description. Each distinct significant word
 * of the incident scores 3 when it is in the known error's title and 1 when it is only in its
 * description, root cause or workaround. Ties go to the most recent known error. The weights make
 * a title match count for more than several incidental mentions in a long workaround.
 */
export function rankKnownErrors<
  T extends Pick<Problem, 'title' | 'description' | 'rootCause' | 'workaround' | 'knownErrorAt'>,
>(incidentText: string, knownErrors: T[]): Suggestion<T>[] {
  const wanted = termsOf(incidentText);
  return knownErrors
    .map((item) => {
      const title = termsOf(item.title);
      const body = termsOf(searchTextOf(item));
      let score = 0;
      const matchedTerms: string[] = [];
      for (const term of wanted) {
        if (title.has(term)) score += 3;
        else if (body.has(term)) score += 1;
        else continue;
        matchedTerms.push(term);
      }
      return { item, score, matchedTerms };
    })
    .sort(
      (a, b) =>
        b.score - a.score || (b.item.knownErrorAt ?? '').localeCompare(a.item.knownErrorAt ?? ''),
    );
}
