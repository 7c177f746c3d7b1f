import { describe, expect, it } from 'vitest';
import { holidaysFromIcs, holidaysToIcs } from './ical.js';

const FRENCH = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20261225',
  'DTEND;VALUE=DATE:20261226',
  'SUMMARY:Noël',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260501',
  'SUMMARY:Fête du',
  '  Travail',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260814',
  'DTEND;VALUE=DATE:20260817',
  'SUMMARY:Pont',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'SUMMARY:Broken',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART:20261224T120000Z',
  'SUMMARY:Office party',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20260714',
  'RRULE:FREQ=YEARLY',
  'SUMMARY:Fête nationale',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('iCalendar holidays', () => {
  it('imports whole-day events, multi-day spans and folded lines, and lists what it skipped', () => {
    expect(holidaysFromIcs(FRENCH)).toEqual({
      holidays: [
        '2026-05-01',
        '2026-07-14',
        '2026-08-14',
        '2026-08-15',
        '2026-08-16',
        '2026-12-25',
      ],
      skipped: [
        'Broken: no start date',
        'Office party: not a whole-day event',
        "Fête nationale: repeats (RRULE), but only 2026-07-14 was taken; add the other years' dates",
      ],
    });
  });

  it('refuses a file that is not iCalendar', () => {
    expect(() => holidaysFromIcs('hello')).toThrow(/not an iCalendar file/);
  });

  it('exports holidays that import back unchanged', () => {
    const ics = holidaysToIcs(
      'Paris',
      ['2026-12-25', '2026-05-01'],
      new Date('2026-11-26T10:00:00Z'),
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261226');
    expect(holidaysFromIcs(ics).holidays).toEqual(['2026-05-01', '2026-12-25']);
  });
});
