// The additive form of a measure's observations. Every figure is computed from a `Summary`: the
// direct source summarises the observations it reads, the rollup merges the summaries stored per
// day (kpi_cells). One aggregation path means the two agree to the unit (docs/kpis.md).
//
// Counts, hits and sums add up exactly. Quantiles (median, p90) cannot be added, so durations
// keep a histogram with logarithmic bins 1 % wide, each holding its count and the sum of its
// values: a quantile is the mean of the values in the bin where its rank falls. Values alone in
// their bin (or equal) come back exact; otherwise the error is under 1 %, and the cost of a
// quantile grows with the number of bins (a few hundred), not with the number of records.
import type { Observation } from './measures.js';

/** bin index → [count, sum of the values]. */
export type Histogram = Map<number, [number, number]>;

export interface Summary {
  /** Main observations. */
  n: number;
  /** Main observations whose value is 1 (met, reopened, emergency…). */
  hits: number;
  /** Sum of the main observations' values. */
  total: number;
  /** Surveys sent, and how many of them were answered (the survey response rate). */
  sent: number;
  answered: number;
  /** Observations of any kind: whether anything at all was recorded. */
  records: number;
  bins: Histogram | null;
}

export const emptySummary = (withBins: boolean): Summary => ({
  n: 0,
  hits: 0,
  total: 0,
  sent: 0,
  answered: 0,
  records: 0,
  bins: withBins ? new Map() : null,
});

const GROWTH = Math.log(1.01);
/** Zero and negative durations share one bin below every other. */
const ZERO_BIN = -100_000;

export const binOf = (value: number) =>
  value <= 0 ? ZERO_BIN : Math.floor(Math.log(value) / GROWTH);

export function addToHistogram(bins: Histogram, bin: number, count: number, sum: number) {
  const cell = bins.get(bin);
  if (cell) {
    cell[0] += count;
    cell[1] += sum;
  } else bins.set(bin, [count, sum]);
}

export function observe(summary: Summary, o: Observation): void {
  summary.records += 1;
  if (o.kind === 'sent') {
    summary.sent += 1;
    if (o.value === 1) summary.answered += 1;
    return;
  }
  summary.n += 1;
  if (o.value === 1) summary.hits += 1;
  summary.total += o.value;
  if (summary.bins) addToHistogram(summary.bins, binOf(o.value), 1, o.value);
}

export function summarize(observations: Observation[], withBins: boolean): Summary {
  const summary = emptySummary(withBins);
  for (const o of observations) observe(summary, o);
  return summary;
}

/**
 * Adds `other` into `target`, or takes it away with `sign` −1. A bin may be left with no count
 * but a sum (a value that moved within its bin): `pruneEmptyBins` drops such bins from a
 * finished summary, never from a difference still being added up.
 */
export function mergeInto(target: Summary, other: Summary, sign: 1 | -1 = 1): void {
  target.n += sign * other.n;
  target.hits += sign * other.hits;
  target.total += sign * other.total;
  target.sent += sign * other.sent;
  target.answered += sign * other.answered;
  target.records += sign * other.records;
  if (target.bins && other.bins)
    for (const [bin, [count, sum]] of other.bins)
      addToHistogram(target.bins, bin, sign * count, sign * sum);
}

export function pruneEmptyBins(summary: Summary): void {
  if (summary.bins)
    for (const [bin, [count]] of summary.bins) if (count === 0) summary.bins.delete(bin);
}

/** The value of the `rank`-th smallest observation (1-based), as its bin gives it. */
function valueAtRank(sorted: [number, [number, number]][], rank: number): number {
  let seen = 0;
  for (const [, [count, sum]] of sorted) {
    seen += count;
    if (seen >= rank) return sum / count;
  }
  throw new Error('rank beyond the histogram');
}

/** Median and nearest-rank p90 of a histogram, with the conventions of kpis.ts. */
export function quantiles(bins: Histogram): { median: number | null; p90: number | null } {
  const sorted = [...bins.entries()].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((total, [, [count]]) => total + count, 0);
  if (!n) return { median: null, p90: null };
  const mid = Math.floor(n / 2);
  const median =
    n % 2
      ? valueAtRank(sorted, mid + 1)
      : (valueAtRank(sorted, mid) + valueAtRank(sorted, mid + 1)) / 2;
  const p90 = valueAtRank(sorted, Math.max(1, Math.ceil(0.9 * n)));
  return { median, p90 };
}

export const binsToJson = (bins: Histogram | null): string | null =>
  bins ? JSON.stringify(Object.fromEntries(bins)) : null;

export function binsFromJson(text: string | null): Histogram | null {
  if (text === null) return null;
  const bins: Histogram = new Map();
  for (const [bin, cell] of Object.entries(JSON.parse(text) as Record<string, [number, number]>))
    bins.set(Number(bin), cell);
  return bins;
}
