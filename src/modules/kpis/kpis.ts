// KPI rules without a framework: periods and grains, the statistics a measure reports, the target
// a KPI resolves to, its status and the sentence that compares it with its baseline.
// Conventions (docs/kpis.md): a period is whole UTC days [from, to], both included; a figure is
// rounded to one decimal only when shown, never before it is compared.
import { invalid } from '../../shared/errors.js';

export type Period = { from: string; to: string };
export const GRAINS = ['day', 'week', 'month', 'quarter'] as const;
export type Grain = (typeof GRAINS)[number];
export const DIMENSIONS = ['service', 'priority', 'group', 'organisation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const UNITS = ['hours', 'percent', 'index', 'count', 'ratio'] as const;
export type Unit = (typeof UNITS)[number];
export const DIRECTIONS = ['lower-is-better', 'higher-is-better'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const STATISTICS = ['value', 'median', 'mean', 'p90'] as const;
export type Statistic = (typeof STATISTICS)[number];
export type Target = { kind: 'absolute'; value: number } | { kind: 'relative'; change: number };
export type Status = 'on-track' | 'at-risk' | 'off-track' | 'unknown';

/** The longest series the API computes: beyond it, ask for a coarser grain. */
export const MAX_POINTS = 1000;

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(value: string): number | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value ? ms / DAY : null;
}

export const dayString = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The first instant of a day and the first instant after the last day of a period, ISO "…Z". */
export const startOf = (day: string) => `${day}T00:00:00.000Z`;
export const endOf = (day: string) => `${dayString((dayNumber(day) as number) + 1)}T00:00:00.000Z`;

export function checkPeriod(period: { from?: string; to?: string }, prefix = ''): Period {
  const { from, to } = period;
  if (!from || dayNumber(from) === null)
    throw invalid(`${prefix}/from`, 'must be a date YYYY-MM-DD');
  if (!to || dayNumber(to) === null) throw invalid(`${prefix}/to`, 'must be a date YYYY-MM-DD');
  if (from > to) throw invalid(`${prefix}/to`, 'must not be before from');
  return { from, to };
}

/** The start day of the bucket of `grain` holding `day` (ISO weeks start on Monday). */
export function bucketStart(grain: Grain, day: number): number {
  const date = new Date(day * DAY);
  switch (grain) {
    case 'day':
      return day;
    case 'week':
      return day - ((date.getUTCDay() + 6) % 7);
    case 'month':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY;
    case 'quarter':
      return Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1) / DAY;
  }
}

function nextBucket(grain: Grain, start: number): number {
  const date = new Date(start * DAY);
  switch (grain) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY;
    case 'quarter':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 3, 1) / DAY;
  }
}

export interface Bucket extends Period {
  /** "2026-03-02" (day), "2026-W10" (week), "2026-03" (month), "2026-Q1" (quarter). */
  label: string;
}

function label(grain: Grain, start: number): string {
  const s = dayString(start);
  if (grain === 'day') return s;
  if (grain === 'month') return s.slice(0, 7);
  if (grain === 'quarter')
    return `${s.slice(0, 4)}-Q${Math.floor((Number(s.slice(5, 7)) - 1) / 3) + 1}`;
  // ISO week: the week belongs to the year of its Thursday.
  const thursday = new Date((start + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((start + 3 - Date.UTC(year, 0, 1) / DAY) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The buckets of a range, each clipped to the range: the first and last may be partial. Refuses
 * (field /grain) a range of more than MAX_POINTS buckets.
 */
export function bucketsOf(range: Period, grain: Grain): Bucket[] {
  const first = dayNumber(range.from) as number;
  const last = dayNumber(range.to) as number;
  const buckets: Bucket[] = [];
  for (let start = bucketStart(grain, first); start <= last; start = nextBucket(grain, start)) {
    if (buckets.length >= MAX_POINTS)
      throw invalid(
        '/grain',
        `the range holds more than ${MAX_POINTS} ${grain}s; choose a coarser grain or a shorter range`,
      );
    const end = nextBucket(grain, start) - 1;
    buckets.push({
      from: dayString(Math.max(start, first)),
      to: dayString(Math.min(end, last)),
      label: label(grain, start),
    });
  }
  return buckets;
}

/** Nearest-rank percentile of sorted values (p in 0–100); null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function median(sorted: number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  const mid = Math.floor(n / 2);
  return n % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: number[]): number | null {
  if (!values.length) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** One decimal, the way every figure is shown; null stays null. */
export const round1 = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/** The target as a value of the measure, or null when a relative target has no baseline yet. */
export function targetValue(target: Target, baseline: number | null): number | null {
  if (target.kind === 'absolute') return target.value;
  if (baseline === null) return null;
  return baseline * (1 + target.change / 100);
}

/**
 * The status of a value against its target: on track when it meets the target (at or below it
 * when lower is better, at or above when higher is better); at risk when it misses by no more
 * than `margin` percent of the target (with a target of 0, by no more than `margin` itself);
 * off track otherwise; unknown without a value or a target.
 */
export function statusOf(
  value: number | null,
  target: number | null,
  direction: Direction,
  margin: number,
): Status {
  if (value === null || target === null) return 'unknown';
  const shortfall = direction === 'lower-is-better' ? value - target : target - value;
  if (shortfall <= 1e-9) return 'on-track';
  const allowed = target === 0 ? margin : (Math.abs(target) * margin) / 100;
  return shortfall <= allowed + 1e-9 ? 'at-risk' : 'off-track';
}

/** The change against the baseline in percent, or null when it cannot be computed. */
export function changeAgainst(value: number | null, baseline: number | null): number | null {
  if (value === null || baseline === null || baseline === 0) return null;
  return ((value - baseline) / Math.abs(baseline)) * 100;
}

/** "−21.4% vs baseline" (with a true minus sign), "+3.0% vs baseline", or null. */
export function changeSentence(change: number | null, baselineLabel?: string): string | null {
  if (change === null) return null;
  const rounded = Math.round(change * 10) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '\u2212' : '±';
  const suffix = baselineLabel ? ` ${baselineLabel}` : '';
  return `${sign}${Math.abs(rounded).toFixed(1)}% vs baseline${suffix}`;
}

/** "Q1 2026" when the baseline period is exactly a calendar quarter, "2026-01" for a month. */
export function periodLabel(period: Period): string {
  const from = dayNumber(period.from) as number;
  const to = dayNumber(period.to) as number;
  for (const grain of ['quarter', 'month'] as const) {
    if (bucketStart(grain, from) === from && nextBucket(grain, from) - 1 === to) {
      const l = label(grain, from);
      return grain === 'quarter' ? `${l.slice(5)} ${l.slice(0, 4)}` : l;
    }
  }
  return `${period.from} – ${period.to}`;
}
