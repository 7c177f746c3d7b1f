// The vocabulary of a gap assessment, shared by the library, the assessment page, the comparison
// and the roadmap: conformity levels, the six maturity levels and the colour bands of a score.

export const CONFORMITIES = [
  'not_assessed',
  'conforming',
  'partially_conforming',
  'nonconforming',
] as const;
export type Conformity = (typeof CONFORMITIES)[number];

export const MATURITY_LEVELS = [0, 1, 2, 3, 4, 5] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

export const isMaturityLevel = (value: unknown): value is MaturityLevel =>
  typeof value === 'number' && (MATURITY_LEVELS as readonly number[]).includes(value);

/**
 * The bands of a 0–100 conformity score, worst first: the same thresholds as the server's heat map
 * and the Gap Analysis Report (red below 50, amber below 80, green from 80). The heat map colours a
 * cell by its band and always prints the value too, so nobody has to tell colours apart.
 */
export type ScoreBand = 'none' | 'red' | 'amber' | 'green';

export const SCORE_BANDS: readonly { band: Exclude<ScoreBand, 'none'>; from: number }[] = [
  { band: 'red', from: 0 },
  { band: 'amber', from: 50 },
  { band: 'green', from: 80 },
];

export function scoreBand(value: number | null | undefined): ScoreBand {
  if (value === null || value === undefined || Number.isNaN(value)) return 'none';
  let band: ScoreBand = 'red';
  for (const step of SCORE_BANDS) if (value >= step.from) band = step.band;
  return band;
}

/** The upper bound of a band, for the legend ("50–74"). */
export function bandRange(band: Exclude<ScoreBand, 'none'>): { from: number; to: number } {
  const index = SCORE_BANDS.findIndex((step) => step.band === band);
  const from = SCORE_BANDS[index]?.from ?? 0;
  const next = SCORE_BANDS[index + 1]?.from;
  return { from, to: next === undefined ? 100 : next - 1 };
}

/** Clause numbers sort as numbers part by part: 8.10 comes after 8.9, 10 after 9. */
export function compareClauseNumbers(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The top-level clause (4 to 10) a requirement belongs to. */
export const topClauseOf = (number: string) => number.split('.')[0] ?? number;
