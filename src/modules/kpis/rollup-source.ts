// The KPI rollup's read side: answers figures and series from the daily cells (./rollup.ts), so
// a dashboard's cost grows with the days it shows, not with the number of tickets. It brings the
// cells up to date first (a refresh of the days written since), so the figures are exact and the
// same as the direct computation's (a property test checks it). Figure measures (audits,
// training) and the records behind a number come from the direct source.
import type { Executor } from '../../db/executor.js';
import { type Dimension, endOf, type Period } from './kpis.js';
import { MEASURES, type Measure, type MeasureId } from './measures.js';
import { ANY, BACKLOG_CELLS, type Rollup, type Variant } from './rollup.js';
import { CELL_COLUMN, type CellRow, rollupRepository as repo } from './rollup.repository.js';
import type { Cell, Filter, MeasureSource } from './source.js';
import { binsFromJson, emptySummary, mergeInto, type Summary } from './summary.js';

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

const summaryOf = (row: CellRow): Summary => ({
  n: row.n,
  hits: row.hits,
  total: row.total,
  sent: row.sent,
  answered: row.answered,
  bins: binsFromJson(row.bins),
});

/** The index of the bucket holding each day, for days in order. */
function bucketFinder(buckets: Period[]) {
  let i = 0;
  return (day: string): number => {
    while (i < buckets.length && day > (buckets[i] as Period).to) i++;
    return i < buckets.length && day >= (buckets[i] as Period).from ? i : -1;
  };
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
    const rows = await repo.cells(trx, {
      measure: id,
      variant: variantFor(filter, by),
      fromDay: (buckets[0] as Period).from,
      toDay: (buckets[buckets.length - 1] as Period).to,
      equal: equalities(filter),
    });
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
    const bucketOf = bucketFinder(buckets);
    for (const row of rows) {
      const i = bucketOf(row.day);
      if (i >= 0) mergeInto(summaries(groupOf(row, by))[i] as Summary, summaryOf(row));
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
    const rows = await repo.cells(trx, {
      measure: BACKLOG_CELLS,
      variant: variantFor(filter, by),
      toDay: (buckets[buckets.length - 1] as Period).to,
      equal: equalities(filter),
    });
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
  };
}
