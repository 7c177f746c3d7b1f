// Wall-clock times of an export ("29/2/2016 01:16" in Europe/Paris) to UTC instants. The zone's
// offset is looked up once per hour of wall time and cached: a 120k-row export has a few
// thousand distinct hours, and Intl lookups are the slow part.

/** Throws a RangeError for a zone name the runtime does not know. */
export function checkTimeZone(zone: string): string {
  new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  return zone;
}

export function createZonedClock(zone: string) {
  const utc = zone === 'UTC' || zone === 'Etc/UTC';
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsets = new Map<number, number>();
  /** The zone's offset from UTC (ms) at a UTC instant. */
  function offsetAt(ms: number) {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
    const wall = Date.UTC(
      parts.year as number,
      (parts.month as number) - 1,
      parts.day as number,
      parts.hour as number,
      parts.minute as number,
      parts.second as number,
    );
    return wall - Math.floor(ms / 1000) * 1000;
  }
  return {
    /** The UTC instant (ms) of a wall-clock time in the zone. */
    toUtc(year: number, month: number, day: number, hour: number, minute: number, second = 0) {
      const wall = Date.UTC(year, month - 1, day, hour, minute, second);
      if (utc) return wall;
      const key = Math.floor(wall / 3_600_000);
      let offset = offsets.get(key);
      if (offset === undefined) {
        // Two passes settle the offset on either side of a daylight-saving change.
        const first = offsetAt(wall);
        offset = offsetAt(wall - first);
        offsets.set(key, offset);
      }
      return wall - offset;
    },
  };
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "d/m/yyyy HH:MM[:SS]" in the clock's zone → ISO instant; null for empty or "?"; undefined when
 * the text is not such a date (or not a real day: 31/2).
 */
export function parseDayMonthYear(
  text: string,
  clock: ReturnType<typeof createZonedClock>,
): string | null | undefined {
  const value = text.trim();
  if (!value || value === '?') return null;
  const m = DMY.exec(value);
  if (!m) return undefined;
  const [day, month, year, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    v === undefined ? 0 : Number(v),
  ) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  return new Date(clock.toUtc(year, month, day, hour, minute, second)).toISOString();
}
