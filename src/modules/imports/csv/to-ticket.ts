// One mapped row → the import core's ImportedTicket, or the row's errors (every field checked, so
// an administrator fixes a row once). Pure.
import { STATUSES } from '../../tickets/tickets.js';
import type { ImportedEvent, ImportedTicket, RowError } from '../core/contract.js';
import { type CompiledMapping, RowReader } from './mapping.js';
import type { TableRow } from './table.js';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** "1", "p1", "P1 - Critical" → "P1". */
function priorityOf(value: string): string | null {
  const m = /^p?\s*([1-4])\b/i.exec(value.trim());
  return m ? `P${m[1]}` : null;
}

export function rowToTicket(row: TableRow, mapping: CompiledMapping): ImportedTicket | RowError[] {
  const r = new RowReader(mapping, row.cells);
  const errorsOf = () =>
    r.problems.map(
      (p): RowError => ({ kind: 'row-error', row: row.row, column: p.column, reason: p.reason }),
    );
  if (row.cells.length > 0 && row.cells.every((c) => c === null)) return [];
  const key = r.sourceKey();
  const title = r.text('title');
  const createdAt = r.date('createdAt');
  const firstRespondedAt = r.date('firstRespondedAt');
  const resolvedAt = r.date('resolvedAt');
  const closedAt = r.date('closedAt');
  const given = r.oneOf('status', STATUSES);
  const impact = r.integer('impact', 1, 3);
  const urgency = r.integer('urgency', 1, 3);
  const priorityText = r.text('priority');
  let priority: string | null = null;
  if (priorityText !== null) {
    priority = priorityOf(priorityText);
    if (!priority)
      r.problem(
        'priority',
        `"${priorityText}" is not a priority (${PRIORITIES.join(', ')}; add a value translation)`,
      );
  }
  const slaMet = r.boolean('slaMet');
  const requester = r.text('requester');
  const requesterEmail = r.text('requesterEmail');
  const assignee = r.text('assignee');
  const assigneeEmail = r.text('assigneeEmail');
  const group = r.text('group');
  for (const [field, value] of [
    ['requesterEmail', requesterEmail],
    ['assigneeEmail', assigneeEmail],
  ] as const)
    if (value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
      r.problem(field, `"${value}" is not an email address`);
  if (createdAt && resolvedAt && resolvedAt < createdAt)
    r.problem('resolvedAt', 'is before the ticket was opened');
  if (createdAt && closedAt && closedAt < createdAt)
    r.problem('closedAt', 'is before the ticket was opened');
  // Without a status column the dates tell where the ticket ended.
  const status =
    given ??
    (closedAt ? 'closed' : resolvedAt ? 'resolved' : assignee || group ? 'assigned' : 'new');
  if (status === 'closed' && !closedAt && mapping.fields.has('closedAt'))
    r.problem('closedAt', 'is empty but the ticket is closed');
  if (r.problems.length || !key || !title || !createdAt) return errorsOf();

  const history: ImportedEvent[] = [{ at: createdAt, kind: 'opened', status: 'new' }];
  if (group || assignee)
    history.push({
      at: firstRespondedAt ?? createdAt,
      kind: 'assigned',
      status: 'assigned',
      group,
      assignee: assignee ?? assigneeEmail,
    });
  if (resolvedAt) history.push({ at: resolvedAt, kind: 'resolved', status: 'resolved' });
  if (closedAt) history.push({ at: closedAt, kind: 'closed', status: 'closed' });
  const last = history[history.length - 1];
  if (last && last.status !== status)
    history.push({ at: last.at, kind: 'updated', status, sourceStatus: given });

  const party = (name: string | null, email: string | null) =>
    name || email ? { name: (name ?? email) as string, email } : null;
  return {
    kind: 'ticket',
    sourceKey: `${mapping.source}:${key}`,
    sourceNumber: key,
    type: mapping.type === 'requests' ? 'request' : 'incident',
    title: title.slice(0, 300),
    description: r.text('description') ?? '',
    status,
    impact: (impact ?? 3) as 1 | 2 | 3,
    urgency: (urgency ?? 3) as 1 | 2 | 3,
    priority,
    category: r.text('category'),
    service: r.text('service'),
    requester: party(requester, requesterEmail),
    organisation: r.text('organisation'),
    group,
    assignee: party(assignee, assigneeEmail),
    createdAt,
    firstRespondedAt,
    resolvedAt:
      resolvedAt ?? (closedAt && (status === 'closed' || status === 'resolved') ? closedAt : null),
    closedAt,
    resolutionCode: r.text('resolutionCode'),
    slaMet,
    references: {
      configurationItem: r.text('configurationItem'),
      problem: r.text('problem'),
      change: r.text('change'),
    },
    history,
    rows: { first: row.row, last: row.row },
  };
}
