// UTC offsets of an IANA time zone as a table of transitions, built once per zone and year from
// Intl (the only source of zone rules in Node), so that looking an offset up is a binary search
// instead of a formatter call. Pure: depends on no process time zone.

const HOUR = 3_600_000;
// No zone in the tz database changes its offset twice within twelve hours since 1970.
const SAMPLE_STEP = 12 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Local wall clock minus UTC, in milliseconds, straight from Intl (slow; used to build tables). */
export function intlOffset(zone: string, utcMs: number): number {
  const seconds = Math.floor(utcMs / 1000) * 1000;
  const parts = formatter(zone).formatToParts(new Date(seconds));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  return local - seconds;
}

export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A stretch of UTC time with one offset: [from, to). */
export interface OffsetSpan {
  from: number;
  to: number;
  offset: number;
}

export class ZoneOffsets {
  /** Per UTC year: transition instants and the offset from each on. */
  private readonly years = new Map<number, { at: Float64Array; offset: Float64Array }>();

  constructor(readonly zone: string) {}

  private year(y: number) {
    let table = this.years.get(y);
    if (table) return table;
    const start = Date.UTC(y, 0, 1);
    const end = Date.UTC(y + 1, 0, 1);
    const at = [start];
    const offsets = [intlOffset(this.zone, start)];
    let previous = offsets[0] as number;
    for (let t = start + SAMPLE_STEP; t < end + SAMPLE_STEP; t += SAMPLE_STEP) {
      const probe = Math.min(t, end);
      const offset = intlOffset(this.zone, probe);
      if (offset !== previous) {
        // Narrow the change down to the second.
        let lo = probe - SAMPLE_STEP;
        let hi = probe;
        while (hi - lo > 1000) {
          const mid = Math.floor((lo + hi) / 2000) * 1000;
          if (intlOffset(this.zone, mid) === previous) lo = mid;
          else hi = mid;
        }
        if (hi < end) {
          at.push(hi);
          offsets.push(offset);
        }
        previous = offset;
      }
      if (probe === end) break;
    }
    table = { at: Float64Array.from(at), offset: Float64Array.from(offsets) };
    this.years.set(y, table);
    return table;
  }

  /** The offset in force at a UTC instant. */
  offsetAt(utcMs: number): number {
    const table = this.year(new Date(utcMs).getUTCFullYear());
    const { at, offset } = table;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((at[mid] as number) <= utcMs) lo = mid;
      else hi = mid - 1;
    }
    return offset[lo] as number;
  }

  /** The spans of constant offset that cover [from, to), in order. */
  spans(from: number, to: number): OffsetSpan[] {
    const result: OffsetSpan[] = [];
    const firstYear = new Date(from).getUTCFullYear();
    const lastYear = new Date(to).getUTCFullYear();
    let current: OffsetSpan | null = null;
    for (let y = firstYear; y <= lastYear; y++) {
      const { at, offset } = this.year(y);
      const yearEnd = Date.UTC(y + 1, 0, 1);
      for (let i = 0; i < at.length; i++) {
        const spanFrom = at[i] as number;
        const spanTo = i + 1 < at.length ? (at[i + 1] as number) : yearEnd;
        if (spanTo <= from || spanFrom >= to) continue;
        const o = offset[i] as number;
        if (current && current.offset === o && current.to === spanFrom) {
          current.to = Math.min(spanTo, to);
        } else {
          current = { from: Math.max(spanFrom, from), to: Math.min(spanTo, to), offset: o };
          result.push(current);
        }
      }
    }
    return result;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** One shared table per zone for the whole process. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let z = zones.get(zone);
  if (!z) {
    z = new ZoneOffsets(zone);
    zones.set(zone, z);
  }
  return z;
}
