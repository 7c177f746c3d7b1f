// The KPI rollup's SQL: the cells, the log of days to refresh, and the ticket reads of the backlog.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { KpiCellsTable } from '../../db/tables/kpis.js';
import type { Dimension } from './kpis.js';

export type CellRow = KpiCellsTable;

const TICKET_TYPES = ['incident', 'request'];
const VARIANTS = ['all', 'service', 'priority', 'group', 'organisation', 'full'];
/** Rows per INSERT: well under SQLite's limit of bound variables. */
const CHUNK = 500;

export const CELL_COLUMN: Record<
  Dimension,
  'service_id' | 'priority' | 'group_id' | 'organisation_id'
> = {
  service: 'service_id',
  priority: 'priority',
  group: 'group_id',
  organisation: 'organisation_id',
};

export interface BacklogTicket {
  service: string | null;
  priority: string | null;
  group: string | null;
  organisation: string | null;
  created_at: string;
  done_at: string | null;
}

const backlogTicket = (t: {
  service_id: string | null;
  priority: string;
  group_id: string | null;
  organisation_id: string | null;
  created_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}): BacklogTicket => ({
  service: t.service_id,
  priority: t.priority,
  group: t.group_id,
  organisation: t.organisation_id,
  created_at: t.created_at,
  done_at: t.resolved_at ?? t.closed_at,
});

const BACKLOG_COLUMNS = [
  'id',
  'service_id',
  'priority',
  'group_id',
  'organisation_id',
  'created_at',
  'resolved_at',
  'closed_at',
] as const;

/** Where each family's records are dated: the first and last day the rollup must cover. */
const INSTANTS = {
  tickets: [
    ['tickets', 'created_at'],
    ['tickets', 'resolved_at'],
    ['tickets', 'first_responded_at'],
    ['tickets', 'closed_at'],
  ],
  surveys: [
    ['surveys', 'sent_at'],
    ['surveys', 'answered_at'],
  ],
  changes: [
    ['changes', 'created_at'],
    ['changes', 'closed_at'],
  ],
} as const;

export type Span = 'day' | 'month';
type CellKeyColumns = Pick<
  CellRow,
  'measure' | 'variant' | 'service_id' | 'priority' | 'group_id' | 'organisation_id'
>;
const CELL_KEY = [
  'measure',
  'variant',
  'span',
  'day',
  'service_id',
  'priority',
  'group_id',
  'organisation_id',
] as const;

export interface CellFilter {
  measure: string;
  variant: string;
  span: Span;
  fromDay?: string;
  toDay: string;
  /** Dimension columns that must equal a value. */
  equal: Partial<Record<Dimension, string>>;
}

export const rollupRepository = {
  // Through the index, which skips entries already known dead instead of walking the table.
  anyDirty: async (db: Executor) =>
    (await db
      .selectFrom('kpi_rollup_dirty')
      .select('id')
      .orderBy('family')
      .orderBy('day')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()) !== undefined,

  async dirtyDayCount(db: Executor): Promise<number> {
    const row = await db
      .selectFrom(db.selectFrom('kpi_rollup_dirty').select(['family', 'day']).distinct().as('d'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The next (family, day) pairs to refresh, with the last log entry each covers. */
  /** The first `limit` (family, day) logged, with their last entry; optionally of one family, between two days. */
  async dirtyDays(
    db: Executor,
    limit: number,
    range?: { family: string; after: string; before: string },
  ): Promise<{ family: string; day: string; maxId: number }[]> {
    let query = db
      .selectFrom('kpi_rollup_dirty')
      .select(['family', 'day', (eb) => eb.fn.max('id').as('max_id')]);
    if (range)
      query = query
        .where('family', '=', range.family)
        .where('day', '>', range.after)
        .where('day', '<', range.before);
    const rows = await query
      .groupBy(['family', 'day'])
      .orderBy('family')
      .orderBy('day')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ family: r.family, day: r.day, maxId: Number(r.max_id) }));
  },

  clearDirty: (db: Executor, family: string, day: string, maxId: number) =>
    db
      .deleteFrom('kpi_rollup_dirty')
      .where('family', '=', family)
      .where('day', '=', day)
      .where('id', '<=', maxId)
      .execute(),

  async markDirty(db: Executor, family: string, days: string[]): Promise<void> {
    for (let i = 0; i < days.length; i += CHUNK)
      await db
        .insertInto('kpi_rollup_dirty')
        .values(days.slice(i, i + CHUNK).map((day) => ({ family, day })))
        .execute();
  },

  clearAllCells: (db: Executor) => db.deleteFrom('kpi_cells').execute(),

  /** Every cell of these measures for one day (or month). */
  cellsOf: (db: Executor, measures: string[], span: Span, day: string) =>
    db
      .selectFrom('kpi_cells')
      .selectAll()
      .where('measure', 'in', measures)
      .where('variant', 'in', VARIANTS)
      .where('span', '=', span)
      .where('day', '=', day)
      .execute(),

  async replaceCells(db: Executor, measures: string[], span: Span, day: string, rows: CellRow[]) {
    await db
      .deleteFrom('kpi_cells')
      .where('measure', 'in', measures)
      .where('variant', 'in', VARIANTS)
      .where('span', '=', span)
      .where('day', '=', day)
      .execute();
    await rollupRepository.insertCells(db, rows);
  },

  async insertCells(db: Executor, rows: CellRow[]) {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('kpi_cells')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },

  async upsertCells(db: Executor, rows: CellRow[]) {
    for (let i = 0; i < rows.length; i += CHUNK)
      await db
        .insertInto('kpi_cells')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns([...CELL_KEY]).doUpdateSet((eb) => ({
            n: eb.ref('excluded.n'),
            hits: eb.ref('excluded.hits'),
            total: eb.ref('excluded.total'),
            sent: eb.ref('excluded.sent'),
            answered: eb.ref('excluded.answered'),
            records: eb.ref('excluded.records'),
            bins: eb.ref('excluded.bins'),
          })),
        )
        .execute();
  },

  async deleteCells(db: Executor, span: Span, day: string, keys: CellKeyColumns[]) {
    for (const key of keys)
      await db
        .deleteFrom('kpi_cells')
        .where('measure', '=', key.measure)
        .where('variant', '=', key.variant)
        .where('span', '=', span)
        .where('day', '=', day)
        .where('service_id', '=', key.service_id)
        .where('priority', '=', key.priority)
        .where('group_id', '=', key.group_id)
        .where('organisation_id', '=', key.organisation_id)
        .execute();
  },

  /** The first and last day any record of the family is dated, or null when there are none. */
  async dayRange(db: Executor, family: keyof typeof INSTANTS) {
    let first: string | null = null;
    let last: string | null = null;
    for (const [table, column] of INSTANTS[family]) {
      const row = await db
        .selectFrom(table)
        .select((eb) => [
          eb.fn.min<string | null>(sql.ref(column)).as('first'),
          eb.fn.max<string | null>(sql.ref(column)).as('last'),
        ])
        .executeTakeFirstOrThrow();
      if (row.first !== null && (first === null || row.first < first)) first = row.first;
      if (row.last !== null && (last === null || row.last > last)) last = row.last;
    }
    return first !== null && last !== null
      ? { first: first.slice(0, 10), last: last.slice(0, 10) }
      : null;
  },

  /** Incidents and requests opened in [start, end). */
  ticketsOpenedOn: (db: Executor, start: string, end: string) =>
    db
      .selectFrom('tickets')
      .select(BACKLOG_COLUMNS)
      .where('type', 'in', TICKET_TYPES)
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      // In a fixed order, so the sums come out the same to the last bit on every refresh.
      .orderBy('id')
      .execute()
      .then((rows) => rows.map(backlogTicket)),

  /** Incidents and requests opened before `start` and done (resolved, else closed) in [start, end). */
  async ticketsDoneOn(db: Executor, start: string, end: string): Promise<BacklogTicket[]> {
    // "Opened before the day" is checked here, not in SQL: there PostgreSQL intersected the day's
    // few resolutions with every ticket opened before it (30 ms of each refresh at a million).
    const openedBefore = (t: { created_at: string }) => t.created_at < start;
    const resolved = await db
      .selectFrom('tickets')
      .select(BACKLOG_COLUMNS)
      .where('type', 'in', TICKET_TYPES)
      .where('resolved_at', '>=', start)
      .where('resolved_at', '<', end)
      .orderBy('id')
      .execute();
    const closed = await db
      .selectFrom('tickets')
      .select(BACKLOG_COLUMNS)
      .where('type', 'in', TICKET_TYPES)
      .where('resolved_at', 'is', null)
      .where('closed_at', '>=', start)
      .where('closed_at', '<', end)
      .orderBy('id')
      .execute();
    return [...resolved, ...closed].filter(openedBefore).map(backlogTicket);
  },

  /** Cells of one measure and variant over a range of days, narrowed by dimension values. */
  cells(db: Executor, filter: CellFilter) {
    let query = db
      .selectFrom('kpi_cells')
      .selectAll()
      .where('measure', '=', filter.measure)
      .where('variant', '=', filter.variant)
      .where('span', '=', filter.span)
      .where('day', '<=', filter.toDay);
    if (filter.fromDay !== undefined) query = query.where('day', '>=', filter.fromDay);
    for (const [dimension, value] of Object.entries(filter.equal))
      query = query.where(CELL_COLUMN[dimension as Dimension], '=', value as string);
    return query.orderBy('day').execute();
  },
};
