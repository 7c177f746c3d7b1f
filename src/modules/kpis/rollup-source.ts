// The KPI rollup's read side: answers figures and series from the daily cells (./rollup.ts), so
// a dashboard's cost grows with the days it shows, not with the number of tickets. It brings the
// cells up to date first (a refresh of the days written since), so the figures are exact and the
// same as the direct computation's (a property test checks it). Figure measures (audits,
// training) and the records behind a number come from the direct source.
import type { Executor } from '../../db/executor.js';
import { type Dimension, dayNumber, dayString, endOf, type Period } from './kpis.js';
import { MEASURES, type Measure, type MeasureId } from './measures.js';
import { ANY, BACKLOG_CELLS, monthOf, type Rollup, summaryOfRow, type Variant } from './rollup.js';
import {
  CELL_COLUMN,
  type CellRow,
  rollupRepository as repo,
  type Span,
} from './rollup.repository.js';
import type { Cell, Filter, MeasureSource } from './source.js';
import { emptySummary, mergeInto, type Summary } from './summary.js';

/** The cells that answer a query: those rolled up over every dimension it does not name. */
function variantFor(filter: Filter, by: Dimension | null): Variant {
  const named = new Set<Dimension>(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([d]) => d as Dimension),
  );
  if (by) named.add(by);
  if (named.size === 0) return 'all';
  if (named.size === 1) return [...named][0] as Dimension;
  return 'full';
}

const equalities = (filter: Filter) =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Filter;

/** The breakdown value of a cell: null for "none" (and for no breakdown). */
function groupOf(row: CellRow, by: Dimension | null): string | null {
  if (!by) return null;
  const value = row[CELL_COLUMN[by]];
  return value === '' || value === ANY ? null : value;
}

/** A stretch of days read from day cells, or a whole month read from its month cell. */
interface Segment {
  span: Span;
  from: string;
  to: string;
  bucket: number;
}

/**
 * How to read buckets with as few cells as possible: the calendar months wholly inside a bucket
 * from month cells, the days around them from day cells. A year by month is twelve month cells
 * per breakdown value; weeks never hold a whole month, so they are read by day.
 */
function segmentsOf(buckets: Period[]): Segment[] {
  const segments: Segment[] = [];
  buckets.forEach((b, bucket) => {
    let cursor = dayNumber(b.from) as number;
    const last = dayNumber(b.to) as number;
    let daysFrom = cursor;
    while (cursor <= last) {
      const day = dayString(cursor);
      const monthEnd = (dayNumber(nextMonth(day)) as number) - 1;
      if (day.endsWith('-01') && monthEnd <= last) {
        if (daysFrom < cursor)
          segments.push({
            span: 'day',
            from: dayString(daysFrom),
            to: dayString(cursor - 1),
            bucket,
          });
        segments.push({ span: 'month', from: day, to: day, bucket });
        cursor = monthEnd + 1;
        daysFrom = cursor;
      } else cursor++;
    }
    if (daysFrom <= last)
      segments.push({ span: 'day', from: dayString(daysFrom), to: b.to, bucket });
  });
  return segments;
}

const nextMonth = (day: string) => {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
};

/** Neighbouring segments of one span merged into one range to read. */
function rangesOf(segments: Segment[], span: Span): { from: string; to: string }[] {
  const ranges: { from: string; to: string }[] = [];
  for (const s of segments.filter((x) => x.span === span)) {
    const last = ranges[ranges.length - 1];
    if (
      last &&
      (dayNumber(last.to) as number) + (span === 'day' ? 1 : 0) >=
        (dayNumber(s.from) as number) - (span === 'month' ? 31 : 0)
    )
      last.to = s.to;
    else ranges.push({ from: s.from, to: s.to });
  }
  return ranges;
}

export function rollupSource(deps: { direct: MeasureSource; rollup: Rollup }): MeasureSource {
  const { direct, rollup } = deps;

  async function eventCells(
    trx: Executor,
    id: MeasureId,
    histogram: boolean,
    figureOf: (s: Summary) => Cell['figure'],
    buckets: Period[],
    by: Dimension | null,
    filter: Filter,
  ): Promise<Cell[]> {
    const segments = segmentsOf(buckets);
    const bucketOf = new Map<string, number>();
    for (const segment of segments)
      if (segment.span === 'month') bucketOf.set(`m${segment.from}`, segment.bucket);
      else
        for (let d = dayNumber(segment.from) as number; d <= (dayNumber(segment.to) as number); d++)
          bucketOf.set(dayString(d), segment.bucket);
    const rows: CellRow[] = [];
    for (const span of ['day', 'month'] as const)
      for (const range of rangesOf(segments, span))
        rows.push(
          ...(await repo.cells(trx, {
            measure: id,
            variant: variantFor(filter, by),
            span,
            fromDay: range.from,
            toDay: range.to,
            equal: equalities(filter),
          })),
        );
    const groups = new Map<string | null, Summary[]>();
    const summaries = (group: string | null) => {
      let list = groups.get(group);
      if (!list) {
        list = buckets.map(() => emptySummary(histogram));
        groups.set(group, list);
      }
      return list;
    };
    if (!by) summaries(null);
    for (const row of rows) {
      const i = bucketOf.get(row.span === 'month' ? `m${row.day}` : row.day);
      if (i !== undefined) mergeInto(summaries(groupOf(row, by))[i] as Summary, summaryOfRow(row));
    }
    const cells: Cell[] = [];
    for (const [group, list] of groups)
      list.forEach((summary, bucket) => {
        cells.push({ bucket, group, figure: figureOf(summary) });
      });
    return cells;
  }

  /**
   * Snapshot measures: what is open at each bucket's end is the sum of the days' opened-minus-done
   * up to that end, from the first day on record.
   */
  async function snapshotCells(
    trx: Executor,
    figureOf: (open: Summary, end: string) => Cell['figure'],
    buckets: Period[],
    by: Dimension | null,
    filter: Filter,
  ): Promise<Cell[]> {
    const first = (buckets[0] as Period).from;
    const query = {
      measure: BACKLOG_CELLS,
      variant: variantFor(filter, by),
      equal: equalities(filter),
    };
    // The months before the range from month cells, then its own month onwards day by day.
    const rows = [
      ...(await repo.cells(trx, {
        ...query,
        span: 'month',
        toDay: dayString((dayNumber(monthOf(first)) as number) - 1),
      })),
      ...(await repo.cells(trx, {
        ...query,
        span: 'day',
        fromDay: monthOf(first),
        toDay: (buckets[buckets.length - 1] as Period).to,
      })),
    ];
    // Running totals per breakdown value; a value appears when something of it was open during
    // the range (open at its start, or opened or done within it), as in the direct computation.
    const running = new Map<string | null, Summary>();
    const present = new Set<string | null>(by ? [] : [null]);
    const ends = new Map<string | null, Summary[]>();
    let bucket = 0;
    let startSeen = false;
    const noteOpenAtStart = () => {
      startSeen = true;
      for (const [group, total] of running) if (total.n !== 0) present.add(group);
    };
    const closeBucketsBefore = (day: string | null) => {
      while (bucket < buckets.length && (day === null || day > (buckets[bucket] as Period).to)) {
        for (const [group, total] of running) {
          const list = ends.get(group) ?? [];
          list[bucket] = { ...total };
          ends.set(group, list);
        }
        bucket++;
      }
    };
    for (const row of rows) {
      if (!startSeen && row.day >= first) noteOpenAtStart();
      closeBucketsBefore(row.day);
      const group = groupOf(row, by);
      if (row.day >= first) present.add(group);
      const total = running.get(group) ?? emptySummary(false);
      total.n += row.n;
      total.total += row.total;
      running.set(group, total);
    }
    if (!startSeen) noteOpenAtStart();
    closeBucketsBefore(null);
    const cells: Cell[] = [];
    for (const group of present) {
      const list = ends.get(group) ?? [];
      buckets.forEach((b, i) => {
        cells.push({
          bucket: i,
          group,
          figure: figureOf(list[i] ?? emptySummary(false), endOf(b.to)),
        });
      });
    }
    return cells;
  }

  async function cells(
    trx: Executor,
    id: MeasureId,
    buckets: Period[],
    by: Dimension | null,
    filter: Filter,
  ): Promise<Cell[]> {
    const measure: Measure = MEASURES[id];
    if (measure.kind === 'figure') return direct.series(trx, id, buckets, by, filter);
    await rollup.refresh(trx);
    const result =
      measure.kind === 'events'
        ? await eventCells(
            trx,
            id,
            measure.histogram,
            (s) => measure.figure(s),
            buckets,
            by,
            filter,
          )
        : await snapshotCells(trx, measure.figure, buckets, by, filter);
    return result.sort((a, b) => a.bucket - b.bucket);
  }

  return {
    series: cells,
    async figure(trx, id, period, filter) {
      const [cell] = await cells(trx, id, [period], null, filter);
      return (cell as Cell).figure;
    },
    records: (trx, id, period, filter) => direct.records(trx, id, period, filter),
    recordsPage: (trx, id, period, filter, after, limit) =>
      direct.recordsPage(trx, id, period, filter, after, limit),
  };
}
