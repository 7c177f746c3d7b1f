import { describe, expect, it } from 'vitest';
import { availabilityOf, unionWithin } from './availability.js';
import type { OutageFact } from './availability.repository.js';

const outage = (
  start: string,
  end: string | null,
  resolvedAt: string | null = null,
): OutageFact => ({
  ticketId: start,
  number: 'INC1',
  title: 'Outage',
  serviceId: 's',
  outageStart: start,
  outageEnd: end,
  resolvedAt,
});

describe('availability', () => {
  it('merges overlapping and touching windows and clips them to the period', () => {
    expect(
      unionWithin(
        [
          { start: 50, end: 120 },
          { start: 0, end: 20 },
          { start: 10, end: 30 },
          { start: 30, end: 40 },
          { start: 190, end: 300 },
        ],
        5,
        200,
      ),
    ).toEqual([
      { start: 5, end: 40 },
      { start: 50, end: 120 },
      { start: 190, end: 200 },
    ]);
  });

  it('ends an open outage at the resolution, or at the period end while the incident is open', () => {
    const day = availabilityOf(
      [
        outage('2026-04-01T10:00:00.000Z', null, '2026-04-01T11:00:00.000Z'),
        outage('2026-04-01T18:00:00.000Z', null),
      ],
      '2026-04-01T00:00:00.000Z',
      '2026-04-02T00:00:00.000Z',
    );
    expect(day.outageMinutes).toBe(60 + 360);
    expect(day.outages).toBe(2);
    expect(day.availability).toBeCloseTo(((1440 - 420) / 1440) * 100, 10);
  });

  it('counts a service without outage as fully available', () => {
    const a = availabilityOf([], '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z');
    expect(a).toEqual({ availability: 100, outageMinutes: 0, periodMinutes: 43_200, outages: 0 });
  });
});
