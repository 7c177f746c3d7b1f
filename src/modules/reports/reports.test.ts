import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { monthLabel, monthPeriod, previousMonth, reportFileName, scopeOf } from './reports.js';
import { formatFigure } from './service-report-pdf.js';

describe('service report rules', () => {
  it('turns a month into its whole days, leap years included', () => {
    expect(monthPeriod('2026-04')).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    for (const bad of ['2026-13', '2026-4', 'April', '2026-00', ''])
      expect(() => monthPeriod(bad)).toThrow(DomainError);
  });

  it('reports the month before the current one, across a new year', () => {
    expect(previousMonth(new Date('2026-05-01T00:00:00.000Z'))).toBe('2026-04');
    expect(previousMonth(new Date('2027-01-15T12:00:00.000Z'))).toBe('2026-12');
    expect(monthLabel('2026-04')).toBe('April 2026');
  });

  it('needs exactly one of a service and an organisation', () => {
    expect(scopeOf({ serviceId: 's' })).toEqual({ kind: 'service', id: 's' });
    expect(scopeOf({ organisationId: 'o' })).toEqual({ kind: 'organisation', id: 'o' });
    expect(() => scopeOf({})).toThrow('/serviceId');
    expect(() => scopeOf({ serviceId: 's', organisationId: 'o' })).toThrow('/organisationId');
  });

  it('names files and prints figures as the KPI API rounds them', () => {
    expect(reportFileName('2026-04', 'Point of sale (boutiques)')).toBe(
      'service-report-2026-04-point-of-sale-boutiques.pdf',
    );
    expect(formatFigure(92.5, 'percent')).toBe('92.5%');
    expect(formatFigure(3, 'hours')).toBe('3.0 h');
    expect(formatFigure(80, 'index')).toBe('80.0');
    expect(formatFigure(null, 'percent')).toBe('no data');
  });
});
