// Reads a process-mining event log (one row per event, the rows of a case together, as both
// published logs are) into imported tickets: the case's events, in time order, become its
// history; the last status its final state. Cases stream one at a time, like ServiceNow's.
import type { ImportedEvent, ImportedTicket, ImportRecord, RowError } from '../core/contract.js';
import { ImportFileError } from '../core/contract.js';
import { csvRecords } from '../files/csv-records.js';
import { openText } from '../files/open-text.js';
import { type EventLogFormat, FORMATS, type LogEvent, type LogFormat } from './formats.js';

interface Read {
  row: number;
  event: LogEvent;
  get: (column: string) => string;
}

export function readEventLog(
  path: string,
  format: EventLogFormat,
  options: { displayName?: string } = {},
) {
  return readEventLogText(openText(path, options.displayName ?? path), format, options);
}

export async function* readEventLogText(
  text: AsyncIterable<string>,
  format: EventLogFormat,
  options: { displayName?: string } = {},
): AsyncGenerator<ImportRecord> {
  const spec = FORMATS[format];
  const name = options.displayName ?? 'The file';
  let index: Map<string, number> | null = null;
  let width = 0;
  let group: Read[] = [];
  let current: string | null = null;
  const finished = new Set<string>();
  let rows = 0;

  for await (const record of csvRecords(text)) {
    if (!index) {
      const header = record.fields.map((f) => f.trim());
      const absent = spec.columns.filter((c) => !header.includes(c));
      if (absent.length)
        throw new ImportFileError(
          `${name} is not a ${spec.label} event log: it lacks the column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}.`,
        );
      index = new Map(header.map((h, i) => [h, i]));
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
    const columns = index;
    const get = (c: string) => fields[columns.get(c) ?? -1] ?? '';
    const event = spec.event(get);
    if (!event.caseId) {
      yield {
        kind: 'row-error',
        row: record.row,
        column: spec.columns[0] ?? null,
        reason: 'is empty',
      };
      continue;
    }
    if (event.caseId !== current) {
      if (group.length) {
        yield rebuild(spec, group);
        finished.add(current as string);
      }
      group = [];
      current = event.caseId;
      if (finished.has(event.caseId)) {
        yield {
          kind: 'row-error',
          row: record.row,
          column: null,
          reason: `events of case ${event.caseId} are not together: sort the log by case`,
        };
        current = null;
        continue;
      }
    }
    group.push({ row: record.row, event, get });
    if (rows % 5000 === 0) yield { kind: 'progress', rows };
  }
  if (!index) throw new ImportFileError(`${name} is empty.`);
  if (group.length) yield rebuild(spec, group);
  yield { kind: 'progress', rows };
}

const DONE = new Set(['resolved', 'closed']);

function rebuild(spec: LogFormat, reads: Read[]): ImportedTicket | RowError {
  for (const r of reads)
    if (Number.isNaN(Date.parse(r.event.at)) || !r.event.at.endsWith('Z'))
      return {
        kind: 'row-error',
        row: r.row,
        column: r.event.atColumn,
        reason: `"${r.event.at}" is not a date and time`,
      };
  // Time order; rows of the same instant keep the file's order.
  const sorted = [...reads].sort((a, b) => a.event.at.localeCompare(b.event.at) || a.row - b.row);
  const first = sorted[0] as Read;
  const last = sorted[sorted.length - 1] as Read;
  const caseId = first.event.caseId;

  const history: ImportedEvent[] = [
    {
      at: first.event.at,
      kind: 'opened',
      status: 'new',
      group: first.event.group,
      assignee: null,
      sourceStatus: first.event.sourceStatus,
    },
  ];
  let status = 'new';
  let holdReason: string | undefined;
  let resolutionCode: string | null = null;
  let group: string | null = first.event.group;
  let assignee: string | null = null;
  let resolvedAt: string | null = null;
  let closedAt: string | null = null;
  for (const [i, { event }] of sorted.entries()) {
    const next = event.status ?? status;
    const moved = next !== status;
    const reassigned =
      (event.group !== null && event.group !== group) ||
      (event.assignee !== null && event.assignee !== assignee);
    if (event.group) group = event.group;
    if (event.assignee) assignee = event.assignee;
    if (i > 0 || moved) {
      const kind: ImportedEvent['kind'] =
        DONE.has(status) && !DONE.has(next)
          ? 'reopened'
          : next === 'resolved' && moved
            ? 'resolved'
            : next === 'closed' && moved
              ? 'closed'
              : next === 'on_hold' && moved
                ? 'on-hold'
                : status === 'on_hold' && moved
                  ? 'resumed'
                  : (event.kind ?? (moved || reassigned ? 'assigned' : 'updated'));
      history.push({
        at: event.at,
        kind,
        status: next,
        group,
        assignee,
        sourceStatus: event.sourceStatus,
      });
    }
    if (moved && next === 'resolved') resolvedAt = event.at;
    if (moved && next === 'closed') {
      closedAt = event.at;
      resolvedAt ??= event.at;
    }
    if (moved && !DONE.has(next)) {
      resolvedAt = null;
      closedAt = null;
    }
    if (event.resolutionCode) resolutionCode = event.resolutionCode;
    if (next === 'on_hold' && event.holdReason) holdReason = event.holdReason;
    status = next;
  }
  const done = DONE.has(status);
  return {
    kind: 'ticket',
    sourceKey: `${spec === FORMATS.bpic2013 ? 'bpic2013' : 'helpdesk'}:${caseId}`,
    sourceNumber: caseId,
    type: 'incident',
    ...spec.describe(caseId, last.get),
    status,
    holdReason: status === 'on_hold' ? (holdReason ?? null) : null,
    group,
    assignee: assignee ? { name: assignee } : null,
    requester: null,
    createdAt: first.event.at,
    resolvedAt: done ? resolvedAt : null,
    closedAt: status === 'closed' ? closedAt : null,
    resolutionCode: done ? (resolutionCode ?? 'solved') : null,
    slaMet: null,
    history,
    rows: { first: reads[0]?.row ?? first.row, last: reads[reads.length - 1]?.row ?? last.row },
  };
}
