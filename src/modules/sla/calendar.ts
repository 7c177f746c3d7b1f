// Business calendars: when is a moment business time, and how much business time lies between two
// moments. Semantics (docs/sla.md): a moment is business time when, in the calendar's time zone,
// its local date is not a holiday and its local wall-clock time lies inside one of that date's
// intervals (the exception's intervals where the date has one, otherwise the weekday's).
// Business time is real elapsed time. Pure: no database, no process time zone, no clock.
import { isTimeZone, type ZoneOffsets, zoneOffsets } from './time-zone.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Interval = [string, string];

export interface CalendarSpec {
  timeZone: string;
  week: Partial<Record<Weekday, Interval[]>>;
  holidays?: string[];
  exceptions?: { date: string; hours: Interval[] }[];
}

export interface CalendarProblem {
  path: string;
  message: string;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "09:30" → milliseconds after midnight; "24:00" closes a day. */
function parseTime(value: string, allowEndOfDay: boolean): number | null {
  if (allowEndOfDay && value === '24:00') return DAY;
  const m = TIME.exec(value);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * MINUTE : null;
}

/** "2026-12-25" → days since 1970-01-01, or null when not a real date. */
export function parseDate(value: string): number | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return null;
  return ms / DAY;
}

export const formatDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

function checkIntervals(list: unknown, path: string, problems: CalendarProblem[]): number[] {
  const ms: number[] = [];
  if (!Array.isArray(list)) {
    problems.push({ path, message: 'must be a list of ["HH:MM", "HH:MM"] intervals' });
    return ms;
  }
  list.forEach((interval, i) => {
    const at = `${path}[${i}]`;
    if (
      !Array.isArray(interval) ||
      interval.length !== 2 ||
      typeof interval[0] !== 'string' ||
      typeof interval[1] !== 'string'
    ) {
      problems.push({ path: at, message: 'must be ["HH:MM", "HH:MM"]' });
      return;
    }
    const start = parseTime(interval[0], false);
    const end = parseTime(interval[1], true);
    if (start === null)
      problems.push({
        path: at,
        message: `start "${interval[0]}" is not a time from 00:00 to 23:59`,
      });
    if (end === null)
      problems.push({
        path: at,
        message: `end "${interval[1]}" is not a time from 00:01 to 24:00`,
      });
    if (start === null || end === null) return;
    if (end <= start) {
      problems.push({
        path: at,
        message: `ends (${interval[1]}) before or when it starts (${interval[0]})`,
      });
      return;
    }
    const previousEnd = ms[ms.length - 1];
    if (previousEnd !== undefined && start < previousEnd) {
      problems.push({
        path: at,
        message: `overlaps or comes before ${path}[${i - 1}]; list intervals in order without overlaps`,
      });
      return;
    }
    ms.push(start, end);
  });
  return ms;
}

/** Every problem of a calendar, each with the path of the offending value. Empty when valid. */
export function validateCalendar(input: unknown): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (typeof input !== 'object' || input === null)
    return [{ path: '', message: 'must be an object' }];
  const spec = input as Record<string, unknown>;
  if (typeof spec.timeZone !== 'string' || !isTimeZone(spec.timeZone)) {
    problems.push({
      path: 'timeZone',
      message: `"${String(spec.timeZone)}" is not an IANA time zone`,
    });
  }
  let weekly = 0;
  if (typeof spec.week !== 'object' || spec.week === null || Array.isArray(spec.week)) {
    problems.push({ path: 'week', message: 'must be an object with mon … sun' });
  } else {
    for (const key of Object.keys(spec.week)) {
      if (!(WEEKDAYS as readonly string[]).includes(key))
        problems.push({
          path: `week.${key}`,
          message: 'is not a weekday (mon, tue, wed, thu, fri, sat, sun)',
        });
    }
    for (const day of WEEKDAYS) {
      const list = (spec.week as Record<string, unknown>)[day];
      if (list === undefined) continue;
      weekly += checkIntervals(list, `week.${day}`, problems).length;
    }
  }
  if (spec.holidays !== undefined) {
    if (!Array.isArray(spec.holidays))
      problems.push({ path: 'holidays', message: 'must be a list of dates' });
    else
      spec.holidays.forEach((d, i) => {
        if (typeof d !== 'string' || parseDate(d) === null)
          problems.push({
            path: `holidays[${i}]`,
            message: `"${String(d)}" is not a date YYYY-MM-DD`,
          });
      });
  }
  if (spec.exceptions !== undefined) {
    if (!Array.isArray(spec.exceptions))
      problems.push({ path: 'exceptions', message: 'must be a list of { date, hours }' });
    else {
      const seen = new Set<string>();
      spec.exceptions.forEach((e, i) => {
        const at = `exceptions[${i}]`;
        if (typeof e !== 'object' || e === null) {
          problems.push({ path: at, message: 'must be { "date": "YYYY-MM-DD", "hours": [...] }' });
          return;
        }
        const { date, hours } = e as { date?: unknown; hours?: unknown };
        if (typeof date !== 'string' || parseDate(date) === null)
          problems.push({
            path: `${at}.date`,
            message: `"${String(date)}" is not a date YYYY-MM-DD`,
          });
        else if (seen.has(date))
          problems.push({ path: `${at}.date`, message: `${date} has two exceptions` });
        else seen.add(date);
        checkIntervals(hours, `${at}.hours`, problems);
      });
    }
  }
  if (problems.length === 0 && weekly === 0) {
    problems.push({
      path: 'week',
      message: 'has no working time at all: give at least one day some hours',
    });
  }
  return problems;
}

export class CalendarError extends Error {
  constructor(readonly problems: CalendarProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
    this.name = 'CalendarError';
  }
}

/** Parses an ISO-8601 instant with an explicit zone (Z or ±hh:mm); null otherwise. */
export function parseInstant(value: unknown): number | null {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  )
    return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const NO_INTERVALS = new Float64Array(0);
/** Search this far for business time before deciding a calendar has none left. */
const MAX_DAYS_SEARCHED = 366 * 20;

/**
 * A validated calendar, compiled for fast questions. Each local date's business intervals are
 * turned into UTC instants once and cached, so `due` and `elapsed` cost one step per day spanned,
 * whatever the number of minutes.
 */
export class BusinessCalendar {
  readonly timeZone: string;
  private readonly zone: ZoneOffsets;
  /** Wall-clock intervals by JS weekday (0 = Sunday), flat [start, end, …] in ms after midnight. */
  private readonly week: number[][];
  private readonly holidays: Set<number>;
  private readonly exceptions: Map<number, number[]>;
  private readonly days = new Map<number, Float64Array>();

  constructor(readonly spec: CalendarSpec) {
    const problems = validateCalendar(spec);
    if (problems.length) throw new CalendarError(problems);
    this.timeZone = spec.timeZone;
    this.zone = zoneOffsets(spec.timeZone);
    const byJsDay = [1, 2, 3, 4, 5, 6, 0]; // WEEKDAYS index → Date#getUTCDay()
    this.week = Array.from({ length: 7 }, () => [] as number[]);
    WEEKDAYS.forEach((day, i) => {
      this.week[byJsDay[i] as number] = checkIntervals(spec.week[day] ?? [], '', []);
    });
    this.holidays = new Set((spec.holidays ?? []).map((d) => parseDate(d) as number));
    this.exceptions = new Map(
      (spec.exceptions ?? []).map((e) => [
        parseDate(e.date) as number,
        checkIntervals(e.hours, '', []),
      ]),
    );
  }

  /** The local date (days since 1970-01-01) of a UTC instant. */
  localDay(utcMs: number): number {
    return Math.floor((utcMs + this.zone.offsetAt(utcMs)) / DAY);
  }

  /** Wall-clock intervals of a local date, flat [start, end, …] in ms after midnight. */
  wallIntervals(day: number): number[] {
    if (this.holidays.has(day)) return [];
    return this.exceptions.get(day) ?? (this.week[(((day + 4) % 7) + 7) % 7] as number[]);
  }

  /**
   * Business time of a local date as UTC instants, flat [start, end, …] in order. An instant t
   * belongs to the date's interval [a, b) when midnight + a ≤ t + offset(t) < midnight + b; on the
   * nights clocks change, that holds for more or less real time than b − a.
   */
  dayIntervals(day: number): Float64Array {
    const cached = this.days.get(day);
    if (cached) return cached;
    const wall = this.wallIntervals(day);
    let result = NO_INTERVALS;
    if (wall.length) {
      const midnight = day * DAY;
      // Offsets lie within ±26 h; these spans cover every instant whose local date is `day`.
      const spans = this.zone.spans(midnight - 26 * 3_600_000, midnight + DAY + 26 * 3_600_000);
      const out: number[] = [];
      for (let i = 0; i < wall.length; i += 2) {
        const a = midnight + (wall[i] as number);
        const b = midnight + (wall[i + 1] as number);
        for (const span of spans) {
          const from = Math.max(span.from, a - span.offset);
          const to = Math.min(span.to, b - span.offset);
          if (to <= from) continue;
          const last = out.length - 1;
          if (last > 0 && out[last] === from) out[last] = to;
          else out.push(from, to);
        }
      }
      result = Float64Array.from(out);
    }
    this.days.set(day, result);
    return result;
  }

  isBusinessTime(utcMs: number): boolean {
    const iv = this.dayIntervals(this.localDay(utcMs));
    for (let i = 0; i < iv.length; i += 2) {
      if ((iv[i] as number) <= utcMs && utcMs < (iv[i + 1] as number)) return true;
    }
    return false;
  }

  /** The earliest instant at which `minutes` business minutes have passed since `startMs`. */
  due(startMs: number, minutes: number): number {
    let remaining = minutes * MINUTE;
    if (remaining <= 0) return startMs;
    // The day before: on a night that repeats local midnight, its instants can follow start's.
    const first = this.localDay(startMs) - 1;
    for (let day = first; day < first + MAX_DAYS_SEARCHED; day++) {
      const iv = this.dayIntervals(day);
      for (let i = 0; i < iv.length; i += 2) {
        const end = iv[i + 1] as number;
        if (end <= startMs) continue;
        const from = Math.max(iv[i] as number, startMs);
        const length = end - from;
        if (length >= remaining) return from + remaining;
        remaining -= length;
      }
    }
    throw new CalendarError([
      { path: '', message: 'no business time left within twenty years of the start' },
    ]);
  }

  /** Business milliseconds in [fromMs, toMs). */
  elapsedMs(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    let total = 0;
    const last = this.localDay(toMs) + 1;
    for (let day = this.localDay(fromMs) - 1; day <= last; day++) {
      const iv = this.dayIntervals(day);
      for (let i = 0; i < iv.length; i += 2) {
        const from = Math.max(iv[i] as number, fromMs);
        const to = Math.min(iv[i + 1] as number, toMs);
        if (to > from) total += to - from;
      }
    }
    return total;
  }

  /** Business minutes in [fromMs, toMs). */
  elapsed(fromMs: number, toMs: number): number {
    return this.elapsedMs(fromMs, toMs) / MINUTE;
  }

  /** The business intervals that intersect [fromMs, toMs), for explanations. */
  intervalsBetween(fromMs: number, toMs: number): Array<{ from: number; to: number }> {
    const result: Array<{ from: number; to: number }> = [];
    const last = this.localDay(toMs) + 1;
    for (let day = this.localDay(fromMs) - 1; day <= last; day++) {
      const iv = this.dayIntervals(day);
      for (let i = 0; i < iv.length; i += 2) {
        const from = Math.max(iv[i] as number, fromMs);
        const to = Math.min(iv[i + 1] as number, toMs);
        if (to > from) result.push({ from, to });
      }
    }
    return result;
  }

  /** The end of business time on the first business day after the local date of `startMs`. */
  endOfNextBusinessDay(startMs: number): number {
    const today = this.localDay(startMs);
    for (let day = today + 1; day < today + MAX_DAYS_SEARCHED; day++) {
      const iv = this.dayIntervals(day);
      if (iv.length) return iv[iv.length - 1] as number;
    }
    throw new CalendarError([
      { path: '', message: 'no business day within twenty years of the start' },
    ]);
  }
}
