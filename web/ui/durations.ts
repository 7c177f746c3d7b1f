import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from './dates';

// Durations the way people say them: "45 min", "8 h", "2 h 15 min" — used for business time
// (calendar hours, SLA targets and clocks), where "days" would be ambiguous (24 h or a business day?).

export function splitMinutes(total: number): { hours: number; minutes: number } {
  const rounded = Math.round(Math.abs(total));
  return { hours: Math.floor(rounded / 60), minutes: rounded % 60 };
}

export function useDurationFormat(): (minutes: number) => string {
  const { t, i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useCallback(
    (total: number) => {
      const number = new Intl.NumberFormat(locale);
      const { hours, minutes } = splitMinutes(total);
      const sign = total < 0 ? '−' : '';
      if (hours === 0) return sign + t('duration.minutes', { minutes: number.format(minutes) });
      if (minutes === 0) return sign + t('duration.hours', { hours: number.format(hours) });
      return (
        sign +
        t('duration.hoursMinutes', {
          hours: number.format(hours),
          minutes: String(minutes).padStart(2, '0'),
        })
      );
    },
    [t, locale],
  );
}
