// How the engine reads measures: `MeasureSource` answers a figure over a period, a series of
// buckets (optionally broken down by a dimension) and the records behind a figure.
// `directSource` computes them from the records on every call; `rollupSource`
// (./rollup-source.ts) reads the daily cells the rollup keeps, and falls back to this one for
// what it does not keep (figure measures, the records behind a number).
import type { Executor } from '../../db/executor.js';
import { type Dimension, endOf, type Period, startOf } from './kpis.js';
import {
  epochHours,
  type Figure,
  MEASURES,
  type Measure,
  type MeasureId,
  type MeasureModules,
  type RecordRef,
  type Spell,
} from './measures.js';
import { emptySummary, type Summary, summarize } from './summary.js';

export type Filter = Partial<Record<Dimension, string>>;

const matches = (dims: Record<Dimension, string | null>, filter: Filter) =>
  Object.entries(filter).every(([d, v]) => v === undefined || dims[d as Dimension] === v);

/** The cell of a series: a period (and a breakdown value), its figure. */
export interface Cell {
  bucket: number;
  group: string | null;
  figure: Figure;
}

/** How the engine reads measures, whichever source answers. */
export interface MeasureSource {
  figure(trx: Executor, id: MeasureId, period: Period, filter: Filter): Promise<Figure>;
  /** One cell per bucket (and per breakdown value when `by` is given), buckets in order. */
  series(
    trx: Executor,
    id: MeasureId,
    buckets: Period[],
    by: Dimension | null,
    filter: Filter,
  ): Promise<Cell[]>;
  records(trx: Executor, id: MeasureId, period: Period, filter: Filter): Promise<KpiRecordRow[]>;
  /**
   * Up to `limit` of `records`, in (at, id) order, after `after` when given: what one page of the
   * records screen shows, without computing the whole period's records first.
   */
  recordsPage(
    trx: Executor,
    id: MeasureId,
    period: Period,
    filter: Filter,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<KpiRecordRow[]>;
}

/** A record behind a figure: what it is, the instant that dates it and its own value. */
export type KpiRecordRow = RecordRef & { at: string; value: number | null };

const byInstant = (a: KpiRecordRow, b: KpiRecordRow) =>
  a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

// The windows a page of records is read in (see recordsPage): an hour first; twice as long after
// an empty one; after one with records, as long as the rest of the page should take at the
// density just seen; never more than a week (a busy desk's week is tens of thousands of records).
const HOUR_MS = 60 * 60 * 1000;
const LONGEST_WINDOW_MS = 7 * 24 * HOUR_MS;

function nextWindow(span: number, found: number, missing: number): number {
  if (found === 0) return Math.min(span * 2, LONGEST_WINDOW_MS);
  return Math.min(LONGEST_WINDOW_MS, Math.max(HOUR_MS, Math.ceil((span * missing * 1.25) / found)));
}

/** What the snapshot measures need of the records open at an instant (see SnapshotMeasure). */
function summarizeOpen(open: Spell[]): Summary {
  const summary = emptySummary(false);
  for (const spell of open) {
    summary.n += 1;
    summary.total += epochHours(spell.from);
  }
  return summary;
}

export function directSource(modules: MeasureModules): MeasureSource {
  async function cells(
    trx: Executor,
    id: MeasureId,
    buckets: Period[],
    by: Dimension | null,
    filter: Filter,
  ): Promise<Cell[]> {
    const measure: Measure = MEASURES[id];
    const first = buckets[0] as Period;
    const last = buckets[buckets.length - 1] as Period;
    const start = startOf(first.from);
    const end = endOf(last.to);
    const result: Cell[] = [];
    if (measure.kind === 'figure') {
      for (let i = 0; i < buckets.length; i++)
        result.push({
          bucket: i,
          group: null,
          figure: await measure.figure(trx, modules, buckets[i] as Period, filter),
        });
      return result;
    }
    const groupsOf = <T extends { dims: Record<Dimension, string | null> }>(items: T[]) => {
      const map = new Map<string | null, T[]>();
      if (!by) return map.set(null, items);
      for (const item of items) {
        const key = item.dims[by];
        map.set(key, [...(map.get(key) ?? []), item]);
      }
      return map;
    };
    if (measure.kind === 'events') {
      const observations = (await measure.observe(trx, modules, start, end)).filter((o) =>
        matches(o.dims, filter),
      );
      for (const [group, items] of groupsOf(observations)) {
        buckets.forEach((b, i) => {
          const s = startOf(b.from);
          const e = endOf(b.to);
          result.push({
            bucket: i,
            group,
            figure: measure.figure(
              summarize(
                items.filter((o) => o.at >= s && o.at < e),
                measure.histogram,
              ),
            ),
          });
        });
      }
    } else {
      const spells = (await measure.spells(trx, start, end)).filter((s) => matches(s.dims, filter));
      for (const [group, items] of groupsOf(spells)) {
        buckets.forEach((b, i) => {
          const e = endOf(b.to);
          const open = items.filter((s) => s.from < e && (s.until === null || s.until >= e));
          result.push({ bucket: i, group, figure: measure.figure(summarizeOpen(open), e) });
        });
      }
    }
    return result.sort((a, b) => a.bucket - b.bucket);
  }

  async function records(
    trx: Executor,
    id: MeasureId,
    period: Period,
    filter: Filter,
  ): Promise<KpiRecordRow[]> {
    const measure: Measure = MEASURES[id];
    const start = startOf(period.from);
    const end = endOf(period.to);
    if (measure.kind === 'events') {
      return (await measure.observe(trx, modules, start, end))
        .filter((o) => o.kind === 'main' && matches(o.dims, filter))
        .map((o) => ({ ...o.record, at: o.at, value: o.value }));
    }
    if (measure.kind === 'snapshot') {
      return (await measure.spells(trx, start, end))
        .filter(
          (s) => matches(s.dims, filter) && s.from < end && (s.until === null || s.until >= end),
        )
        .map((s) => ({ ...s.record, at: s.from, value: null }));
    }
    return [];
  }

  return {
    series: cells,
    async figure(trx, id, period, filter) {
      const [cell] = await cells(trx, id, [period], null, filter);
      return (cell as Cell).figure;
    },
    records,
    async recordsPage(trx, id, period, filter, after, limit) {
      const measure: Measure = MEASURES[id];
      const isAfter = (r: KpiRecordRow) =>
        after === null || r.at > after.at || (r.at === after.at && r.id > after.id);
      if (measure.kind !== 'events') {
        // The records open at the period's end: dated by their opening, any time before it.
        const all = await records(trx, id, period, filter);
        return all.sort(byInstant).filter(isAfter).slice(0, limit);
      }
      // An event's record is dated inside the window it is observed in: reading the period from
      // the cursor on, one window after the other, keeps the order and stops as soon as the page
      // is full. At a million tickets, listing the whole year first took 10 to 30 seconds.
      const end = endOf(period.to);
      let from = after && after.at > startOf(period.from) ? after.at : startOf(period.from);
      let span = HOUR_MS;
      let page: KpiRecordRow[] = [];
      while (from < end && page.length < limit) {
        const to = new Date(Math.min(Date.parse(from) + span, Date.parse(end))).toISOString();
        const rows = (await measure.observe(trx, modules, from, to))
          .filter((o) => o.kind === 'main' && matches(o.dims, filter))
          .map((o) => ({ ...o.record, at: o.at, value: o.value }))
          .filter(isAfter)
          .sort(byInstant);
        page = page.concat(rows);
        from = to;
        span = nextWindow(span, rows.length, limit - page.length);
      }
      return page.slice(0, limit);
    },
  };
}
