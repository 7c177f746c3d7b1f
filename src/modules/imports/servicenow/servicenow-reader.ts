// Reads a ServiceNow incident audit export (CSV, or the zip as published): several rows per
// incident, one per update, oldest first. The rows of an incident are contiguous in the export
// (it is ordered by number, then by update), so incidents are rebuilt one at a time while
// streaming and memory stays flat however long the file. An incident whose rows come back after
// another incident started is refused with a row error (sort the export by number).
import type { ImportedEvent, ImportedTicket, ImportRecord, RowError } from '../core/contract.js';
import { ImportFileError } from '../core/contract.js';
import { csvRecords } from '../files/csv-records.js';
import { createZonedClock, parseDayMonthYear } from '../files/local-time.js';
import { openText } from '../files/open-text.js';
import { leadingNumber, STATE_MAP, transitionKind } from './mapping.js';

/** The columns the reader needs; others (vendor, knowledge, notify…) are ignored. */
export const REQUIRED_COLUMNS = [
  'number',
  'incident_state',
  'reopen_count',
  'made_sla',
  'caller_id',
  'opened_at',
  'sys_updated_at',
  'category',
  'impact',
  'urgency',
  'priority',
  'assignment_group',
  'assigned_to',
  'resolved_at',
  'closed_at',
] as const;
const OPTIONAL_COLUMNS = [
  'subcategory',
  'u_symptom',
  'cmdb_ci',
  'problem_id',
  'rfc',
  'contact_type',
  'location',
  'closed_code',
] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export interface ServiceNowOptions {
  /** Zone of the export's wall-clock dates; UTC by default. */
  timeZone?: string;
  /** Name shown in messages (the path by default). */
  displayName?: string;
}

interface Row {
  row: number;
  get(column: Column): string;
}

const missing = (v: string) => !v || v === '?';

/** Reads the file at `path` into imported incidents (and errors for rows it cannot take). */
export function readServiceNow(path: string, options: ServiceNowOptions = {}) {
  return readServiceNowText(openText(path, options.displayName ?? path), options);
}

export async function* readServiceNowText(
  text: AsyncIterable<string>,
  options: ServiceNowOptions = {},
): AsyncGenerator<ImportRecord> {
  const clock = createZonedClock(options.timeZone ?? 'UTC');
  const name = options.displayName ?? 'The file';
  let index: Record<Column, number> | null = null;
  let width = 0;
  let group: Row[] = [];
  let groupNumber: string | null = null;
  const finished = new Set<string>();
  let rows = 0;

  for await (const record of csvRecords(text)) {
    if (!index) {
      const header = record.fields.map((f) => f.trim());
      const absent = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
      if (absent.length === REQUIRED_COLUMNS.length)
        throw new ImportFileError(
          `${name} is not a ServiceNow incident export: its first line has none of the expected columns (number, incident_state, opened_at…).`,
        );
      if (absent.length)
        throw new ImportFileError(
          `${name} lacks the ServiceNow column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}.`,
        );
      index = Object.fromEntries(
        [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].map((c) => [c, header.indexOf(c)]),
      ) as Record<Column, number>;
      width = header.length;
      continue;
    }
    rows++;
    if (record.fields.length === 1 && record.fields[0] === '') continue;
    if (record.fields.length !== width) {
      yield {
        kind: 'row-error',
        row: record.row,
        column: null,
        reason: `has ${record.fields.length} fields where the header has ${width}`,
      };
      continue;
    }
    const fields = record.fields;
    const at = index;
    const row: Row = { row: record.row, get: (c) => (at[c] >= 0 ? (fields[at[c]] ?? '') : '') };
    const number = row.get('number').trim();
    if (missing(number)) {
      yield { kind: 'row-error', row: record.row, column: 'number', reason: 'is empty' };
      continue;
    }
    if (number !== groupNumber) {
      if (group.length) {
        yield rebuild(group, clock);
        finished.add(groupNumber as string);
      }
      group = [];
      groupNumber = number;
      if (finished.has(number)) {
        yield {
          kind: 'row-error',
          row: record.row,
          column: 'number',
          reason: `rows of ${number} are not together: sort the export by number`,
        };
        groupNumber = null;
        continue;
      }
    }
    group.push(row);
    if (rows % 5000 === 0) yield { kind: 'progress', rows };
  }
  if (!index) throw new ImportFileError(`${name} is empty.`);
  if (group.length) yield rebuild(group, clock);
  yield { kind: 'progress', rows };
}

/** One incident from its snapshots, oldest first: the last one holds the final state. */
function rebuild(
  rows: Row[],
  clock: ReturnType<typeof createZonedClock>,
): ImportedTicket | RowError {
  const last = rows[rows.length - 1] as Row;
  const first = rows[0] as Row;
  const error = (row: Row, column: string, reason: string): RowError => ({
    kind: 'row-error',
    row: row.row,
    column,
    reason,
  });
  const date = (row: Row, column: Column) => {
    const value = parseDayMonthYear(row.get(column), clock);
    return value;
  };

  // A bad date in any snapshot is the file's mistake, even where the last one is right.
  for (const row of rows)
    for (const column of ['opened_at', 'sys_updated_at', 'resolved_at', 'closed_at'] as const)
      if (date(row, column) === undefined)
        return error(row, column, `"${row.get(column)}" is not a date (d/m/yyyy HH:MM)`);

  const number = last.get('number').trim();
  const openedAt = date(last, 'opened_at');
  if (openedAt === undefined)
    return error(last, 'opened_at', `"${last.get('opened_at')}" is not a date (d/m/yyyy HH:MM)`);
  if (openedAt === null) return error(last, 'opened_at', 'is empty');
  for (const column of ['resolved_at', 'closed_at'] as const)
    if (date(last, column) === undefined)
      return error(last, column, `"${last.get(column)}" is not a date (d/m/yyyy HH:MM)`);

  const final = STATE_MAP[last.get('incident_state').trim()];
  // The last known state when the final snapshot carries none (-100).
  let state = final;
  for (let i = rows.length - 1; !state && i >= 0; i--)
    state = STATE_MAP[(rows[i] as Row).get('incident_state').trim()];
  if (!state)
    return error(last, 'incident_state', `"${last.get('incident_state')}" is not a known state`);

  const levels: Record<'impact' | 'urgency' | 'priority', number> = {
    impact: 0,
    urgency: 0,
    priority: 0,
  };
  for (const column of ['impact', 'urgency', 'priority'] as const) {
    const value = leadingNumber(last.get(column));
    const max = column === 'priority' ? 4 : 3;
    if (value === null || value < 1 || value > max)
      return error(last, column, `"${last.get(column)}" is not a level (like "2 - Medium")`);
    levels[column] = value;
  }

  // History: one event per change of Meridian status, group or assignee.
  const history: ImportedEvent[] = [];
  let status: string | null = null;
  let groupName: string | null = null;
  let assignee: string | null = null;
  for (const row of rows) {
    const mapped = STATE_MAP[row.get('incident_state').trim()];
    const at = row === first ? openedAt : date(row, 'sys_updated_at');
    if (at === undefined)
      return error(
        row,
        'sys_updated_at',
        `"${row.get('sys_updated_at')}" is not a date (d/m/yyyy HH:MM)`,
      );
    if (at === null) continue;
    const g = missing(row.get('assignment_group')) ? null : row.get('assignment_group').trim();
    const a = missing(row.get('assigned_to')) ? null : row.get('assigned_to').trim();
    if (status === null) {
      history.push({
        at: openedAt,
        kind: 'opened',
        status: 'new',
        group: g,
        assignee: a,
        sourceStatus: 'New',
      });
      status = 'new';
      groupName = g;
      assignee = a;
    }
    if (!mapped) continue;
    const next = mapped.status;
    if (next !== status) {
      history.push({
        at,
        kind: transitionKind(status, next),
        status: next,
        group: g,
        assignee: a,
        sourceStatus: row.get('incident_state').trim(),
      });
      status = next;
    } else if (g !== groupName || a !== assignee) {
      history.push({
        at,
        kind: 'assigned',
        status: next,
        group: g,
        assignee: a,
        sourceStatus: row.get('incident_state').trim(),
      });
    }
    groupName = g;
    assignee = a;
  }

  const done = state.status === 'resolved' || state.status === 'closed';
  const eventAt = (kind: ImportedEvent['kind']) =>
    [...history].reverse().find((e) => e.kind === kind)?.at ?? null;
  const resolvedAt = done
    ? (date(last, 'resolved_at') ?? eventAt('resolved') ?? eventAt('closed'))
    : null;
  const closedAt =
    state.status === 'closed' ? (date(last, 'closed_at') ?? eventAt('closed')) : null;
  const madeSla = last.get('made_sla').trim().toLowerCase();
  const reopen = Number.parseInt(last.get('reopen_count'), 10);
  const opt = (column: Column) => (missing(last.get(column)) ? null : last.get(column).trim());
  const category = opt('category');
  const details = [
    ['Category', category],
    ['Subcategory', opt('subcategory')],
    ['Symptom', opt('u_symptom')],
    ['Contact type', opt('contact_type')],
    ['Location', opt('location')],
    ['Closure code', opt('closed_code')],
  ].filter(([, v]) => v);

  return {
    kind: 'ticket',
    sourceKey: `servicenow:${number}`,
    sourceNumber: number,
    type: 'incident',
    title: [category, opt('subcategory'), opt('u_symptom')].filter(Boolean).join(' / ') || number,
    description: [
      `Imported from ServiceNow incident ${number}.`,
      ...details.map(([k, v]) => `${k}: ${v}`),
    ].join('\n'),
    status: state.status,
    holdReason: state.holdReason ?? null,
    impact: levels.impact as 1 | 2 | 3,
    urgency: levels.urgency as 1 | 2 | 3,
    priority: `P${levels.priority}`,
    category,
    requester: opt('caller_id') ? { name: opt('caller_id') as string } : null,
    group: opt('assignment_group'),
    assignee: opt('assigned_to') ? { name: opt('assigned_to') as string } : null,
    createdAt: openedAt,
    resolvedAt,
    closedAt,
    slaMet: madeSla === 'true' ? true : madeSla === 'false' ? false : null,
    reopenCount: Number.isNaN(reopen) ? null : reopen,
    references: {
      configurationItem: opt('cmdb_ci'),
      problem: opt('problem_id'),
      change: opt('rfc'),
    },
    history,
    rows: { first: first.row, last: last.row },
  };
}
