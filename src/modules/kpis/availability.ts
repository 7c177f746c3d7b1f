// Availability per service (clause 8.7.1): the share of a period a service was up, from the
// outage windows recorded on the reviews of its major incidents (docs/kpis.md, "Availability").
//
// - An outage is the review's `outage_start`–`outage_end`. Without an end, it ends when the
//   incident was resolved (closed, if it skipped resolution) or, while the incident is still open,
//   at the end of the period asked for: an outage nobody has closed is still going on.
// - Availability = (period minutes − minutes of the union of the outages clipped to the period)
//   / period minutes × 100: two overlapping major incidents take the service down once.
// - Filtered by a service: that service's availability, its own target in `details.target`.
//   Unfiltered: the mean availability of the live services that have a target (a service without
//   a target has agreed no availability, so it is not averaged in).
import type { Executor } from '../../db/executor.js';
import { type OutageFact, availabilityRepository as repo } from './availability.repository.js';
import { endOf, mean, type Period, startOf } from './kpis.js';
import type { Figure } from './measures.js';

const MINUTE = 60_000;

export interface Interval {
  start: number;
  end: number;
}

/** The intervals clipped to [from, to), merged where they overlap or touch, in order. */
export function unionWithin(intervals: Interval[], from: number, to: number): Interval[] {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of clipped) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** The window an outage covers, with an open end resolved as the header says. */
export function outageWindow(outage: OutageFact, periodEnd: number): Interval {
  const start = Date.parse(outage.outageStart);
  const end = outage.outageEnd ?? outage.resolvedAt;
  return { start, end: end === null ? periodEnd : Date.parse(end) };
}

export interface ServiceAvailability {
  /** Percent, unrounded. */
  availability: number;
  outageMinutes: number;
  periodMinutes: number;
  /** Outages that took some of the period. */
  outages: number;
}

export function availabilityOf(outages: OutageFact[], start: string, end: string) {
  const from = Date.parse(start);
  const to = Date.parse(end);
  const windows = outages.map((o) => outageWindow(o, to));
  const union = unionWithin(windows, from, to);
  const down = union.reduce((sum, i) => sum + (i.end - i.start), 0);
  return {
    availability: ((to - from - down) / (to - from)) * 100,
    outageMinutes: down / MINUTE,
    periodMinutes: (to - from) / MINUTE,
    outages: windows.filter((w) => Math.min(w.end, to) > Math.max(w.start, from)).length,
  } satisfies ServiceAvailability;
}

/** The figure of the `availability` measure over one period (see the header). */
export async function availabilityFigure(
  trx: Executor,
  period: Period,
  filter: { service?: string },
): Promise<Figure> {
  const start = startOf(period.from);
  const end = endOf(period.to);
  if (filter.service !== undefined) {
    const service = await repo.service(trx, filter.service);
    if (!service) return { value: null, count: 0 };
    const a = availabilityOf(await repo.outages(trx, [service.id], start, end), start, end);
    return {
      value: a.availability,
      count: a.outages,
      details: {
        target: service.target,
        outageMinutes: a.outageMinutes,
        periodMinutes: a.periodMinutes,
      },
    };
  }
  const services = await repo.liveServicesWithTarget(trx);
  const outages = await repo.outages(
    trx,
    services.map((s) => s.id),
    start,
    end,
  );
  const each = services.map((s) =>
    availabilityOf(
      outages.filter((o) => o.serviceId === s.id),
      start,
      end,
    ),
  );
  return {
    value: mean(each.map((a) => a.availability)),
    count: each.reduce((sum, a) => sum + a.outages, 0),
    details: {
      services: services.length,
      outageMinutes: each.reduce((sum, a) => sum + a.outageMinutes, 0),
      periodMinutes: (Date.parse(end) - Date.parse(start)) / MINUTE,
    },
  };
}
