import {
  type CalendarException,
  type CalendarSpec,
  type Intervals,
  WEEKDAYS,
  type Weekday,
} from '../../api/types';

// The calendar editor's model and the checks it can make before asking the server (which checks
// everything again): times as "HH:MM", intervals in order without overlaps, dates as YYYY-MM-DD.

export type Week = Record<Weekday, Intervals>;

export const WORKING_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export function fullWeek(week: Partial<Record<Weekday, Intervals>>): Week {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, (week[day] ?? []).map((interval) => [...interval])]),
  ) as Week;
}

export type TemplateId = 'office' | 'lunch' | 'always';
export const TEMPLATE_IDS: readonly TemplateId[] = ['office', 'lunch', 'always'];

const TEMPLATE_DAYS: Record<TemplateId, { days: readonly Weekday[]; hours: Intervals }> = {
  office: { days: WORKING_DAYS, hours: [['09:00', '18:00']] },
  lunch: {
    days: WORKING_DAYS,
    hours: [
      ['09:00', '12:30'],
      ['13:30', '18:00'],
    ],
  },
  always: { days: WEEKDAYS, hours: [['00:00', '24:00']] },
};

export function templateWeek(id: TemplateId): Week {
  const { days, hours } = TEMPLATE_DAYS[id];
  return fullWeek(Object.fromEntries(days.map((day) => [day, hours])));
}

/** Length of a template's business day: its Monday (the stated day length of the calendar). */
export function templateDayMinutes(id: TemplateId): number {
  return intervalsMinutes(TEMPLATE_DAYS[id].hours);
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const isTime = (value: string) => TIME.test(value);

/**
 * Reads what people type for a time: "9", "9:30", "09.30", "9h30", "0930", "24". Returns "HH:MM"
 * or null.
 */
export function parseTime(text: string): string | null {
  const value = text.trim().toLowerCase();
  let match = /^(\d{1,2})(?:\s*[:h.]\s*(\d{1,2})?)?$/.exec(value);
  if (!match) match = /^(\d{1,2})(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  if (match[2] !== undefined && match[2].length === 1 && value.includes(':')) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function timeOf(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60, minutes));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** Wall-clock length of the intervals (valid ones only). */
export function intervalsMinutes(intervals: Intervals): number {
  let total = 0;
  for (const [start = '', end = ''] of intervals) {
    if (isTime(start) && isTime(end) && minutesOf(end) > minutesOf(start)) {
      total += minutesOf(end) - minutesOf(start);
    }
  }
  return total;
}

export function weekMinutes(week: Partial<Record<Weekday, Intervals>>): number {
  return WEEKDAYS.reduce((sum, day) => sum + intervalsMinutes(week[day] ?? []), 0);
}

/** A sensible next interval after the last one, or office hours for a closed day. */
export function nextInterval(intervals: Intervals): string[] {
  const last = intervals[intervals.length - 1];
  if (!last) return ['09:00', '18:00'];
  const lastEnd = isTime(last[1] ?? '') ? minutesOf(last[1] ?? '') : 18 * 60;
  const start = Math.min(lastEnd + 60, 23 * 60);
  return [timeOf(start), timeOf(Math.min(start + 60, 24 * 60))];
}

export type IntervalProblem = 'startFormat' | 'endFormat' | 'endBeforeStart' | 'overlap';

export function intervalProblems(intervals: Intervals): (IntervalProblem | null)[] {
  let previousEnd: number | null = null;
  return intervals.map(([start = '', end = '']) => {
    if (!isTime(start) || start === '24:00') return 'startFormat';
    if (!isTime(end) || end === '00:00') return 'endFormat';
    if (minutesOf(end) <= minutesOf(start)) return 'endBeforeStart';
    if (previousEnd !== null && minutesOf(start) < previousEnd) return 'overlap';
    previousEnd = minutesOf(end);
    return null;
  });
}

export const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export interface SpecValues {
  timeZone: string;
  week: Week;
  holidays: string[];
  exceptions: CalendarException[];
}

export function specValuesOf(spec: CalendarSpec): SpecValues {
  return {
    timeZone: spec.timeZone,
    week: fullWeek(spec.week),
    holidays: [...(spec.holidays ?? [])].sort(),
    exceptions: (spec.exceptions ?? []).map((exception) => ({
      date: exception.date,
      hours: exception.hours.map((interval) => [...interval]),
    })),
  };
}

export function specOf(values: SpecValues): CalendarSpec {
  return {
    timeZone: values.timeZone,
    week: values.week,
    holidays: values.holidays,
    exceptions: values.exceptions,
  };
}

export type SpecProblem =
  | IntervalProblem
  | 'noWorkingTime'
  | 'dateFormat'
  | 'duplicateException'
  | 'timeZone';

/** Problems keyed by the form path of the offending row (`week.mon.1`, `exceptions.0.date`…). */
export function specProblems(values: SpecValues): Record<string, SpecProblem> {
  const problems: Record<string, SpecProblem> = {};
  if (!values.timeZone) problems.timeZone = 'timeZone';
  for (const day of WEEKDAYS) {
    intervalProblems(values.week[day]).forEach((problem, index) => {
      if (problem) problems[`week.${day}.${index}`] = problem;
    });
  }
  const dates = new Set<string>();
  values.exceptions.forEach((exception, index) => {
    if (!isDate(exception.date)) problems[`exceptions.${index}.date`] = 'dateFormat';
    else if (dates.has(exception.date)) problems[`exceptions.${index}.date`] = 'duplicateException';
    dates.add(exception.date);
    intervalProblems(exception.hours).forEach((problem, at) => {
      if (problem) problems[`exceptions.${index}.hours.${at}`] = problem;
    });
  });
  const hasTime =
    weekMinutes(values.week) > 0 ||
    values.exceptions.some((exception) => intervalsMinutes(exception.hours) > 0);
  if (!hasTime) problems.week = 'noWorkingTime';
  return problems;
}

/**
 * The error for a row: the editor's own check (`week.mon.1`) or the server's, which names the
 * spec (`spec.week.mon.1`) and sometimes one time of the interval (`spec.week.mon.1.0`).
 */
export function errorAt(
  errors: Record<string, unknown>,
  path: string,
  { deep = true }: { deep?: boolean } = {},
): string | undefined {
  for (const key of [path, `spec.${path}`]) {
    const value = errors[key];
    if (value) return String(value);
  }
  if (!deep) return undefined;
  for (const [key, value] of Object.entries(errors)) {
    if (!value) continue;
    if (key.startsWith(`${path}.`) || key.startsWith(`spec.${path}.`)) return String(value);
  }
  return undefined;
}

/** Removes the errors of a row and everything under it (after the user changed it). */
export function withoutErrors(errors: Record<string, unknown>, path: string) {
  return Object.fromEntries(
    Object.entries(errors).filter(
      ([key]) =>
        key !== path &&
        key !== `spec.${path}` &&
        !key.startsWith(`${path}.`) &&
        !key.startsWith(`spec.${path}.`),
    ),
  ) as Record<string, React.ReactNode>;
}

export type SpecChange =
  | { kind: 'timeZone'; from: string; to: string }
  | { kind: 'day'; day: Weekday; from: Intervals; to: Intervals }
  | { kind: 'holidaysAdded'; dates: string[] }
  | { kind: 'holidaysRemoved'; dates: string[] }
  | { kind: 'exceptionAdded'; date: string; hours: Intervals }
  | { kind: 'exceptionRemoved'; date: string }
  | { kind: 'exceptionChanged'; date: string; from: Intervals; to: Intervals };

const sameIntervals = (a: Intervals, b: Intervals) => JSON.stringify(a) === JSON.stringify(b);

/** What a new version changed, for the versions panel. */
export function specChanges(before: CalendarSpec, after: CalendarSpec): SpecChange[] {
  const changes: SpecChange[] = [];
  if (before.timeZone !== after.timeZone) {
    changes.push({ kind: 'timeZone', from: before.timeZone, to: after.timeZone });
  }
  for (const day of WEEKDAYS) {
    const from = before.week[day] ?? [];
    const to = after.week[day] ?? [];
    if (!sameIntervals(from, to)) changes.push({ kind: 'day', day, from, to });
  }
  const oldHolidays = new Set(before.holidays ?? []);
  const newHolidays = new Set(after.holidays ?? []);
  const added = [...newHolidays].filter((date) => !oldHolidays.has(date)).sort();
  const removed = [...oldHolidays].filter((date) => !newHolidays.has(date)).sort();
  if (added.length) changes.push({ kind: 'holidaysAdded', dates: added });
  if (removed.length) changes.push({ kind: 'holidaysRemoved', dates: removed });
  const oldExceptions = new Map((before.exceptions ?? []).map((e) => [e.date, e.hours]));
  const newExceptions = new Map((after.exceptions ?? []).map((e) => [e.date, e.hours]));
  for (const [date, hours] of newExceptions) {
    const previous = oldExceptions.get(date);
    if (!previous) changes.push({ kind: 'exceptionAdded', date, hours });
    else if (!sameIntervals(previous, hours)) {
      changes.push({ kind: 'exceptionChanged', date, from: previous, to: hours });
    }
  }
  for (const date of oldExceptions.keys()) {
    if (!newExceptions.has(date)) changes.push({ kind: 'exceptionRemoved', date });
  }
  return changes;
}
