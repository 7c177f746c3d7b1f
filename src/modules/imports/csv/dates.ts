// Dates as other tools write them: a pattern such as "dd/MM/yyyy HH:mm", "iso" (ISO 8601, with or
// without an offset) or "excel-serial" (days since 1899-12-30, as spreadsheets keep dates), read as
// wall-clock time in the file's time zone unless the text carries its own offset. Pure.
import { isTimeZone, zoneOffsets } from '../../sla/time-zone.js';

// Checking a zone builds an Intl formatter: far too slow to do for every cell.
const knownZones = new Map<string, boolean>();
function validZone(zone: string): boolean {
  let ok = knownZones.get(zone);
  if (ok === undefined) {
    ok = isTimeZone(zone);
    knownZones.set(zone, ok);
  }
  return ok;
}

export const SPECIAL_FORMATS = ['iso', 'excel-serial'] as const;

/** A date cell: text from a CSV, or what a spreadsheet holds (a number or a Date). */
export type DateCell = string | number | Date;

// Longest tokens first so "yyyy" wins over "yy" and "MM" over "M".
const TOKENS: Record<string, { pattern: string; part: Part }> = {
  yyyy: { pattern: '(\\d{4})', part: 'year' },
  yy: { pattern: '(\\d{2})', part: 'year2' },
  MM: { pattern: '(\\d{2})', part: 'month' },
  M: { pattern: '(\\d{1,2})', part: 'month' },
  dd: { pattern: '(\\d{2})', part: 'day' },
  d: { pattern: '(\\d{1,2})', part: 'day' },
  HH: { pattern: '(\\d{2})', part: 'hour' },
  H: { pattern: '(\\d{1,2})', part: 'hour' },
  mm: { pattern: '(\\d{2})', part: 'minute' },
  ss: { pattern: '(\\d{2})', part: 'second' },
};
type Part = 'year' | 'year2' | 'month' | 'day' | 'hour' | 'minute' | 'second';
const TOKEN_NAMES = Object.keys(TOKENS).sort((a, b) => b.length - a.length);

interface CompiledFormat {
  regex: RegExp;
  parts: Part[];
}

const compiled = new Map<string, CompiledFormat>();

/** Turns a pattern into a regular expression; throws a message naming what is wrong. */
export function compileFormat(format: string): CompiledFormat {
  const known = compiled.get(format);
  if (known) return known;
  let regex = '^';
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    const token = TOKEN_NAMES.find((t) => format.startsWith(t, i));
    if (token) {
      const spec = TOKENS[token] as { pattern: string; part: Part };
      regex += spec.pattern;
      parts.push(spec.part);
      i += token.length;
    } else {
      const char = format[i] as string;
      if (/[A-Za-z]/.test(char))
        throw new Error(
          `"${char}" is not a date pattern letter (use yyyy, yy, MM, M, dd, d, HH, H, mm, ss)`,
        );
      regex += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  if (!parts.includes('year') && !parts.includes('year2'))
    throw new Error('the pattern has no year (yyyy or yy)');
  if (!parts.includes('month') || !parts.includes('day'))
    throw new Error('the pattern needs a month (MM) and a day (dd)');
  const result = { regex: new RegExp(`${regex}$`), parts };
  compiled.set(format, result);
  return result;
}

/** Throws a message when the format is neither special nor a valid pattern. */
export function checkDateFormat(format: string): void {
  if ((SPECIAL_FORMATS as readonly string[]).includes(format)) return;
  compileFormat(format);
}

/** Wall-clock fields in `zone` to the UTC instant (the earlier one in an autumn overlap). */
export function wallClockToUtc(zone: string, wall: number): number {
  if (zone === 'UTC') return wall;
  const offsets = zoneOffsets(zone);
  const guess = wall - offsets.offsetAt(wall);
  return wall - offsets.offsetAt(guess);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

function validWall(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(wall);
  // Date.UTC rolls 31/02 over to March: refuse it instead of importing a wrong day.
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return null;
  return wall;
}

/**
 * Reads one date. Returns the ISO instant (UTC), or null with `error` set to a reason an
 * administrator can act on. Empty cells are not given here (callers treat them as missing).
 */
export function parseDate(
  value: DateCell,
  format: string,
  zone: string,
): { ok: true; iso: string } | { ok: false; reason: string } {
  if (!validZone(zone)) return { ok: false, reason: `"${zone}" is not a time zone` };
  // A spreadsheet date cell: exceljs gives the wall clock as if it were UTC.
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'is not a date' };
    return { ok: true, iso: new Date(wallClockToUtc(zone, value.getTime())).toISOString() };
  }
  const text = String(value).trim();
  if (format === 'excel-serial' || typeof value === 'number') {
    const serial = typeof value === 'number' ? value : Number(text.replace(',', '.'));
    if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465)
      return { ok: false, reason: `"${text}" is not a spreadsheet date number` };
    const wall = EXCEL_EPOCH + Math.round(serial * DAY);
    return { ok: true, iso: new Date(wallClockToUtc(zone, wall)).toISOString() };
  }
  if (format === 'iso') {
    const m =
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
        text,
      );
    if (!m)
      return { ok: false, reason: `"${text}" is not an ISO 8601 date (e.g. 2026-03-31T14:05)` };
    const wall = validWall(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    );
    if (wall === null) return { ok: false, reason: `"${text}" is not a valid date` };
    const offset = m[7];
    if (!offset) return { ok: true, iso: new Date(wallClockToUtc(zone, wall)).toISOString() };
    if (offset === 'Z') return { ok: true, iso: new Date(wall).toISOString() };
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    return { ok: true, iso: new Date(wall - sign * minutes * 60_000).toISOString() };
  }
  const { regex, parts } = compileFormat(format);
  const m = regex.exec(text);
  if (!m) return { ok: false, reason: `"${text}" does not match the date format ${format}` };
  const f = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  parts.forEach((part, index) => {
    const n = Number(m[index + 1]);
    if (part === 'year2') f.year = n < 70 ? 2000 + n : 1900 + n;
    else f[part] = n;
  });
  const wall = validWall(f.year, f.month, f.day, f.hour, f.minute, f.second);
  if (wall === null) return { ok: false, reason: `"${text}" is not a valid date` };
  return { ok: true, iso: new Date(wallClockToUtc(zone, wall)).toISOString() };
}
