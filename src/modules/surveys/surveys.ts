// Satisfaction surveys: one per resolved ticket, answered once through an unguessable link.
// No framework, no SQL.
import { createHash, randomBytes } from 'node:crypto';

export const SURVEY_STATES = ['open', 'answered', 'expired'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

export const STATS_KEYS = ['service', 'group', 'agent'] as const;
export type StatsKey = (typeof STATS_KEYS)[number];

/** A rating at or below this opens a complaint (ISO/IEC 20000-1, 8.3.2). */
export const COMPLAINT_THRESHOLD = 2;

/** 32 random bytes, base64url: the secret in the link. Only its hash is stored. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export function stateOf(
  survey: { answeredAt: string | null; expiresAt: string },
  now: Date,
): SurveyState {
  if (survey.answeredAt) return 'answered';
  return now.getTime() >= new Date(survey.expiresAt).getTime() ? 'expired' : 'open';
}

export interface RatingCounts {
  1: number;
  2: number;
  3: number;
  4: number;
  5: number;
}

export interface SatisfactionFigures {
  sent: number;
  answered: number;
  /** answered / sent, 0 to 1, three decimals; 0 when nothing was sent. */
  responseRate: number;
  /** Mean of the answered ratings, two decimals; null when none was answered. */
  averageRating: number | null;
  /** averageRating / 5 × 100, one decimal; null when none was answered. */
  satisfactionIndex: number | null;
  ratings: RatingCounts;
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * The figures of one set of surveys from (rating or null, count) pairs. The satisfaction index is
 * computed from the unrounded mean: index = mean rating / 5 × 100 (so 5/5 is 100 and 1/5 is 20).
 */
export function figures(rows: { rating: number | null; n: number }[]): SatisfactionFigures {
  const ratings: RatingCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let sent = 0;
  let answered = 0;
  let sum = 0;
  for (const { rating, n } of rows) {
    sent += n;
    if (rating === null) continue;
    answered += n;
    sum += rating * n;
    ratings[rating as keyof RatingCounts] += n;
  }
  const mean = answered > 0 ? sum / answered : null;
  return {
    sent,
    answered,
    responseRate: sent > 0 ? round(answered / sent, 3) : 0,
    averageRating: mean === null ? null : round(mean, 2),
    satisfactionIndex: mean === null ? null : round((mean / 5) * 100, 1),
    ratings,
  };
}
