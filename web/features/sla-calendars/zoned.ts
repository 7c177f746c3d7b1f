import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../ui/dates';

// Wall-clock times in a given IANA zone, independent of the browser's zone: what someone typed
// as "1 December 09:00 in Europe/London" becomes an instant, and an instant is shown as it reads
// on the clocks of any zone.

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallParts(instant: Date, timeZone: string) {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes to add to UTC to read the clocks of `timeZone` at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = wallParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the clocks of `timeZone` show `local` ("YYYY-MM-DDTHH:MM"). In the hour
 * skipped in spring, the time after the gap; in the hour lived twice in autumn, the first one.
 */
export function instantOf(local: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Try the offsets in force around that wall time; keep the earliest that reads back right.
  const candidates = [
    offsetMinutes(new Date(wall - 86_400_000), timeZone),
    offsetMinutes(new Date(wall + 86_400_000), timeZone),
  ];
  const readsBack = candidates
    .map((offset) => wall - offset * 60_000)
    .filter((time) => {
      const p = wallParts(new Date(time), timeZone);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
    })
    .sort((a, b) => a - b);
  const first = readsBack[0];
  if (first !== undefined) return new Date(first);
  // A skipped wall time: move forward by the gap.
  return new Date(wall - Math.min(...candidates) * 60_000);
}

/** How the clocks of `timeZone` read at `instant`, as "YYYY-MM-DDTHH:MM". */
export function localOf(instant: Date, timeZone: string): string {
  const p = wallParts(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** Formats instants as they read in a given zone, with the weekday (it matters for deadlines). */
export function useZonedFormat() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useMemo(() => {
    const cache = new Map<string, Intl.DateTimeFormat>();
    const formatter = (timeZone: string) => {
      let format = cache.get(timeZone);
      if (!format) {
        format = new Intl.DateTimeFormat(locale, {
          timeZone,
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZoneName: 'short',
        });
        cache.set(timeZone, format);
      }
      return format;
    };
    return (instant: Date, timeZone: string) => formatter(timeZone).format(instant);
  }, [locale]);
}

/** Formats a calendar date (YYYY-MM-DD) with its weekday, whatever the zone. */
export function useDayFormat(style: 'long' | 'short' = 'short') {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: style,
      day: 'numeric',
      month: style === 'long' ? 'long' : 'short',
      year: 'numeric',
    });
    return (date: string) => {
      const value = new Date(`${date}T00:00:00Z`);
      return Number.isNaN(value.getTime()) ? date : format.format(value);
    };
  }, [locale, style]);
}

/** The weekday of a calendar date in the interface language, as used inside a sentence. */
export function useWeekdayName() {
  const { i18n } = useTranslation();
  const locale = formattingLocale(i18n.language);
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' });
    return (date: string) => format.format(new Date(`${date}T00:00:00Z`));
  }, [locale]);
}
