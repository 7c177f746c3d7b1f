// Answers ad-hoc due/elapsed questions given as JSON objects: used by the API and by the
// streaming command line (`meridian sla due|elapsed`). Pure.
import { type BusinessCalendar, parseInstant } from './calendar.js';

/** UTC with a Z, without milliseconds when there are none: 2026-03-30T16:00:00Z. */
export function formatInstant(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

export type Answer = { due: string } | { minutes: number } | { error: string };

function instant(value: unknown, field: string): number {
  const ms = parseInstant(value);
  if (ms === null)
    throw new Error(
      `"${field}" must be an ISO-8601 instant with a zone, e.g. 2026-03-27T16:00:00Z`,
    );
  return ms;
}

export function answerDue(calendar: BusinessCalendar, question: unknown): Answer {
  try {
    const q = question as { start?: unknown; minutes?: unknown };
    if (typeof q !== 'object' || q === null)
      throw new Error('expected an object {"start": ISO, "minutes": N}');
    const start = instant(q.start, 'start');
    if (typeof q.minutes !== 'number' || !Number.isFinite(q.minutes) || q.minutes < 0) {
      throw new Error('"minutes" must be a number of business minutes, 0 or more');
    }
    return { due: formatInstant(calendar.due(start, q.minutes)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function answerElapsed(calendar: BusinessCalendar, question: unknown): Answer {
  try {
    const q = question as { from?: unknown; to?: unknown };
    if (typeof q !== 'object' || q === null)
      throw new Error('expected an object {"from": ISO, "to": ISO}');
    const from = instant(q.from, 'from');
    const to = instant(q.to, 'to');
    if (to < from) throw new Error('"to" comes before "from"');
    return { minutes: calendar.elapsed(from, to) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
