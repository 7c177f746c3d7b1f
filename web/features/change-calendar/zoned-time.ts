// Change windows are stored in UTC but planned in the signed-in user's time zone (a change at
// 22:00 in Paris is 22:00 on the form and in the calendar's Paris day, whatever the browser's
// zone is). These helpers move between UTC instants and wall-clock times of a zone with Intl only.

/** A calendar day as `YYYY-MM-DD`, independent of any zone. */
export type DayKey = string;

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
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
    partFormats.set(timeZone, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockOf(new Date(instant), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clocks show the given wall-clock time. */
export function instantOf(wall: WallClock, timeZone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = guess - offsetAt(guess, timeZone);
  // Around a daylight-saving switch the offset at the result can differ from the guess's.
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}

const pad = (value: number, size = 2) => String(value).padStart(size, '0');

export function dayKeyOf(instant: Date | string, timeZone: string): DayKey {
  const wall = wallClockOf(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

function parseDay(day: DayKey): { year: number; month: number; day: number } {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return { year, month, day: date };
}

export function isDayKey(value: unknown): value is DayKey {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Midnight of the day in the zone, as an instant. */
export function startOfDay(day: DayKey, timeZone: string): Date {
  return instantOf({ ...parseDay(day), hour: 0, minute: 0, second: 0 }, timeZone);
}

export function addDays(day: DayKey, days: number): DayKey {
  const { year, month, day: date } = parseDay(day);
  const next = new Date(Date.UTC(year, month - 1, date + days));
  return next.toISOString().slice(0, 10);
}

export function addMonths(day: DayKey, months: number): DayKey {
  const { year, month } = parseDay(day);
  const next = new Date(Date.UTC(year, month - 1 + months, 1));
  return next.toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday (ISO 8601 weeks). */
export function weekdayOf(day: DayKey): number {
  const { year, month, day: date } = parseDay(day);
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}

export function startOfWeek(day: DayKey): DayKey {
  return addDays(day, -weekdayOf(day));
}

export function startOfMonth(day: DayKey): DayKey {
  return `${day.slice(0, 7)}-01`;
}

/** The days shown by a month view: whole weeks from the Monday before the 1st to the Sunday after the last. */
export function monthGridDays(day: DayKey): DayKey[] {
  const first = startOfMonth(day);
  const last = addDays(addMonths(first, 1), -1);
  const days: DayKey[] = [];
  for (let current = startOfWeek(first); current <= last || weekdayOf(current) !== 0; ) {
    days.push(current);
    current = addDays(current, 1);
  }
  return days;
}

export function weekDays(day: DayKey): DayKey[] {
  const monday = startOfWeek(day);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The wall-clock time of an instant in the zone, as a `datetime-local` input holds it. */
export function toWallValue(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const wall = wallClockOf(date, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** A wall-clock value (`YYYY-MM-DDTHH:mm[:ss]`) in the zone, as an ISO UTC string. */
export function fromWallValue(value: string | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  return instantOf(
    {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second),
    },
    timeZone,
  ).toISOString();
}
