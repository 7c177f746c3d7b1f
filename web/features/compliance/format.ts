import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../ui/dates';

// Scores the way the method defines them: conformity as a share shown in percent, maturity as an
// average on the 0–5 scale with one decimal, and changes with their sign.

export function useScoreFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  const percent = useCallback(
    (share: number) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share),
    [locale],
  );
  const maturity = useCallback(
    (value: number) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value),
    [locale],
  );
  const signedPoints = useCallback(
    (share: number) =>
      new Intl.NumberFormat(locale, {
        maximumFractionDigits: 0,
        signDisplay: 'exceptZero',
      }).format(Math.round(share * 100)),
    [locale],
  );
  const signedMaturity = useCallback(
    (value: number) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
      }).format(value),
    [locale],
  );
  return { percent, maturity, signedPoints, signedMaturity };
}

/** Today as YYYY-MM-DD in the browser's zone, for date inputs' defaults. */
export function todayKey(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A YYYY-MM-DD date as a Date at noon UTC, safe to format in any zone without moving a day. */
export const dayAsDate = (day: string) => new Date(`${day}T12:00:00Z`);

/** Calendar dates (YYYY-MM-DD) have no time zone: format them as they are written. */
export function useDayFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useCallback(
    (day: string | null | undefined, style: 'medium' | 'short' = 'medium') =>
      day
        ? new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(
            dayAsDate(day),
          )
        : '—',
    [locale],
  );
}
