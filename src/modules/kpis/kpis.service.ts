// The KPI engine's use cases. Who may: kpis.read (staff and auditors) reads KPIs, their series
// and the records behind them; kpis.manage (managers, admins) changes definitions. Values are
// computed by the measures (./measures.ts) and read through the daily rollup (./rollup-source.ts),
// which the direct computation (./source.ts) backs for what the rollup does not keep.
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, pageSize, toPage } from '../../db/keyset.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { invalid, notFound } from '../../shared/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { AuditSummary } from '../audits/audits.service.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { TrainingCompletion } from '../training/training.service.js';
import {
  applyChanges,
  type DefinitionChanges,
  type KpiDefinition,
  toDefinition,
  toRow,
} from './definitions.js';
import {
  bucketsOf,
  changeAgainst,
  changeSentence,
  checkPeriod,
  type Dimension,
  dayNumber,
  dayString,
  type Grain,
  type Period,
  periodLabel,
  round1,
  type Status,
  statusOf,
  targetValue,
} from './kpis.js';
import { kpiRepository as repo } from './kpis.repository.js';
import {
  dimensionsOf,
  type Family,
  type Figure,
  MEASURES,
  type Measure,
  type MeasureId,
  type RecordRef,
} from './measures.js';
import { createRollup, type RollupLock, type RollupTidy, type SettledDay } from './rollup.js';
import { rollupSource } from './rollup-source.js';
import { directSource, type Filter, type MeasureSource } from './source.js';

/** What the engine reads of the other modules; handed over lazily (services.ts). */
export interface KpiModules {
  calendars: { compiledVersionIn(trx: Executor, versionId: string): Promise<BusinessCalendar> };
  auditProgramme: { summary(trx: Executor, period: Period): Promise<AuditSummary> };
  training: { completion(trx: Executor, period: Period): Promise<TrainingCompletion> };
}

/** A KPI's figure over one period, judged against its baseline and target. */
export interface KpiValue {
  period: Period;
  /** The KPI's value (its statistic of the measure), one decimal; null when nothing to measure. */
  value: number | null;
  /** Records behind the value. */
  count: number;
  /** median, mean and p90 for the service delivery time. */
  statistics: Record<string, number | null>;
  /** Further figures, e.g. responseRate beside the satisfaction index. */
  details: Record<string, number | null>;
  baseline: (Period & { label: string; value: number | null; count: number }) | null;
  /** The target as a value of the measure (a relative target needs the baseline's value). */
  targetValue: number | null;
  /** Change against the baseline value in percent, one decimal. */
  change: number | null;
  /** "−21.4% vs baseline Q1 2026". */
  changeText: string | null;
  status: Status;
}

export type KpiView = KpiDefinition & {
  dimensions: Dimension[];
  current: KpiValue;
  /** Whether `current` is narrowed by the query's filter (false: the KPI has no such breakdown). */
  filtered: boolean;
};

export interface SeriesQuery extends Filter {
  from?: string;
  to?: string;
  grain?: Grain;
  by?: Dimension;
}

export interface SeriesPoint extends Period {
  label: string;
  value: number | null;
  count: number;
  status: Status;
}

export interface KpiSeries {
  key: string;
  unit: string;
  grain: Grain;
  by: Dimension | null;
  from: string;
  to: string;
  baselineValue: number | null;
  targetValue: number | null;
  series: { id: string | null; name: string | null; points: SeriesPoint[] }[];
}

export interface KpiRecord extends RecordRef {
  /** The instant that places the record in the period (resolution, answer, logging…). */
  at: string;
  /** The record's own figure (hours, 0–100 rating, 1 = met / 0 = missed), when it has one. */
  value: number | null;
}

const FILTER_KEYS: Dimension[] = ['service', 'priority', 'group', 'organisation'];

export function createKpiService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  modules: () => KpiModules;
  rollupLock: RollupLock;
  rollupTidy: RollupTidy;
}) {
  const { db, audit, clock } = deps;
  audit.registerReader('kpi_definition', async (actor) => can(actor, 'kpis.read'));

  const measureModules = {
    calendarVersion: (trx: Executor, id: string) =>
      deps.modules().calendars.compiledVersionIn(trx, id),
    auditSummary: (trx: Executor, period: Period) =>
      deps.modules().auditProgramme.summary(trx, period),
    trainingCompletion: (trx: Executor, period: Period) =>
      deps.modules().training.completion(trx, period),
  };
  const direct = directSource(measureModules);
  const rollup = createRollup({
    modules: measureModules,
    lock: deps.rollupLock,
    tidy: deps.rollupTidy,
  });
  const source: MeasureSource = rollupSource({ direct, rollup });

  async function load(trx: Executor, key: string): Promise<KpiDefinition | undefined> {
    const row = await repo.definition(trx, key);
    return row ? toDefinition(row) : undefined;
  }

  const writes = auditedWrites<KpiDefinition>(
    { db, audit, clock },
    {
      what: 'The KPI',
      entityType: 'kpi_definition',
      load,
      insert: () => Promise.reject(new Error('KPI definitions are seeded by the migration')),
      update: (trx, d, expected) => repo.updateDefinition(trx, toRow(d), expected),
    },
  );

  async function definitionOrThrow(trx: Executor, key: string): Promise<KpiDefinition> {
    const d = await load(trx, key);
    if (!d) throw notFound(`The KPI "${key}"`);
    return d;
  }

  /** The period asked for, or the 30 days ending today. */
  function periodOf(query: { from?: string; to?: string }): Period {
    if (query.from === undefined && query.to === undefined) {
      const today = dayNumber(clock.now().toISOString().slice(0, 10)) as number;
      return { from: dayString(today - 29), to: dayString(today) };
    }
    return checkPeriod(query);
  }

  function filterOf(d: KpiDefinition, query: Filter): Filter {
    const filter: Filter = {};
    const dims = dimensionsOf(d.measure);
    for (const key of FILTER_KEYS) {
      const value = query[key];
      if (value === undefined) continue;
      if (!dims.includes(key))
        throw invalid(`/${key}`, `the KPI "${d.key}" has no ${key} breakdown`);
      filter[key] = value;
    }
    return filter;
  }

  const pick = (d: KpiDefinition, f: Figure | null): number | null =>
    f === null ? null : d.statistic === 'value' ? f.value : (f.statistics?.[d.statistic] ?? null);

  // A target a figure carries is shown as set (a 99.95 % availability target is not 100.0).
  const rounded = (values: Record<string, number | null> | undefined) =>
    Object.fromEntries(
      Object.entries(values ?? {}).map(([k, v]) => [k, k === 'target' ? v : round1(v)]),
    );

  /**
   * A figure may carry its own target (availability of one service: that service's agreed
   * target), which then judges it instead of the definition's.
   */
  const ownTarget = (f: Figure): number | null =>
    typeof f.details?.target === 'number' ? f.details.target : null;

  /**
   * The figures of one request, each measured once: KPIs sharing a measure (the delivery time's
   * median and mean) or a baseline do not compute it twice.
   */
  type FigureOf = (measure: MeasureId, period: Period, filter: Filter) => Promise<Figure>;
  function figures(trx: Executor): FigureOf {
    const cache = new Map<string, Promise<Figure>>();
    return (measure, period, filter) => {
      const key = JSON.stringify([measure, period.from, period.to, filter]);
      let figure = cache.get(key);
      if (!figure) {
        figure = source.figure(trx, measure, period, filter);
        cache.set(key, figure);
      }
      return figure;
    };
  }

  async function baselineOf(figureOf: FigureOf, d: KpiDefinition, filter: Filter) {
    if (!d.baseline) return null;
    const figure = await figureOf(d.measure, d.baseline, filter);
    return { figure, value: pick(d, figure) };
  }

  async function evaluate(
    figureOf: FigureOf,
    d: KpiDefinition,
    period: Period,
    filter: Filter,
  ): Promise<KpiValue> {
    // Both at once: on PostgreSQL their queries overlap on the pool's connections.
    const [figure, base] = await Promise.all([
      figureOf(d.measure, period, filter),
      baselineOf(figureOf, d, filter),
    ]);
    const value = pick(d, figure);
    const baselineValue = base?.value ?? null;
    const own = ownTarget(figure);
    const target = own ?? targetValue(d.target, baselineValue);
    const change = changeAgainst(value, baselineValue);
    return {
      period,
      value: round1(value),
      count: figure.count,
      statistics: rounded(figure.statistics),
      details: rounded(figure.details),
      baseline:
        d.baseline && base
          ? {
              ...d.baseline,
              label: periodLabel(d.baseline),
              value: round1(baselineValue),
              count: base.figure.count,
            }
          : null,
      targetValue: own ?? round1(target),
      change: round1(change),
      changeText: changeSentence(change, d.baseline ? periodLabel(d.baseline) : undefined),
      status: statusOf(value, target, d.direction, d.atRiskMargin),
    };
  }

  const view = async (
    figureOf: FigureOf,
    d: KpiDefinition,
    period: Period,
    filter: Filter,
  ): Promise<KpiView> => ({
    ...d,
    dimensions: [...dimensionsOf(d.measure)],
    current: await evaluate(figureOf, d, period, filter),
    filtered: Object.keys(filter).length > 0,
  });

  /** The part of a list query's filter a KPI can take; the whole list is for everything otherwise. */
  function applicableFilter(d: KpiDefinition, query: Filter): Filter {
    const dims = dimensionsOf(d.measure);
    const filter: Filter = {};
    for (const key of FILTER_KEYS) {
      const value = query[key];
      if (value === undefined) continue;
      if (!dims.includes(key)) return {};
      filter[key] = value;
    }
    return filter;
  }

  async function nameOf(by: Dimension, ids: string[]): Promise<Map<string, string>> {
    if (by === 'priority') return new Map(ids.map((id) => [id, id]));
    const table = by === 'service' ? 'services' : by === 'group' ? 'groups' : 'organisations';
    return repo.names(db, table, ids);
  }

  return {
    /** The rollup's maintenance, for operators (`meridian kpi rebuild`) and bulk loads. */
    rollup: {
      refresh: (onProgress?: (done: number, total: number) => void) =>
        rollup.refresh(db, onProgress),
      rebuild: (onProgress?: (done: number, total: number) => void) =>
        rollup.rebuild(db, onProgress),
      /** The settled days of a bulk load, computed on one connection, written on another. */
      computeSettled: (range: { family: Family; after: string; before: string }, limit: number) =>
        rollup.computeSettled(db, range, limit),
      applySettled: (days: SettledDay[]) => rollup.applySettled(db, days),
      tidy: () => rollup.tidy(db),
    },
    /** The two ways to the same figures: straight from the records, and through the rollup. */
    sources: { direct, rolledUp: source },

    async list(actor: Actor, query: { from?: string; to?: string } & Filter): Promise<KpiView[]> {
      requirePermission(actor, 'kpis.read', 'read KPIs');
      const period = periodOf(query);
      const rows = await repo.definitions(db);
      const figureOf = figures(db);
      return Promise.all(
        rows.map((row) => {
          const d = toDefinition(row);
          return view(figureOf, d, period, applicableFilter(d, query));
        }),
      );
    },

    async get(
      actor: Actor,
      key: string,
      query: { from?: string; to?: string } & Filter,
    ): Promise<KpiView> {
      requirePermission(actor, 'kpis.read', 'read KPIs');
      const period = periodOf(query);
      const d = await definitionOrThrow(db, key);
      return view(figures(db), d, period, filterOf(d, query));
    },

    async update(
      actor: Actor,
      key: string,
      expectedVersion: number,
      input: DefinitionChanges,
    ): Promise<KpiView> {
      requirePermission(actor, 'kpis.manage', 'change KPI definitions');
      const saved = await writes.update(actor, key, expectedVersion, async (before, trx) => {
        const next = applyChanges(before, input);
        if (input.ownerId && !(await repo.userExists(trx, input.ownerId)))
          throw invalid('/ownerId', 'is not a user');
        return next;
      });
      return view(figures(db), saved, periodOf({}), {});
    },

    async series(actor: Actor, key: string, query: SeriesQuery): Promise<KpiSeries> {
      requirePermission(actor, 'kpis.read', 'read KPIs');
      const d = await definitionOrThrow(db, key);
      const period = periodOf(query);
      const grain = query.grain ?? 'month';
      const by = query.by ?? null;
      if (by && !dimensionsOf(d.measure).includes(by))
        throw invalid('/by', `the KPI "${d.key}" has no ${by} breakdown`);
      const filter = filterOf(d, query);
      const buckets = bucketsOf(period, grain);
      const cells = await source.series(db, d.measure, buckets, by, filter);
      const base = await baselineOf(figures(db), d, filter);
      const baselineValue = base?.value ?? null;
      const target = targetValue(d.target, baselineValue);
      const groups = new Map<string | null, SeriesPoint[]>();
      for (const cell of cells) {
        const bucket = buckets[cell.bucket] as (typeof buckets)[number];
        const value = pick(d, cell.figure);
        const points = groups.get(cell.group) ?? [];
        points.push({
          ...bucket,
          value: round1(value),
          count: cell.figure.count,
          status: statusOf(value, ownTarget(cell.figure) ?? target, d.direction, d.atRiskMargin),
        });
        groups.set(cell.group, points);
      }
      const names = by
        ? await nameOf(
            by,
            [...groups.keys()].filter((k): k is string => k !== null),
          )
        : new Map<string, string>();
      const series = [...groups.entries()]
        .map(([id, points]) => ({ id, name: id === null ? null : (names.get(id) ?? id), points }))
        .sort((a, b) =>
          a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name),
        );
      return {
        key: d.key,
        unit: d.unit,
        grain,
        by,
        from: period.from,
        to: period.to,
        baselineValue: round1(baselineValue),
        targetValue: round1(target),
        series,
      };
    },

    async records(
      actor: Actor,
      key: string,
      query: Filter & { from?: string; to?: string; limit?: number; cursor?: string },
    ): Promise<Page<KpiRecord>> {
      requirePermission(actor, 'kpis.read', 'read KPIs');
      const d = await definitionOrThrow(db, key);
      const measure: Measure = MEASURES[d.measure];
      if (measure.kind === 'figure')
        throw invalid(
          '/key',
          `the records behind "${d.key}" are not tickets, surveys or changes: see the audit programme, the training matrix or the service's major incidents`,
        );
      const period = periodOf(query);
      const filter = filterOf(d, query);
      const after = decodeCursor(query.cursor);
      const size = pageSize(query.limit);
      const rows = await source.recordsPage(
        db,
        d.measure,
        period,
        filter,
        after === null ? null : { at: String(after[0]), id: String(after[1]) },
        size + 1,
      );
      return toPage(
        rows,
        size,
        (r) => [r.at, r.id],
        (r) => ({ ...r, value: round1(r.value) }),
      );
    },

    /** For other modules (dashboards, reports, evidence): a KPI's value over a period. */
    async value(
      trx: Executor,
      key: string,
      period: Period,
      filter: Filter = {},
    ): Promise<KpiValue> {
      const d = await definitionOrThrow(trx, key);
      return evaluate(figures(trx), d, checkPeriod(period), filterOf(d, filter));
    },
  };
}

export type KpiService = ReturnType<typeof createKpiService>;
