// The scoring method (docs/compliance.md): per leaf requirement, conformity scores 1 (conforming),
// 0.5 (partially conforming) or 0 (nonconforming, not assessed); the conformity share of a set of
// leaves is the mean of those scores, and its maturity the mean maturity. Every leaf weighs the
// same, so a clause with many requirements counts for more in the overall figure. No framework.
import {
  type AssessmentItem,
  CONFORMITY,
  CONFORMITY_SCORE,
  type Conformity,
  isGap,
  topClause,
} from './compliance.js';

export interface Score {
  conformity: number;
  maturity: number;
  targetMaturity: number;
  leafCount: number;
  counts: Record<Conformity, number>;
  gaps: number;
}

export interface ClauseScore extends Score {
  clause: string;
  title: string;
}

export type Band = 'red' | 'amber' | 'green';

/** Rounded for display and comparison: 3 decimals for shares, 2 for maturities. */
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

type Scored = Pick<AssessmentItem, 'conformity' | 'maturity' | 'targetMaturity'>;

export function score(items: readonly Scored[]): Score {
  const counts = Object.fromEntries(CONFORMITY.map((c) => [c, 0])) as Record<Conformity, number>;
  let conformity = 0;
  let maturity = 0;
  let target = 0;
  let gaps = 0;
  for (const item of items) {
    counts[item.conformity] += 1;
    conformity += CONFORMITY_SCORE[item.conformity];
    maturity += item.maturity;
    target += item.targetMaturity;
    if (isGap(item)) gaps += 1;
  }
  const n = items.length;
  return {
    conformity: n ? round(conformity / n, 3) : 0,
    maturity: n ? round(maturity / n, 2) : 0,
    targetMaturity: n ? round(target / n, 2) : 0,
    leafCount: n,
    counts,
    gaps,
  };
}

/** The heat map's colour of a conformity share: red below 50%, green from 80%. */
export const band = (conformity: number): Band =>
  conformity >= 0.8 ? 'green' : conformity >= 0.5 ? 'amber' : 'red';

export function scoresOf(
  items: readonly (Scored & Pick<AssessmentItem, 'number' | 'title' | 'clause'>)[],
  clauseTitles: ReadonlyMap<string, string>,
) {
  const byClause = new Map<string, typeof items extends readonly (infer T)[] ? T[] : never>();
  for (const item of items) {
    const clause = item.clause || topClause(item.number);
    byClause.set(clause, [...(byClause.get(clause) ?? []), item]);
  }
  const clauses: ClauseScore[] = [...clauseTitles.keys()].map((clause) => ({
    clause,
    title: clauseTitles.get(clause) ?? clause,
    ...score(byClause.get(clause) ?? []),
  }));
  return {
    overall: score(items),
    clauses,
    heatMap: clauses.map((c) => ({
      clause: c.clause,
      title: c.title,
      conformity: c.conformity,
      maturity: c.maturity,
      band: band(c.conformity),
      cells: (byClause.get(c.clause) ?? []).map((item) => ({
        number: item.number,
        title: item.title,
        conformity: item.conformity,
        score: CONFORMITY_SCORE[item.conformity],
        maturity: item.maturity,
        targetMaturity: item.targetMaturity,
        gap: isGap(item),
      })),
    })),
  };
}

export type Scores = ReturnType<typeof scoresOf>;

const pair = (s: Score) => ({ conformity: s.conformity, maturity: s.maturity });
const delta = (a: Score, b: Score) => ({
  conformity: round(b.conformity - a.conformity, 3),
  maturity: round(b.maturity - a.maturity, 2),
});

/** Two assessments' scores side by side, per clause, with the change from base to current. */
export function compareScores(base: Scores, current: Scores) {
  return {
    overall: {
      base: pair(base.overall),
      current: pair(current.overall),
      delta: delta(base.overall, current.overall),
    },
    clauses: current.clauses.map((c) => {
      const b = base.clauses.find((x) => x.clause === c.clause) ?? { ...c, ...score([]) };
      return {
        clause: c.clause,
        title: c.title,
        base: pair(b),
        current: pair(c),
        delta: delta(b, c),
      };
    }),
  };
}
