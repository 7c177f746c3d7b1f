// Exports of the KPI engine (issue 8): a KPI series and the records behind a number, as CSV or
// XLSX. Who may: kpis.read, like the JSON API. Every check (permission, KPI, period, filters)
// runs before the first byte, so bad input is a 4xx problem; the rows then stream: the records
// are read a window of days at a time (sized to about a page of records, written out before the
// next window is read), so memory stays that of one window whatever the period's size, with no
// row cap. A client that disconnects stops the reading at the next window.
import type { Executor } from '../../../db/executor.js';
import { type Actor, requirePermission } from '../../../shared/actor.js';
import type { Clock } from '../../../shared/clock.js';
import { invalid, notFound } from '../../../shared/errors.js';
import type { Cell } from '../../../shared/export/csv.js';
import { type ExportFile, type ExportFormat, tableFile } from '../../../shared/export/file.js';
import { toDefinition } from '../definitions.js';
import {
  checkPeriod,
  DIMENSIONS,
  type Dimension,
  dayNumber,
  dayString,
  type Period,
  round1,
} from '../kpis.js';
import { kpiRepository as repo } from '../kpis.repository.js';
import type { KpiModules, KpiService, SeriesQuery } from '../kpis.service.js';
import { dimensionsOf, MEASURES, type Measure } from '../measures.js';
import { directSource, type Filter } from '../source.js';

export {
  EXPORT_FORMATS,
  type ExportFile,
  type ExportFormat,
} from '../../../shared/export/file.js';

export type RecordsExportQuery = Filter & { from?: string; to?: string };

const LABELS: Record<Dimension, string> = {
  service: 'Service',
  priority: 'Priority',
  group: 'Group',
  organisation: 'Organisation',
};

/** Records per written chunk, and the size the reading windows aim at. */
export const EXPORT_PAGE = 2_000;

export const RECORD_COLUMNS = ['Number', 'Title', 'Type', 'At', 'Value', 'ID'] as const;

export function seriesColumns(by: Dimension | null): string[] {
  return [
    ...(by ? [LABELS[by], `${LABELS[by]} ID`] : []),
    'Period',
    'From',
    'To',
    'Value',
    'Count',
    'Status',
    'Target',
    'Baseline',
  ];
}

const file = tableFile;

async function* once<T>(value: T): AsyncGenerator<T> {
  yield value;
}

export function createKpiExportService(deps: {
  db: Executor;
  clock: Clock;
  kpis: KpiService;
  modules: () => KpiModules;
}) {
  const { db, clock, kpis } = deps;
  const source = directSource({
    calendarVersion: (trx, id) => deps.modules().calendars.compiledVersionIn(trx, id),
    auditSummary: (trx, period) => deps.modules().auditProgramme.summary(trx, period),
    trainingCompletion: (trx, period) => deps.modules().training.completion(trx, period),
  });

  /** The period asked for, or the 30 days ending today (as the JSON API). */
  function periodOf(query: { from?: string; to?: string }): Period {
    if (query.from === undefined && query.to === undefined) {
      const today = dayNumber(clock.now().toISOString().slice(0, 10)) as number;
      return { from: dayString(today - 29), to: dayString(today) };
    }
    return checkPeriod(query);
  }

  return {
    /** The series of GET /kpis/{key}/series as a file: one row per bucket and breakdown value. */
    async series(
      actor: Actor,
      key: string,
      query: SeriesQuery,
      format: ExportFormat,
    ): Promise<ExportFile> {
      const s = await kpis.series(actor, key, query);
      const rows: Cell[][] = [];
      for (const line of s.series)
        for (const p of line.points)
          rows.push([
            ...(s.by ? [line.name, line.id] : []),
            p.label,
            p.from,
            p.to,
            p.value,
            p.count,
            p.status,
            s.targetValue,
            s.baselineValue,
          ]);
      const by = s.by ? `-by-${s.by}` : '';
      return file(
        format,
        `${s.key}-series-${s.grain}${by}-${s.from}-${s.to}`,
        `${s.key} by ${s.grain}`,
        seriesColumns(s.by),
        once(rows),
      );
    },

    /** Every record behind the KPI's value over the period (GET /kpis/{key}/records), streamed. */
    async records(
      actor: Actor,
      key: string,
      query: RecordsExportQuery,
      format: ExportFormat,
    ): Promise<ExportFile> {
      requirePermission(actor, 'kpis.read', 'read KPIs');
      const row = await repo.definition(db, key);
      if (!row) throw notFound(`The KPI "${key}"`);
      const d = toDefinition(row);
      const measure: Measure = MEASURES[d.measure];
      if (measure.kind === 'figure')
        throw invalid(
          '/key',
          `the records behind "${d.key}" are not tickets, surveys or changes: see the audit programme, the training matrix or the service's major incidents`,
        );
      const period = periodOf(query);
      const filter: Filter = {};
      for (const dim of DIMENSIONS) {
        const value = query[dim];
        if (value === undefined) continue;
        if (!dimensionsOf(d.measure).includes(dim))
          throw invalid(`/${dim}`, `the KPI "${d.key}" has no ${dim} breakdown`);
        filter[dim] = value;
      }
      // Event measures date each record by one instant: consecutive windows of whole days
      // split them exactly, in order. A window starts at one day and doubles while it holds
      // under half a page of records, halving when it holds over two pages: few queries on a
      // quiet range, bounded memory on a busy one (never less than one day).
      // A snapshot (the backlog) is the records open at the period's end: one read.
      const first = dayNumber(period.from) as number;
      const last = dayNumber(period.to) as number;
      const kind = measure.kind;
      async function* pages(): AsyncGenerator<Cell[][]> {
        let day = first;
        let span = 1;
        while (day <= last) {
          const end = kind === 'events' ? Math.min(last, day + span - 1) : last;
          const window = { from: dayString(day), to: dayString(end) };
          const records = await source.records(db, d.measure, window, filter);
          day = end + 1;
          if (records.length < EXPORT_PAGE / 2) span *= 2;
          else if (records.length > EXPORT_PAGE * 2) span = Math.max(1, Math.floor(span / 2));
          if (records.length === 0) continue;
          records.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
          for (let i = 0; i < records.length; i += EXPORT_PAGE)
            yield records
              .slice(i, i + EXPORT_PAGE)
              .map((r) => [r.number, r.title, r.type, r.at, round1(r.value), r.id]);
        }
      }
      return file(
        format,
        `${d.key}-records-${period.from}-${period.to}`,
        `${d.key} records`,
        RECORD_COLUMNS,
        pages(),
      );
    },
  };
}

export type KpiExportService = ReturnType<typeof createKpiExportService>;
