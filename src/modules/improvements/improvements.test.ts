import { describe, expect, it } from 'vitest';
import { isOverdue, priorityOf } from './improvements.js';

describe('improvement priority', () => {
  it('is (benefit + impact) × (6 − effort), banded P1 ≥ 30, P2 ≥ 20, P3 ≥ 10, else P4', () => {
    expect(priorityOf({ benefit: 5, impact: 5, effort: 1 })).toEqual({ score: 50, band: 'P1' });
    expect(priorityOf({ benefit: 3, impact: 3, effort: 1 })).toEqual({ score: 30, band: 'P1' });
    expect(priorityOf({ benefit: 4, impact: 3, effort: 2 })).toEqual({ score: 28, band: 'P2' });
    expect(priorityOf({ benefit: 4, impact: 1, effort: 2 })).toEqual({ score: 20, band: 'P2' });
    expect(priorityOf({ benefit: 3, impact: 2, effort: 3 })).toEqual({ score: 15, band: 'P3' });
    expect(priorityOf({ benefit: 3, impact: 2, effort: 4 })).toEqual({ score: 10, band: 'P3' });
    expect(priorityOf({ benefit: 2, impact: 2, effort: 4 })).toEqual({ score: 8, band: 'P4' });
    expect(priorityOf({ benefit: 1, impact: 1, effort: 5 })).toEqual({ score: 2, band: 'P4' });
  });

  it('has no priority until all three criteria are scored', () => {
    expect(priorityOf({ benefit: 5, impact: null, effort: 1 })).toBeNull();
  });

  it('is overdue only while open and after its target day', () => {
    expect(isOverdue({ status: 'approved', targetDate: '2030-01-01' }, '2030-01-01')).toBe(false);
    expect(isOverdue({ status: 'approved', targetDate: '2030-01-01' }, '2030-01-02')).toBe(true);
    expect(isOverdue({ status: 'implemented', targetDate: '2030-01-01' }, '2030-01-02')).toBe(
      false,
    );
  });
});
