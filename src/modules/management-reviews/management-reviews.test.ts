import { describe, expect, it } from 'vitest';
import { inputPeriods, isActionOverdue } from './management-reviews.js';
import { centre, change } from './review-inputs.js';

describe('management review inputs', () => {
  it('cover the days since the previous review, compared with as many days before', () => {
    expect(inputPeriods('2035-03-31', '2034-12-20')).toEqual({
      current: { from: '2034-12-21', to: '2035-03-31' },
      previous: { from: '2034-09-11', to: '2034-12-20' },
    });
  });

  it('cover the last 90 days for the first review', () => {
    expect(inputPeriods('2035-03-31', null)).toEqual({
      current: { from: '2035-01-01', to: '2035-03-31' },
      previous: { from: '2034-10-03', to: '2034-12-31' },
    });
  });

  it('take the median (mean of the two middle values for an even count) and the mean', () => {
    expect(centre([9, 1, 4, 2])).toEqual({ median: 3, mean: 4 });
    expect(centre([5, 1, 3])).toEqual({ median: 3, mean: 3 });
    expect(centre([])).toEqual({ median: null, mean: null });
    expect(change(3, 6)).toBe(-50);
    expect(change(80, 60)).toBe(33.3);
    expect(change(3, null)).toBeNull();
  });

  it('flag an action overdue only while open after its due day', () => {
    expect(isActionOverdue({ status: 'open', dueDate: '2035-01-01' }, '2035-01-01')).toBe(false);
    expect(isActionOverdue({ status: 'open', dueDate: '2035-01-01' }, '2035-01-02')).toBe(true);
    expect(isActionOverdue({ status: 'done', dueDate: '2035-01-01' }, '2035-01-02')).toBe(false);
  });
});
