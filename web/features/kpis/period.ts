import type { Period } from './api';

// The dashboards' period: a preset or a custom range, kept in the address so a view can be
// bookmarked and shared. Days are UTC calendar days, both ends included, as the KPI API counts.

export const PRESETS = [
  'last-30-days',
  'this-quarter',
  'last-quarter',
  'last-12-months',
  'custom',
] as const;
export type Preset = (typeof PRESETS)[number];

export interface DashboardSearch {
  preset?: Preset;
  from?: string;
  to?: string;
  serviceId?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateDashboardSearch(search: Record<string, unknown>): DashboardSearch {
  const day = (value: unknown) =>
    typeof value === 'string' && DAY.test(value) ? value : undefined;
  const preset = (PRESETS as readonly unknown[]).includes(search.preset)
    ? (search.preset as Preset)
    : undefined;
  return {
    preset,
    from: preset === 'custom' ? day(search.from) : undefined,
    to: preset === 'custom' ? day(search.to) : undefined,
    serviceId:
      typeof search.serviceId === 'string' && search.serviceId ? search.serviceId : undefined,
  };
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day));
}

/** The days a search stands for, computed against `today` (UTC). */
export function resolvePeriod(search: DashboardSearch, today = new Date()): Period {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const d = today.getUTCDate();
  const quarterStart = m - (m % 3);
  switch (search.preset) {
    case 'this-quarter':
      return { from: isoDay(utc(y, quarterStart, 1)), to: isoDay(today) };
    case 'last-quarter':
      return {
        from: isoDay(utc(y, quarterStart - 3, 1)),
        to: isoDay(utc(y, quarterStart, 0)),
      };
    case 'last-12-months':
      return { from: isoDay(utc(y - 1, m, d + 1)), to: isoDay(today) };
    case 'custom':
      if (search.from && search.to && search.from <= search.to)
        return { from: search.from, to: search.to };
      return { from: isoDay(utc(y, m, d - 29)), to: isoDay(today) };
    default:
      return { from: isoDay(utc(y, m, d - 29)), to: isoDay(today) };
  }
}

/** Days in a period, both ends included. */
export function periodDays(period: Period): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}

/** Weeks for a short period, months for a longer one: a trend of a handful to a dozen points. */
export function trendGrain(period: Period): 'week' | 'month' {
  return periodDays(period) <= 92 ? 'week' : 'month';
}
