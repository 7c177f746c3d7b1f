// The KPI rollup's write side: keeps `kpi_cells` (a summary per measure, UTC day and breakdown)
// up to date with the records. Database triggers log each (family, day) a write touches in
// `kpi_rollup_dirty` (migration 20261130_090000_kpi_rollups.ts); `refresh` claims that log and
// recomputes the cells of those days from the records dated in them, with the measures' own
// `observe` — the same code the direct source runs — so the cost of a write is the records of its
// day, never all the records. Each month's cells are the sum of its day cells, kept by adding the
// difference a day's recomputation made. `rebuild` recomputes every day from scratch.
import type { Executor } from '../../db/executor.js';
import { DIMENSIONS, type Dimension, dayNumber, dayString, endOf, startOf } from './kpis.js';
import {
  type EventMeasure,
  epochHours,
  type Family,
  MEASURE_IDS,
  MEASURES,
  type MeasureModules,
  type SharedReads,
} from './measures.js';
import { type CellRow, rollupRepository as repo } from './rollup.repository.js';
import {
  binsFromJson,
  binsToJson,
  emptySummary,
  mergeInto,
  observe,
  pruneEmptyBins,
  type Summary,
} from './summary.js';

/** Which breakdown a cell is for: every dimension rolled up, one of them, or all four. */
export type Variant = 'all' | Dimension | 'full';
/** The cells of the backlog measures (opened minus done per day), shared by backlog and its age. */
export const BACKLOG_CELLS = 'backlog';
/** In a cell's key: "every value" of a rolled-up dimension; "none" is the empty string. */
export const ANY = '*';

export const FAMILIES: Family[] = ['tickets', 'surveys', 'changes'];

/** Serialises refreshes across nodes (PostgreSQL advisory lock; SQLite has one writer anyway). */
export type RollupLock = (trx: Executor) => Promise<void>;
/** Reclaims the space of a bulk refresh (PostgreSQL's vacuum); run outside any transaction. */
export type RollupTidy = (db: Executor) => Promise<void>;

/** Days recomputed in one refresh beyond which it tidies up after itself. */
const BULK_DAYS = 100;

type Dims = Record<Dimension, string | null>;

/** The cells of a family's measures for one day. */
interface DayCells {
  measures: string[];
  rows: CellRow[];
}

/** A settled day's cells, computed from the records while the log's entries went up to `maxId`. */
export interface SettledDay {
  family: Family;
  day: string;
  maxId: number;
  cells: DayCells;
}

/** The cells one observation adds to: all, each dimension the measure has, and the full key. */
function keysOf(dims: Dims, dimensions: readonly Dimension[]): [Variant, Dims | null][] {
  const keys: [Variant, Dims | null][] = [['all', null]];
  for (const d of dimensions) keys.push([d, dims]);
  if (dimensions.length > 1) keys.push(['full', dims]);
  return keys;
}

const column = (variant: Variant, dimension: Dimension, dims: Dims | null) =>
  variant === 'full' || variant === dimension ? (dims?.[dimension] ?? '') : ANY;

type CellKey = Pick<
  CellRow,
  'measure' | 'variant' | 'service_id' | 'priority' | 'group_id' | 'organisation_id'
>;
const keyOf = (c: CellKey) =>
  [c.measure, c.variant, c.service_id, c.priority, c.group_id, c.organisation_id].join('\u0000');

export const summaryOfRow = (row: CellRow): Summary => ({
  n: row.n,
  hits: row.hits,
  total: row.total,
  sent: row.sent,
  answered: row.answered,
  records: row.records,
  bins: binsFromJson(row.bins),
});

const rowOf = (key: CellKey, span: string, day: string, summary: Summary): CellRow => ({
  ...key,
  span,
  day,
  n: summary.n,
  hits: summary.hits,
  total: summary.total,
  sent: summary.sent,
  answered: summary.answered,
  records: summary.records,
  bins: binsToJson(summary.bins),
});

const cellKey = (c: CellKey): CellKey => ({
  measure: c.measure,
  variant: c.variant,
  service_id: c.service_id,
  priority: c.priority,
  group_id: c.group_id,
  organisation_id: c.organisation_id,
});

const unchanged = (d: Summary) =>
  d.n === 0 &&
  d.hits === 0 &&
  d.total === 0 &&
  d.sent === 0 &&
  d.answered === 0 &&
  d.records === 0 &&
  [...(d.bins?.values() ?? [])].every(([count, sum]) => count === 0 && sum === 0);

/** The first day of the month of a day. */
export const monthOf = (day: string) => `${day.slice(0, 8)}01`;

class CellSet {
  // One map per variant, keyed by what the variant keeps of the dimensions: the value of its one
  // dimension, or all four joined for "full". cell() runs for every observation and each of its
  // variants (six per ticket and measure, millions of times when a million tickets are rolled
  // up), so it builds no objects and joins strings only for the full key.
  private readonly cells = new Map<Variant, Map<string, CellKey & { summary: Summary }>>();

  constructor(
    private readonly measure: string,
    private readonly day: string,
    private readonly histogram: boolean,
  ) {}

  cell(variant: Variant, dims: Dims | null): Summary {
    let cells = this.cells.get(variant);
    if (!cells) {
      cells = new Map();
      this.cells.set(variant, cells);
    }
    const id =
      variant === 'all'
        ? ''
        : variant === 'full'
          ? `${dims?.service ?? ''}\u0000${dims?.priority ?? ''}\u0000${dims?.group ?? ''}\u0000${dims?.organisation ?? ''}`
          : (dims?.[variant] ?? '');
    let cell = cells.get(id);
    if (!cell) {
      cell = {
        measure: this.measure,
        variant,
        service_id: column(variant, 'service', dims),
        priority: column(variant, 'priority', dims),
        group_id: column(variant, 'group', dims),
        organisation_id: column(variant, 'organisation', dims),
        summary: emptySummary(this.histogram),
      };
      cells.set(id, cell);
    }
    return cell.summary;
  }

  rows(): CellRow[] {
    const rows: CellRow[] = [];
    for (const cells of this.cells.values())
      for (const { summary, ...key } of cells.values())
        rows.push(rowOf(key, 'day', this.day, summary));
    return rows;
  }
}

/**
 * What the days recomputed in one refresh changed, per month: the month cells take the sum of the
 * differences once, however many of their days were recomputed.
 */
class MonthChanges {
  private readonly months = new Map<
    string,
    { measures: Set<string>; changes: Map<string, { key: CellKey; delta: Summary }> }
  >();

  /** The month's cells will += the day's new cells − its old ones. */
  add(month: string, measures: string[], before: CellRow[], after: CellRow[]) {
    let entry = this.months.get(month);
    if (!entry) {
      entry = { measures: new Set(), changes: new Map() };
      this.months.set(month, entry);
    }
    for (const m of measures) entry.measures.add(m);
    const changes = entry.changes;
    const change = (row: CellRow, sign: 1 | -1) => {
      const id = keyOf(row);
      let item = changes.get(id);
      if (!item) {
        item = { key: cellKey(row), delta: emptySummary(row.bins !== null) };
        changes.set(id, item);
      }
      if (!item.delta.bins && row.bins !== null) item.delta.bins = new Map();
      mergeInto(item.delta, summaryOfRow(row), sign);
    };
    for (const row of before) change(row, -1);
    for (const row of after) change(row, 1);
  }

  /** Writes the sums; a month cell left with no record goes. */
  async apply(trx: Executor): Promise<void> {
    for (const [month, { measures, changes }] of this.months) {
      const moved = [...changes.entries()].filter(([, { delta }]) => !unchanged(delta));
      if (!moved.length) continue;
      const current = new Map(
        (await repo.cellsOf(trx, [...measures], 'month', month)).map((row) => [keyOf(row), row]),
      );
      const upserts: CellRow[] = [];
      const removals: CellKey[] = [];
      for (const [id, { key, delta }] of moved) {
        const row = current.get(id);
        const summary = row ? summaryOfRow(row) : emptySummary(delta.bins !== null);
        if (!summary.bins && delta.bins) summary.bins = new Map();
        mergeInto(summary, delta);
        pruneEmptyBins(summary);
        if (summary.records > 0) upserts.push(rowOf(key, 'month', month, summary));
        else if (row) removals.push(key);
      }
      await repo.upsertCells(trx, upserts);
      await repo.deleteCells(trx, 'month', month, removals);
    }
  }
}

export function createRollup(deps: {
  modules: MeasureModules;
  lock: RollupLock;
  tidy: RollupTidy;
}) {
  const { modules } = deps;

  async function eventCells(
    trx: Executor,
    id: string,
    measure: EventMeasure,
    day: string,
    reads: SharedReads,
  ): Promise<CellRow[]> {
    const cells = new CellSet(id, day, measure.histogram);
    for (const o of await measure.observe(trx, modules, startOf(day), endOf(day), reads))
      for (const [variant, dims] of keysOf(o.dims, measure.dimensions))
        observe(cells.cell(variant, dims), o);
    return cells.rows();
  }

  /**
   * The backlog's day: +1 (and its opening instant) for each ticket opened that day, −1 for each
   * done that day, so the backlog at a day's end is the sum of the days up to it. A ticket marked
   * done before it was opened (imported data) counts as done the day it was opened.
   */
  async function backlogCells(trx: Executor, day: string): Promise<CellRow[]> {
    const cells = new CellSet(BACKLOG_CELLS, day, false);
    const end = endOf(day);
    const add = (dims: Dims, count: number, openedAt: string) => {
      for (const [variant, key] of keysOf(dims, DIMENSIONS)) {
        const summary = cells.cell(variant, key);
        summary.records += 1;
        summary.n += count;
        summary.total += count * epochHours(openedAt);
      }
    };
    for (const t of await repo.ticketsOpenedOn(trx, startOf(day), end)) {
      add(t, 1, t.created_at);
      if (t.done_at !== null && t.done_at < end) add(t, -1, t.created_at);
    }
    for (const t of await repo.ticketsDoneOn(trx, startOf(day), end)) add(t, -1, t.created_at);
    return cells.rows();
  }

  /** A family's cells of a day, computed from the records dated that day. */
  async function dayCells(db: Executor, family: Family, day: string): Promise<DayCells> {
    const rows: CellRow[] = [];
    const measures: string[] = [];
    const reads: SharedReads = new Map();
    for (const id of MEASURE_IDS) {
      const measure = MEASURES[id];
      if (measure.kind !== 'events' || measure.family !== family) continue;
      measures.push(id);
      rows.push(...(await eventCells(db, id, measure, day, reads)));
    }
    if (family === 'tickets') {
      measures.push(BACKLOG_CELLS);
      rows.push(...(await backlogCells(db, day)));
    }
    return { measures, rows };
  }

  /** Replaces the day's cells; the month's cells change by the difference (see MonthChanges). */
  async function writeDay(trx: Executor, day: string, cells: DayCells, months: MonthChanges) {
    const before = await repo.cellsOf(trx, cells.measures, 'day', day);
    await repo.replaceCells(trx, cells.measures, 'day', day, cells.rows);
    months.add(monthOf(day), cells.measures, before, cells.rows);
  }

  async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
    // Inside a caller's transaction (a report, the evidence of an assessment) refresh there: a
    // second transaction on SQLite's single connection would wait for the first forever.
    if (db.isTransaction) return work(db);
    return db.transaction().execute(work);
  }

  /**
   * Brings the cells up to date with every write committed so far. Returns how many (family, day)
   * were recomputed. Claims the log in chunks, each in its own transaction, so a large backlog of
   * changes (a bulk load) neither holds one huge transaction nor blocks readers for long.
   */
  async function refresh(
    db: Executor,
    onProgress?: (done: number, total: number) => void,
  ): Promise<number> {
    let done = 0;
    const total = onProgress ? await repo.dirtyDayCount(db) : 0;
    for (;;) {
      if (!(await repo.anyDirty(db))) break;
      const claimed = await inTransaction(db, async (trx) => {
        await deps.lock(trx);
        const batch = await repo.dirtyDays(trx, 32);
        const months = new MonthChanges();
        for (const { family, day, maxId } of batch) {
          // Deleted before recomputing: a write that commits after this delete leaves its own
          // entry, and a write committed before it is seen by the recomputation.
          await repo.clearDirty(trx, family, day, maxId);
          if (FAMILIES.includes(family as Family))
            await writeDay(trx, day, await dayCells(trx, family as Family, day), months);
        }
        await months.apply(trx);
        return batch.length;
      });
      done += claimed;
      onProgress?.(done, Math.max(total, done));
      if (!claimed) break;
    }
    if (done >= BULK_DAYS && !db.isTransaction) await deps.tidy(db);
    return done;
  }

  /**
   * For a bulk load that writes history in order of time, so that the days before `before` are
   * settled (nothing it writes any more dates a record in them): computes the cells of up to
   * `limit` logged days of `family` after `after`, reading outside any transaction. This is the
   * costly part of a refresh, and it can run on another connection (another thread) while the
   * load writes; `applySettled` then writes the results in one short transaction.
   */
  async function computeSettled(
    db: Executor,
    range: { family: Family; after: string; before: string },
    limit: number,
  ): Promise<SettledDay[]> {
    const days: SettledDay[] = [];
    for (const { day, maxId } of await repo.dirtyDays(db, limit, range))
      days.push({ family: range.family, day, maxId, cells: await dayCells(db, range.family, day) });
    return days;
  }

  /**
   * Writes days computed by `computeSettled` and clears the log entries seen before they were
   * computed. The bulk load calls `tidy` once it is over, as a bulk refresh does. A write that landed in such a day since leaves its own entry, and the next
   * `refresh` recomputes the day.
   */
  async function applySettled(db: Executor, days: SettledDay[]): Promise<void> {
    if (!days.length) return;
    await inTransaction(db, async (trx) => {
      await deps.lock(trx);
      const months = new MonthChanges();
      for (const { family, day, maxId, cells } of days) {
        await repo.clearDirty(trx, family, day, maxId);
        await writeDay(trx, day, cells, months);
      }
      await months.apply(trx);
    });
  }

  /**
   * One refresh at a time per executor: the figures of one request are computed concurrently, and
   * two refreshes interleaved on one transaction's connection would rewrite the same cells at once.
   * A caller arriving while one runs queues behind it, then refreshes again (usually finding
   * nothing left), so what it wrote before asking is always counted.
   */
  const queues = new WeakMap<Executor, Promise<unknown>>();
  function refreshOnce(
    db: Executor,
    onProgress?: (done: number, total: number) => void,
  ): Promise<number> {
    const previous = queues.get(db) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => refresh(db, onProgress));
    queues.set(db, next);
    void next
      .finally(() => {
        if (queues.get(db) === next) queues.delete(db);
      })
      .catch(() => undefined);
    return next;
  }

  return {
    refresh: refreshOnce,
    computeSettled,
    applySettled,
    /** Reclaims what a bulk refresh left behind (PostgreSQL's dead log rows, stale statistics). */
    tidy: (db: Executor) => deps.tidy(db),

    /** Recomputes every cell from the records: after a restore, or to check the rollup. */
    async rebuild(
      db: Executor,
      onProgress?: (done: number, total: number) => void,
    ): Promise<number> {
      await inTransaction(db, async (trx) => {
        await deps.lock(trx);
        await repo.clearAllCells(trx);
        for (const family of FAMILIES) {
          const range = await repo.dayRange(trx, family);
          if (!range) continue;
          const first = dayNumber(range.first) as number;
          const last = dayNumber(range.last) as number;
          const days: string[] = [];
          for (let d = first; d <= last; d++) days.push(dayString(d));
          await repo.markDirty(trx, family, days);
        }
      });
      return refreshOnce(db, onProgress);
    },
  };
}

export type Rollup = ReturnType<typeof createRollup>;
