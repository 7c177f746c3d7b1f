import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  type CalendarSpec,
  type Interval,
  validateCalendar,
  WEEKDAYS,
} from './calendar.js';

const MINUTE = 60_000;

// The reference reads the semantics literally, one minute at a time, with Intl for local time and
// nothing of the engine's: the local date is not a holiday and the wall-clock time lies in one of
// the date's intervals.
const referenceFormatters = new Map<string, Intl.DateTimeFormat>();
function local(zone: string, t: number) {
  let f = referenceFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    referenceFormatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
    weekday: String(p.weekday).toLowerCase().slice(0, 3),
  };
}
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
function referenceIsBusiness(spec: CalendarSpec, t: number): boolean {
  const { date, minutes, weekday } = local(spec.timeZone, t);
  if (spec.holidays?.includes(date)) return false;
  const hours =
    spec.exceptions?.find((e) => e.date === date)?.hours ??
    spec.week[weekday as (typeof WEEKDAYS)[number]] ??
    [];
  return hours.some(([a, b]) => toMinutes(a) <= minutes && minutes < toMinutes(b));
}
function referenceDue(spec: CalendarSpec, start: number, m: number): number {
  if (m === 0) return start;
  let count = 0;
  for (let t = start; ; t += MINUTE) {
    if (referenceIsBusiness(spec, t) && ++count === m) return t + MINUTE;
  }
}
function referenceElapsed(spec: CalendarSpec, from: number, to: number): number {
  let count = 0;
  for (let t = from; t < to; t += MINUTE) if (referenceIsBusiness(spec, t)) count++;
  return count;
}

const ZONES = [
  'Europe/Paris',
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
];
// Every 2026 DST change of these zones (Kolkata has none; its dates still exercise +05:30).
const DST_DAYS_2026 = [
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Ordered, non-overlapping intervals at 30-minute steps, some across the small hours DST moves. */
const intervalsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: Interval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      out.push([
        hhmm((sorted[i] as number) * 30),
        (sorted[i + 1] as number) === 48 ? '24:00' : hhmm((sorted[i + 1] as number) * 30),
      ]);
    return out;
  });

const startArb = fc
  .tuple(fc.constantFrom(...DST_DAYS_2026), fc.integer({ min: -2 * 1440, max: 2 * 1440 }))
  .map(([day, offset]) => Date.parse(`${day}T00:00:00Z`) + offset * MINUTE);

const calendarArb: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.record(
      Object.fromEntries(WEEKDAYS.map((d) => [d, intervalsArb])) as Record<
        (typeof WEEKDAYS)[number],
        fc.Arbitrary<Interval[]>
      >,
    ),
    holidays: fc.subarray([
      '2026-03-07',
      '2026-03-09',
      '2026-03-28',
      '2026-03-30',
      '2026-10-05',
      '2026-10-26',
      '2026-11-02',
    ]),
    exceptions: fc
      .subarray(['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-25'])
      .chain((dates) =>
        fc.tuple(...dates.map((date) => intervalsArb.map((hours) => ({ date, hours })))),
      ),
  })
  .map((spec) => {
    // Keep enough weekly time for the brute force to finish quickly.
    const week = { ...spec.week, wed: [['08:00', '18:00']] as Interval[] };
    return { ...spec, week };
  });

describe('business calendar against a minute-by-minute reference', () => {
  it('due(start, m) is the earliest instant at which m business minutes have passed', () => {
    fc.assert(
      fc.property(calendarArb, startArb, fc.integer({ min: 0, max: 900 }), (spec, start, m) => {
        const calendar = new BusinessCalendar(spec);
        expect(new Date(calendar.due(start, m)).toISOString()).toBe(
          new Date(referenceDue(spec, start, m)).toISOString(),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('elapsed(from, to) counts the business minutes in [from, to)', () => {
    fc.assert(
      fc.property(
        calendarArb,
        startArb,
        fc.integer({ min: 0, max: 3 * 1440 }),
        (spec, from, span) => {
          const calendar = new BusinessCalendar(spec);
          expect(calendar.elapsed(from, from + span * MINUTE)).toBe(
            referenceElapsed(spec, from, from + span * MINUTE),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('elapsed(s, due(s, m)) == m, and due is monotonic in m and in s', () => {
    fc.assert(
      fc.property(
        calendarArb,
        startArb,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 3000 }),
        (spec, s, m, dm, ds) => {
          const calendar = new BusinessCalendar(spec);
          const due = calendar.due(s, m);
          expect(calendar.elapsed(s, due)).toBe(m);
          expect(calendar.due(s, m + dm)).toBeGreaterThanOrEqual(due);
          expect(calendar.due(s + ds * MINUTE, m)).toBeGreaterThanOrEqual(due);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const PARIS: CalendarSpec = {
  timeZone: 'Europe/Paris',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
      d,
      [
        ['09:00', '12:30'],
        ['13:30', '18:00'],
      ],
    ]),
  ),
  holidays: ['2026-05-01', '2026-12-25'],
  exceptions: [{ date: '2026-12-24', hours: [['09:00', '12:00']] }],
};
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('business calendar semantics', () => {
  it('counts real elapsed time on the nights clocks change (Europe/London 00:30–03:30: 2 h in spring, 4 h in autumn)', () => {
    const night = new BusinessCalendar({
      timeZone: 'Europe/London',
      week: { sun: [['00:30', '03:30']] },
    });
    expect(night.elapsed(at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(120);
    expect(night.elapsed(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(240);
    expect(night.elapsed(at('2026-06-06T12:00:00Z'), at('2026-06-07T12:00:00Z'))).toBe(180);
  });

  it('is due exactly at closing time when the target ends there, not next morning', () => {
    const paris = new BusinessCalendar(PARIS);
    expect(iso(paris.due(at('2026-06-01T07:00:00Z'), 480))).toBe('2026-06-01T16:00:00.000Z');
  });

  it('starts counting at the next business minute for work logged at night, at weekends or on a holiday', () => {
    const paris = new BusinessCalendar(PARIS);
    expect(iso(paris.due(at('2026-06-05T21:00:00Z'), 60))).toBe('2026-06-08T08:00:00.000Z');
    expect(iso(paris.due(at('2026-04-30T20:00:00Z'), 30))).toBe('2026-05-04T07:30:00.000Z');
    expect(iso(paris.due(at('2026-12-24T08:00:00Z'), 240))).toBe('2026-12-28T09:00:00.000Z');
  });

  it('crosses the spring DST change with the right offset', () => {
    const paris = new BusinessCalendar(PARIS);
    // Friday 27 March 17:00 in Paris (UTC+1): 1 h left that day, 7 h on Monday 30 March (UTC+2).
    expect(iso(paris.due(at('2026-03-27T16:00:00Z'), 480))).toBe('2026-03-30T15:00:00.000Z');
  });

  it('handles a 30-minute DST shift (Australia/Lord_Howe) and a half-hour zone (Asia/Kolkata)', () => {
    const howe = new BusinessCalendar({
      timeZone: 'Australia/Lord_Howe',
      week: { sun: [['01:00', '03:00']] },
    });
    // 5 April 2026: 02:00 daylight time goes back to 01:30: the interval holds 2 h 30 min.
    expect(howe.elapsed(at('2026-04-04T00:00:00Z'), at('2026-04-05T12:00:00Z'))).toBe(150);
    // 4 October 2026: 02:00 jumps to 02:30: 1 h 30 min.
    expect(howe.elapsed(at('2026-10-03T00:00:00Z'), at('2026-10-04T12:00:00Z'))).toBe(90);
    const kolkata = new BusinessCalendar({
      timeZone: 'Asia/Kolkata',
      week: { mon: [['09:00', '17:00']] },
    });
    expect(iso(kolkata.due(at('2026-06-01T00:00:00Z'), 60))).toBe('2026-06-01T04:30:00.000Z');
  });

  it('closes a day with "24:00" and runs on across midnight', () => {
    const overnight = new BusinessCalendar({
      timeZone: 'UTC',
      week: { mon: [['22:00', '24:00']], tue: [['00:00', '02:00']] },
    });
    expect(iso(overnight.due(at('2026-06-01T22:00:00Z'), 180))).toBe('2026-06-02T01:00:00.000Z');
  });

  it('rejects invalid calendars with a message naming the problem', () => {
    const problems = (spec: unknown) =>
      validateCalendar(spec).map((p) => `${p.path}: ${p.message}`);
    expect(problems({ ...PARIS, timeZone: 'Europe/Atlantis' })).toEqual([
      'timeZone: "Europe/Atlantis" is not an IANA time zone',
    ]);
    expect(
      problems({
        ...PARIS,
        week: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
      })[0],
    ).toMatch(/^week\.mon\[1\]: overlaps/);
    expect(problems({ ...PARIS, week: { mon: [['13:00', '12:00']] } })[0]).toMatch(
      /^week\.mon\[0\]: ends \(12:00\) before/,
    );
    expect(problems({ ...PARIS, week: { mon: [['09:00', '25:00']] } })[0]).toMatch(
      /^week\.mon\[0\]: end "25:00"/,
    );
    expect(problems({ ...PARIS, holidays: ['2026-02-30'] })).toEqual([
      'holidays[0]: "2026-02-30" is not a date YYYY-MM-DD',
    ]);
    expect(problems({ ...PARIS, week: { funday: [] } })[0]).toMatch(
      /^week\.funday: is not a weekday/,
    );
    expect(problems({ timeZone: 'UTC', week: { mon: [], sat: [] } })).toEqual([
      'week: has no working time at all: give at least one day some hours',
    ]);
  });
});
