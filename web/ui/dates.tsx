import { createContext, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

// Dates are always shown in the signed-in user's time zone and language, whatever the
// browser's settings are; the shell provides both through this context.

export interface LocaleSettings {
  timeZone: string;
}

const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const LocaleSettingsContext = createContext<LocaleSettings>({ timeZone: browserTimeZone });

export const LocaleSettingsProvider = LocaleSettingsContext.Provider;

export function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return browserTimeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return browserTimeZone;
  }
}

/**
 * The interface language decides the words; the browser's regional variant of that language
 * (en-GB rather than en-US) decides day/month order and the 12/24-hour clock.
 */
export function formattingLocale(language: string): string {
  const tags =
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return tags.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

export interface DateFormatter {
  timeZone: string;
  dateTime(value: string | Date): string;
  date(value: string | Date): string;
  /** Full date, time and zone name, for tooltips. */
  exact(value: string | Date): string;
  relative(value: string | Date, now?: Date): string;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function useDateFormat(): DateFormatter {
  const { i18n } = useTranslation();
  const { timeZone: preferred } = useContext(LocaleSettingsContext);
  const locale = formattingLocale(i18n.language);
  return useMemo(() => {
    const timeZone = safeTimeZone(preferred);
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    const exactFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'full',
      timeStyle: 'long',
      timeZone,
    });
    const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));
    return {
      timeZone,
      dateTime: (value) => dateTimeFormat.format(toDate(value)),
      date: (value) => dateFormat.format(toDate(value)),
      exact: (value) => `${exactFormat.format(toDate(value))} (${timeZone})`,
      relative: (value, now = new Date()) => {
        let delta = (toDate(value).getTime() - now.getTime()) / 1000;
        for (const [unit, size] of RELATIVE_STEPS) {
          if (Math.abs(delta) < size) return relativeFormat.format(Math.round(delta), unit);
          delta /= size;
        }
        return dateFormat.format(toDate(value));
      },
    };
  }, [locale, preferred]);
}

interface DateTimeProps {
  value: string | Date | null | undefined;
  /** `relative` shows "3 hours ago"; the exact time is always on hover. */
  format?: 'dateTime' | 'date' | 'relative';
  empty?: string;
}

export function DateTime({ value, format = 'dateTime', empty = '—' }: DateTimeProps) {
  const formatter = useDateFormat();
  if (!value) return <span>{empty}</span>;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{empty}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatter.exact(date)}>
      {formatter[format](date)}
    </time>
  );
}
