import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './job-queue.js';

describe('backoffMs', () => {
  it('waits 10 s after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('never waits more than an hour, however many attempts failed', () => {
    expect(backoffMs(9)).toBe(2_560_000);
    expect(backoffMs(10)).toBe(3_600_000);
    expect(backoffMs(1_000)).toBe(3_600_000);
  });

  it('treats a job that never ran (attempt 0) like a first failure', () => {
    expect(backoffMs(0)).toBe(10_000);
  });

  it('grows with the attempt number and stays between 10 s and an hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (attempt) => {
        const wait = backoffMs(attempt);
        expect(wait).toBeGreaterThanOrEqual(10_000);
        expect(wait).toBeLessThanOrEqual(3_600_000);
        expect(backoffMs(attempt + 1)).toBeGreaterThanOrEqual(wait);
      }),
    );
  });
});
