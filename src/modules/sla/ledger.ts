// The clock ledger: each SLA clock is a list of segments (running, paused, stopped), each under the
// calendar version in force. Everything else — elapsed, remaining, due, breach — is derived from
// the ledger, so changing the target or a calendar replays it and no paused time is ever lost.
import type { BusinessCalendar } from './calendar.js';

export type SegmentState = 'running' | 'paused' | 'stopped';

export interface Segment {
  state: SegmentState;
  /** UTC ms; a segment lasts until the next one starts (or until now). */
  from: number;
  calendarVersionId: string;
  reason?: string;
}

export interface Ledger {
  segments: Segment[];
}

export type CalendarLookup = (versionId: string) => BusinessCalendar;

const MINUTE = 60_000;

export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

function current(ledger: Ledger): Segment | undefined {
  return ledger.segments[ledger.segments.length - 1];
}

function append(ledger: Ledger, segment: Segment): Ledger {
  const last = current(ledger);
  if (last && segment.from < last.from) {
    throw new LedgerError(
      `an event at ${new Date(segment.from).toISOString()} comes before the clock's last change`,
    );
  }
  // Two changes at the same instant: the later one wins.
  const kept = last && last.from === segment.from ? ledger.segments.slice(0, -1) : ledger.segments;
  return { segments: [...kept, segment] };
}

export const ledgerEvents = {
  start(at: number, calendarVersionId: string): Ledger {
    return { segments: [{ state: 'running', from: at, calendarVersionId }] };
  },
  pause(ledger: Ledger, at: number, reason: string): Ledger {
    const last = current(ledger);
    if (last?.state !== 'running') return ledger;
    return append(ledger, {
      state: 'paused',
      from: at,
      calendarVersionId: last.calendarVersionId,
      reason,
    });
  },
  resume(ledger: Ledger, at: number): Ledger {
    const last = current(ledger);
    if (last?.state !== 'paused') return ledger;
    return append(ledger, {
      state: 'running',
      from: at,
      calendarVersionId: last.calendarVersionId,
    });
  },
  /** The clock's goal was reached (first reply sent, ticket resolved). */
  stop(ledger: Ledger, at: number, reason: string): Ledger {
    const last = current(ledger);
    if (!last || last.state === 'stopped') return ledger;
    return append(ledger, {
      state: 'stopped',
      from: at,
      calendarVersionId: last.calendarVersionId,
      reason,
    });
  },
  /** A stopped clock runs again (a resolved ticket reopened); elapsed time carries on. */
  restart(ledger: Ledger, at: number, reason: string): Ledger {
    const last = current(ledger);
    if (last?.state !== 'stopped') return ledger;
    return append(ledger, {
      state: 'running',
      from: at,
      calendarVersionId: last.calendarVersionId,
      reason,
    });
  },
  /** A new calendar version applies from `at` on; time before keeps its old version. */
  changeCalendar(ledger: Ledger, at: number, calendarVersionId: string): Ledger {
    const last = current(ledger);
    if (!last || last.calendarVersionId === calendarVersionId) return ledger;
    return append(ledger, { ...last, from: at, calendarVersionId, reason: 'calendar changed' });
  },
};

export interface ClockState {
  state: SegmentState;
  elapsedMinutes: number;
  targetMinutes: number;
  remainingMinutes: number;
  percentUsed: number;
  /** When the target is reached if the clock keeps running; null while paused or stopped. */
  dueAt: number | null;
  /** When the clock passed its target, if it has. */
  breachedAt: number | null;
  breached: boolean;
}

/**
 * The instant the clock's business time reaches `minutes`, if it has by `now` or would if it kept
 * running; null while paused or stopped short of it.
 */
export function instantOfElapsed(
  ledger: Ledger,
  calendars: CalendarLookup,
  minutes: number,
  now: number,
): { at: number | null; reached: boolean } {
  let accumulated = 0;
  const wanted = minutes * MINUTE;
  const { segments } = ledger;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.state !== 'running') continue;
    const calendar = calendars(segment.calendarVersionId);
    const next = segments[i + 1];
    const end = next ? next.from : Number.POSITIVE_INFINITY;
    const due = calendar.due(segment.from, (wanted - accumulated) / MINUTE);
    if (due <= end) return { at: due, reached: due <= now };
    accumulated += calendar.elapsedMs(segment.from, end);
  }
  return { at: null, reached: false };
}

export function elapsedMinutes(ledger: Ledger, calendars: CalendarLookup, now: number): number {
  let total = 0;
  const { segments } = ledger;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.state !== 'running' || segment.from >= now) continue;
    const next = segments[i + 1];
    total += calendars(segment.calendarVersionId).elapsedMs(
      segment.from,
      Math.min(next ? next.from : now, now),
    );
  }
  return total / MINUTE;
}

export function deriveClock(
  ledger: Ledger,
  calendars: CalendarLookup,
  target: number,
  now: number,
): ClockState {
  const last = current(ledger);
  if (!last) throw new LedgerError('the clock has no segments');
  const elapsed = elapsedMinutes(ledger, calendars, now);
  const reach = instantOfElapsed(ledger, calendars, target, now);
  const breachedAt = reach.reached ? reach.at : null;
  return {
    state: last.state,
    elapsedMinutes: elapsed,
    targetMinutes: target,
    remainingMinutes: Math.max(target - elapsed, 0),
    percentUsed: target > 0 ? Math.round((elapsed / target) * 1000) / 10 : 100,
    dueAt: last.state === 'running' ? reach.at : null,
    breachedAt,
    breached: breachedAt !== null,
  };
}

/** When each threshold (percent of target) is or would be crossed, for scheduling warnings. */
export function thresholdInstants(
  ledger: Ledger,
  calendars: CalendarLookup,
  target: number,
  thresholds: number[],
  now: number,
) {
  return thresholds.map((percent) => {
    const reach = instantOfElapsed(ledger, calendars, (target * percent) / 100, now);
    return { percent, at: reach.at, reached: reach.reached };
  });
}
