import { addDays, type DayKey, startOfDay } from './zoned-time';

// What the calendar draws, independent of the wire format: changes in their planned windows and
// the freeze/blackout windows that shade the days they cover.

export type CalendarChangeType = 'standard' | 'normal' | 'emergency';

export interface CalendarChange {
  id: string;
  number: string;
  title: string;
  type: CalendarChangeType;
  risk: string | null;
  status: string;
  serviceIds: string[];
  start: string;
  end: string;
  /** Overlaps another change on a shared service, or sits in a freeze window. */
  conflicted: boolean;
}

export interface CalendarWindow {
  id: string;
  name: string;
  kind: 'freeze' | 'blackout';
  start: string;
  end: string;
  /** `null`: every service. */
  serviceIds: string[] | null;
}

export type CalendarView = 'month' | 'week';

interface Interval {
  start: string;
  end: string;
}

/** Half-open intervals: a change ending at midnight is not on the next day. */
export function coversDay(item: Interval, day: DayKey, timeZone: string): boolean {
  const from = startOfDay(day, timeZone).getTime();
  const to = startOfDay(addDays(day, 1), timeZone).getTime();
  const start = new Date(item.start).getTime();
  const end = new Date(item.end).getTime();
  return start < to && (end > from || (end === start && start >= from));
}

export function touchesService(window: CalendarWindow, serviceId: string | null): boolean {
  return window.serviceIds === null || serviceId === null || window.serviceIds.includes(serviceId);
}

export function byStart(a: Interval, b: Interval): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/** Order of the services in the week view: the catalogue's names, then unknown ids. */
export function servicesOf(changes: CalendarChange[]): string[] {
  return [...new Set(changes.flatMap((change) => change.serviceIds))];
}
