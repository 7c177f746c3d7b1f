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
  records(
    trx: Executor,
    id: MeasureId,
    period: Period,
    filter: Filter,
  ): Promise<Array<RecordRef & { at: string; value: number | null }>>;
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

  return {
    series: cells,
    async figure(trx, id, period, filter) {
      const [cell] = await cells(trx, id, [period], null, filter);
      return (cell as Cell).figure;
    },
    async records(trx, id, period, filter) {
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
    },
  };
}
