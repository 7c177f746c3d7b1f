import type { Phase, Task } from './api';

// Pure helpers for the roadmap views: which tasks are "mine", the months a timeline spans and
// where a date falls on it, and the dependencies a plan breaks (a task starting before one it
// depends on is due).

/** Mine: I own it, or I (or a group of mine) am responsible or accountable for it. */
export function isMine(task: Task, userId: string, myGroupIds: ReadonlySet<string>): boolean {
  return (
    task.ownerId === userId ||
    task.raci.responsible.includes(userId) ||
    task.raci.accountable.includes(userId) ||
    [...task.raciGroups.responsible, ...task.raciGroups.accountable].some((id) =>
      myGroupIds.has(id),
    )
  );
}

export interface Month {
  /** YYYY-MM */
  key: string;
  /** Days since the timeline's start at the month's first day. */
  offset: number;
  days: number;
}

export interface TimelineRange {
  start: string;
  end: string;
  totalDays: number;
  months: Month[];
}

const DAY = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY);
}

/** Whole months from the earliest date of the plan to the latest (and today). */
export function timelineRange(tasks: Task[], phases: Phase[], today: string): TimelineRange {
  const dates = [
    today,
    ...tasks.flatMap((task) => [task.startDate, task.dueDate]),
    ...phases.flatMap((phase) => [phase.startDate, phase.endDate]),
  ].filter((day): day is string => !!day);
  // ISO dates sort as text.
  const sorted = [...dates].sort();
  const first = sorted[0] ?? today;
  const last = sorted[sorted.length - 1] ?? today;
  const start = `${first.slice(0, 7)}-01`;
  const lastMonth = new Date(toTime(`${last.slice(0, 7)}-01`));
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() + 1);
  const end = fromTime(lastMonth.getTime());
  const months: Month[] = [];
  const cursor = new Date(toTime(start));
  while (cursor.getTime() < lastMonth.getTime()) {
    const key = fromTime(cursor.getTime()).slice(0, 7);
    const next = new Date(cursor);
    next.setUTCMonth(next.getUTCMonth() + 1);
    months.push({
      key,
      offset: daysBetween(start, `${key}-01`),
      days: Math.round((next.getTime() - cursor.getTime()) / DAY),
    });
    cursor.setTime(next.getTime());
  }
  return { start, end, totalDays: daysBetween(start, end), months };
}

/** Left edge and width of a bar in percent of the timeline. */
export function barPosition(
  range: TimelineRange,
  from: string | null,
  to: string | null,
): { left: number; width: number } | null {
  const a = from ?? to;
  const b = to ?? from;
  if (!a || !b) return null;
  const left = (daysBetween(range.start, a) / range.totalDays) * 100;
  const width = ((daysBetween(a, b) + 1) / range.totalDays) * 100;
  return { left: Math.max(0, left), width: Math.max(width, 0.6) };
}

/** Dependencies a plan does not respect: the task starts before an unfinished task it waits for is due. */
export function brokenDependencies(task: Task, byId: Map<string, Task>): Task[] {
  if (!task.startDate) return [];
  return task.dependsOn
    .map((id) => byId.get(id))
    .filter(
      (dep): dep is Task =>
        !!dep &&
        dep.status !== 'done' &&
        dep.status !== 'cancelled' &&
        !!dep.dueDate &&
        dep.dueDate >= (task.startDate ?? ''),
    );
}
