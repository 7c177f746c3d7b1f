import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../ui/dates';
import type { StatusTone } from '../../ui/status-badge';
import type { KpiStatus, KpiUnit } from './api';

export const STATUS_TONES: Record<KpiStatus, StatusTone> = {
  'on-track': 'done',
  'at-risk': 'waiting',
  'off-track': 'failed',
  unknown: 'inactive',
};

export const STATUS_COLOURS: Record<KpiStatus, string> = {
  'on-track': 'var(--mantine-color-green-7)',
  'at-risk': 'var(--mantine-color-yellow-8)',
  'off-track': 'var(--mantine-color-red-7)',
  unknown: 'var(--mantine-color-gray-6)',
};

/** A KPI figure in the interface language, with its unit ("12.5 hr", "95,0 %"). */
export function useKpiFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  const value = useCallback(
    (figure: number | null | undefined, unit: KpiUnit): string => {
      if (figure === null || figure === undefined) return '—';
      switch (unit) {
        case 'percent':
          return new Intl.NumberFormat(locale, {
            style: 'percent',
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          }).format(figure / 100);
        case 'hours':
          return new Intl.NumberFormat(locale, {
            style: 'unit',
            unit: 'hour',
            unitDisplay: 'short',
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          }).format(figure);
        case 'count':
          return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(figure);
        default:
          return new Intl.NumberFormat(locale, {
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          }).format(figure);
      }
    },
    [locale],
  );
  /** A signed change in percent with a true minus sign ("−21.4%"). */
  const change = useCallback(
    (percent: number) =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        signDisplay: 'exceptZero',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      })
        .format(percent / 100)
        .replace('-', '\u2212'),
    [locale],
  );
  /** A percentage set to the hundredth, such as an availability target of 99.95 %. */
  const precisePercent = useCallback(
    (figure: number) =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 2,
      }).format(figure / 100),
    [locale],
  );
  const integer = useCallback(
    (figure: number) => new Intl.NumberFormat(locale).format(figure),
    [locale],
  );
  return { value, change, integer, precisePercent };
}

/** A calendar day (YYYY-MM-DD, a UTC day) in the interface language. */
export function useDayFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useCallback(
    (day: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day}T12:00:00Z`),
      ),
    [locale],
  );
}

/** The baseline period in words: "Q1 2026" / "T1 2026", a month, or from – to. */
export function useBaselineLabel() {
  const { t, i18n } = useTranslation();
  const day = useDayFormat();
  const locale = formattingLocale(i18n.language);
  return (baseline: { label: string; from: string; to: string }) => {
    const quarter = baseline.label.match(/^Q([1-4]) (\d{4})$/);
    if (quarter) return t('kpis.baseline.quarter', { quarter: quarter[1], year: quarter[2] });
    if (/^\d{4}-\d{2}$/.test(baseline.label))
      return new Intl.DateTimeFormat(locale, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${baseline.from}T12:00:00Z`));
    return t('kpis.baseline.range', { from: day(baseline.from), to: day(baseline.to) });
  };
}
