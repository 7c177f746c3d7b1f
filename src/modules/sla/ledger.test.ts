import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type CalendarSpec } from './calendar.js';
import {
  type CalendarLookup,
  deriveClock,
  ledgerEvents as ev,
  thresholdInstants,
} from './ledger.js';

const weekdays = (hours: [string, string][]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, hours]));
const PARIS_V1: CalendarSpec = {
  timeZone: 'Europe/Paris',
  week: weekdays([['09:00', '18:00']]),
  holidays: ['2026-05-01'],
};
// Version 2 opens an hour earlier.
const PARIS_V2: CalendarSpec = { ...PARIS_V1, week: weekdays([['08:00', '18:00']]) };
const calendars: Record<string, BusinessCalendar> = {
  v1: new BusinessCalendar(PARIS_V1),
  v2: new BusinessCalendar(PARIS_V2),
};
const lookup: CalendarLookup = (id) => calendars[id] as BusinessCalendar;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// Monday 1 June 2026, Paris is UTC+2: business hours 07:00–16:00 UTC.
describe('clock ledger', () => {
  it('runs, and is due after the target in business time', () => {
    const ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    const state = deriveClock(ledger, lookup, 240, at('2026-06-01T08:00:00Z'));
    expect(state).toMatchObject({
      state: 'running',
      elapsedMinutes: 60,
      remainingMinutes: 180,
      percentUsed: 25,
      breached: false,
    });
    expect(iso(state.dueAt)).toBe('2026-06-01T11:00:00.000Z');
  });

  it('pauses and resumes: paused business time does not count, and the due time moves by it', () => {
    let ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    ledger = ev.pause(ledger, at('2026-06-01T08:00:00Z'), 'on hold: awaiting customer');
    const paused = deriveClock(ledger, lookup, 240, at('2026-06-01T12:00:00Z'));
    expect(paused).toMatchObject({
      state: 'paused',
      elapsedMinutes: 60,
      dueAt: null,
      breached: false,
    });
    ledger = ev.resume(ledger, at('2026-06-01T10:00:00Z'));
    const resumed = deriveClock(ledger, lookup, 240, at('2026-06-01T10:30:00Z'));
    expect(resumed.elapsedMinutes).toBe(90);
    expect(iso(resumed.dueAt)).toBe('2026-06-01T13:00:00.000Z');
  });

  it('keeps accumulated pause time when the priority changes the target mid-ticket', () => {
    let ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    ledger = ev.pause(ledger, at('2026-06-01T08:00:00Z'), 'awaiting customer');
    ledger = ev.resume(ledger, at('2026-06-01T12:00:00Z'));
    // P3 (8 h): 1 h ran before the pause; 4 h this afternoon, 3 h tomorrow from 09:00 Paris.
    expect(iso(deriveClock(ledger, lookup, 480, at('2026-06-01T12:00:00Z')).dueAt)).toBe(
      '2026-06-02T10:00:00.000Z',
    );
    // Raised to P2 (4 h): the same hour before the pause counts, 3 h remain after it.
    expect(iso(deriveClock(ledger, lookup, 240, at('2026-06-01T12:00:00Z')).dueAt)).toBe(
      '2026-06-01T15:00:00.000Z',
    );
  });

  it('breaches when the target passes, recording when, and reports it after the clock stops', () => {
    let ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    const late = deriveClock(ledger, lookup, 60, at('2026-06-01T09:00:00Z'));
    expect(late).toMatchObject({ breached: true, remainingMinutes: 0, percentUsed: 200 });
    expect(iso(late.breachedAt)).toBe('2026-06-01T08:00:00.000Z');
    ledger = ev.stop(ledger, at('2026-06-01T09:00:00Z'), 'resolved');
    const stopped = deriveClock(ledger, lookup, 60, at('2026-06-03T09:00:00Z'));
    expect(stopped).toMatchObject({
      state: 'stopped',
      elapsedMinutes: 120,
      breached: true,
      dueAt: null,
    });
    const met = deriveClock(
      ev.stop(ev.start(at('2026-06-01T07:00:00Z'), 'v1'), at('2026-06-01T07:30:00Z'), 'replied'),
      lookup,
      60,
      at('2026-06-05T00:00:00Z'),
    );
    expect(met).toMatchObject({ state: 'stopped', elapsedMinutes: 30, breached: false });
  });

  it('applies a new calendar version from the change on, keeping the old one before it', () => {
    let ledger = ev.start(at('2026-06-01T14:00:00Z'), 'v1'); // Monday 16:00 Paris
    ledger = ev.changeCalendar(ledger, at('2026-06-01T18:00:00Z'), 'v2'); // evening: opens at 08:00 from Tuesday
    const state = deriveClock(ledger, lookup, 240, at('2026-06-01T18:00:00Z'));
    expect(state.elapsedMinutes).toBe(120);
    // 2 h left, counted from Tuesday 08:00 Paris (06:00 UTC) under v2, not 09:00 under v1.
    expect(iso(state.dueAt)).toBe('2026-06-02T08:00:00.000Z');
    expect(ledger.segments.map((s) => s.calendarVersionId)).toEqual(['v1', 'v2']);
  });

  it('starts counting at the next business minute for a ticket logged at night or on a holiday', () => {
    const night = deriveClock(
      ev.start(at('2026-06-01T21:30:00Z'), 'v1'),
      lookup,
      60,
      at('2026-06-02T00:00:00Z'),
    );
    expect(night.elapsedMinutes).toBe(0);
    expect(iso(night.dueAt)).toBe('2026-06-02T08:00:00.000Z');
    const holiday = deriveClock(
      ev.start(at('2026-05-01T08:00:00Z'), 'v1'),
      lookup,
      60,
      at('2026-05-01T12:00:00Z'),
    );
    expect(iso(holiday.dueAt)).toBe('2026-05-04T08:00:00.000Z');
  });

  it('runs on after a reopen, adding to the time before the resolution', () => {
    let ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    ledger = ev.stop(ledger, at('2026-06-01T09:00:00Z'), 'resolved');
    ledger = ev.restart(ledger, at('2026-06-02T07:00:00Z'), 'reopened by requester');
    const state = deriveClock(ledger, lookup, 240, at('2026-06-02T08:00:00Z'));
    expect(state).toMatchObject({ state: 'running', elapsedMinutes: 180 });
    expect(iso(state.dueAt)).toBe('2026-06-02T09:00:00.000Z');
  });

  it('says when each warning threshold is crossed', () => {
    const ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    const instants = thresholdInstants(ledger, lookup, 480, [75, 100], at('2026-06-01T07:00:00Z'));
    expect(instants.map((i) => [i.percent, iso(i.at), i.reached])).toEqual([
      [75, '2026-06-01T13:00:00.000Z', false],
      [100, '2026-06-01T15:00:00.000Z', false],
    ]);
  });

  it('ignores events that do not apply and refuses events out of order', () => {
    const ledger = ev.start(at('2026-06-01T07:00:00Z'), 'v1');
    expect(ev.resume(ledger, at('2026-06-01T08:00:00Z'))).toBe(ledger);
    expect(() => ev.pause(ledger, at('2026-06-01T06:00:00Z'), 'x')).toThrow(
      /before the clock's last change/,
    );
  });
});
