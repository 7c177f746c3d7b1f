// Holidays to and from iCalendar (RFC 5545). Only whole-day events matter: each date an event
// covers becomes a holiday. Pure.
import { formatDate, parseDate } from './calendar.js';

/** Unfolds continuation lines (a line starting with a space or tab continues the previous one). */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

function dateOf(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

export interface IcsImport {
  holidays: string[];
  /** Events that were skipped, with why, so the user can see what was not taken. */
  skipped: string[];
}

export function holidaysFromIcs(text: string): IcsImport {
  const lines = unfold(text);
  if (!lines.some((l) => l.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    throw new Error('the file is not an iCalendar file (no BEGIN:VCALENDAR)');
  }
  const dates = new Set<string>();
  const skipped: string[] = [];
  let event: Record<string, string> | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const upper = line.toUpperCase();
    if (upper === 'BEGIN:VEVENT') event = {};
    else if (upper === 'END:VEVENT' && event) {
      const summary = event.SUMMARY ?? '(no title)';
      const start = event.DTSTART ? dateOf(event.DTSTART) : null;
      if (start === null) skipped.push(`${summary}: no start date`);
      else if (event.DTSTART?.includes('T')) skipped.push(`${summary}: not a whole-day event`);
      else {
        // DTEND of an all-day event is exclusive; without it the event lasts one day.
        const end = event.DTEND ? dateOf(event.DTEND) : null;
        const last = end !== null && end > start ? end - 1 : start;
        if (last - start > 366) skipped.push(`${summary}: longer than a year`);
        else for (let d = start; d <= last; d++) dates.add(formatDate(d));
        if (event.RRULE)
          skipped.push(
            `${summary}: repeats (RRULE), but only ${formatDate(start)} was taken; add the other years' dates`,
          );
      }
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      if (colon > 0) {
        const name = (line.slice(0, colon).split(';')[0] ?? '').toUpperCase();
        event[name] = line.slice(colon + 1);
      }
    }
  }
  return { holidays: [...dates].sort(), skipped };
}

const compact = (date: string) => date.replaceAll('-', '');

export function holidaysToIcs(calendarName: string, holidays: string[], stamp: Date): string {
  const dtstamp = `${stamp.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Meridian//Business calendars//EN',
    `X-WR-CALNAME:${calendarName} holidays`,
  ];
  for (const date of [...holidays].sort()) {
    const next = formatDate((parseDate(date) as number) + 1);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${compact(date)}-${calendarName.replace(/[^A-Za-z0-9]/g, '')}@meridian`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compact(date)}`,
      `DTEND;VALUE=DATE:${compact(next)}`,
      'SUMMARY:Holiday',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
