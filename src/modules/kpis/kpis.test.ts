import { describe, expect, it } from 'vitest';
import {
  bucketsOf,
  changeAgainst,
  changeSentence,
  median,
  percentile,
  periodLabel,
  statusOf,
  targetValue,
} from './kpis.js';

describe('KPI rules', () => {
  it('cuts a range into ISO weeks, months and quarters clipped to the range', () => {
    expect(bucketsOf({ from: '2026-12-30', to: '2027-01-12' }, 'week')).toEqual([
      { from: '2026-12-30', to: '2027-01-03', label: '2026-W53' },
      { from: '2027-01-04', to: '2027-01-10', label: '2027-W01' },
      { from: '2027-01-11', to: '2027-01-12', label: '2027-W02' },
    ]);
    expect(
      bucketsOf({ from: '2026-02-15', to: '2026-04-02' }, 'month').map((b) => b.label),
    ).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(bucketsOf({ from: '2026-01-01', to: '2026-12-31' }, 'quarter')).toMatchObject([
      { label: '2026-Q1', to: '2026-03-31' },
      { label: '2026-Q2' },
      { label: '2026-Q3' },
      { label: '2026-Q4', from: '2026-10-01' },
    ]);
    expect(() => bucketsOf({ from: '2020-01-01', to: '2026-01-01' }, 'day')).toThrow(/coarser/);
  });

  it('computes median and nearest-rank p90', () => {
    expect(median([2, 3, 4, 16])).toBe(3.5);
    expect(median([1, 2, 9])).toBe(2);
    expect(percentile([2, 3, 4, 16], 90)).toBe(16);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(9);
    expect(median([])).toBeNull();
  });

  it('judges a value on track, at risk or off track against an absolute or relative target', () => {
    // 95 % target, 5 % margin: at risk down to 90.25 %.
    expect(statusOf(95, 95, 'higher-is-better', 5)).toBe('on-track');
    expect(statusOf(90.3, 95, 'higher-is-better', 5)).toBe('at-risk');
    expect(statusOf(90.2, 95, 'higher-is-better', 5)).toBe('off-track');
    // 20 % lower than a 10 h baseline: target 8 h; 10 % margin: at risk up to 8.8 h.
    const target = targetValue({ kind: 'relative', change: -20 }, 10);
    expect(target).toBe(8);
    expect(statusOf(8.8, target, 'lower-is-better', 10)).toBe('at-risk');
    expect(statusOf(8.9, target, 'lower-is-better', 10)).toBe('off-track');
    expect(statusOf(1, 0, 'lower-is-better', 0)).toBe('off-track');
    expect(statusOf(null, 8, 'lower-is-better', 10)).toBe('unknown');
    expect(targetValue({ kind: 'relative', change: 15 }, null)).toBeNull();
  });

  it('words the change against the baseline', () => {
    const change = changeAgainst(7.86, 10);
    expect(changeSentence(change, periodLabel({ from: '2026-01-01', to: '2026-03-31' }))).toBe(
      '\u221221.4% vs baseline Q1 2026',
    );
    expect(changeSentence(changeAgainst(11.5, 10))).toBe('+15.0% vs baseline');
    expect(changeAgainst(5, 0)).toBeNull();
    expect(periodLabel({ from: '2026-01-05', to: '2026-02-01' })).toBe('2026-01-05 – 2026-02-01');
  });
});
