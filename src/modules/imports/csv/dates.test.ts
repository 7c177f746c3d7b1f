import { describe, expect, it } from 'vitest';
import { checkDateFormat, parseDate } from './dates.js';

const iso = (value: string | number | Date, format: string, zone = 'UTC') => {
  const r = parseDate(value, format, zone);
  return r.ok ? r.iso : `error: ${r.reason}`;
};

describe('reading dates the way other tools write them', () => {
  it('reads a day-first pattern as wall-clock time in the file’s zone, summer and winter', () => {
    expect(iso('31/03/2026 14:05', 'dd/MM/yyyy HH:mm', 'Europe/Paris')).toBe(
      '2026-03-31T12:05:00.000Z',
    );
    expect(iso('15/01/2026 09:00', 'dd/MM/yyyy HH:mm', 'Europe/Paris')).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(iso('3/7/2016 9:05', 'd/M/yyyy H:mm')).toBe('2016-07-03T09:05:00.000Z');
    expect(iso('2026-02-01', 'yyyy-MM-dd')).toBe('2026-02-01T00:00:00.000Z');
  });

  it('refuses dates that do not exist or do not match, saying which', () => {
    expect(iso('31/02/2026 10:00', 'dd/MM/yyyy HH:mm')).toMatch(/not a valid date/);
    expect(iso('2026-03-31', 'dd/MM/yyyy')).toMatch(/does not match the date format dd\/MM\/yyyy/);
    expect(iso('yesterday', 'iso')).toMatch(/not an ISO 8601 date/);
    expect(iso('01/01/2026', 'dd/MM/yyyy', 'Mars/Olympus')).toMatch(/not a time zone/);
  });

  it('reads ISO 8601 with or without an offset', () => {
    expect(iso('2026-03-31T14:05', 'iso', 'Europe/Paris')).toBe('2026-03-31T12:05:00.000Z');
    expect(iso('2026-03-31T14:05:00Z', 'iso', 'Europe/Paris')).toBe('2026-03-31T14:05:00.000Z');
    expect(iso('2026-03-31 14:05:00+02:00', 'iso')).toBe('2026-03-31T12:05:00.000Z');
  });

  it('reads spreadsheet serial numbers and spreadsheet date cells', () => {
    expect(iso('46112.5', 'excel-serial')).toBe('2026-03-31T12:00:00.000Z');
    expect(iso(46112.5, 'dd/MM/yyyy', 'Europe/Paris')).toBe('2026-03-31T10:00:00.000Z');
    expect(iso(new Date(Date.UTC(2026, 0, 15, 9)), 'iso', 'Europe/Paris')).toBe(
      '2026-01-15T08:00:00.000Z',
    );
    expect(iso('abc', 'excel-serial')).toMatch(/not a spreadsheet date number/);
  });

  it('explains a bad pattern', () => {
    expect(() => checkDateFormat('dd/MM/yyyy hh:mm a')).toThrow(/"h" is not a date pattern letter/);
    expect(() => checkDateFormat('dd/MM')).toThrow(/no year/);
    expect(() => checkDateFormat('excel-serial')).not.toThrow();
  });
});
