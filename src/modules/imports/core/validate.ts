// The checks every imported ticket passes before it is written, whatever reader made it: a reader
// may be generous in what it accepts, the core is strict in what it stores.
import { HOLD_REASONS, STATUSES } from '../../tickets/tickets.js';
import type { ImportedEvent, ImportedTicket, RowError } from './contract.js';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const EVENT_KINDS: ImportedEvent['kind'][] = [
  'opened',
  'assigned',
  'on-hold',
  'resumed',
  'resolved',
  'closed',
  'reopened',
  'updated',
];
const TITLE_MAX = 200;

/** An ISO-8601 instant in UTC, or undefined when the text is not a date. */
function instant(value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The ticket with its dates normalised, or the first reason it cannot be stored. */
export function validateTicket(ticket: ImportedTicket): ImportedTicket | RowError {
  const row = ticket.rows?.first ?? 0;
  const error = (column: string | null, reason: string): RowError => ({
    kind: 'row-error',
    row,
    column,
    reason,
  });
  if (!ticket.sourceKey?.trim()) return error(null, 'has no source key (the record identifier)');
  if (ticket.sourceKey.length > 200) return error(null, 'source key is longer than 200 characters');
  if (ticket.type !== 'incident' && ticket.type !== 'request')
    return error('type', `"${ticket.type}" is not a ticket type: incident or request`);
  if (!(STATUSES as readonly string[]).includes(ticket.status))
    return error('status', `"${ticket.status}" is not a status: one of ${STATUSES.join(', ')}`);
  for (const [field, value] of [
    ['impact', ticket.impact],
    ['urgency', ticket.urgency],
  ] as const)
    if (!Number.isInteger(value) || value < 1 || value > 3)
      return error(field, `"${value}" is not a level: 1, 2 or 3`);
  if (ticket.priority && !PRIORITIES.includes(ticket.priority))
    return error('priority', `"${ticket.priority}" is not a priority: P1 to P4`);
  if (ticket.holdReason && !(HOLD_REASONS as readonly string[]).includes(ticket.holdReason))
    return error('holdReason', `"${ticket.holdReason}" is not a hold reason`);
  const title = ticket.title?.trim();
  if (!title) return error('title', 'is empty');

  const createdAt = instant(ticket.createdAt);
  if (!createdAt) return error('createdAt', `"${ticket.createdAt ?? ''}" is not a date`);
  const dates: Record<string, string | null> = {};
  for (const field of ['firstRespondedAt', 'resolvedAt', 'closedAt'] as const) {
    const value = instant(ticket[field]);
    if (value === undefined) return error(field, `"${ticket[field]}" is not a date`);
    dates[field] = value;
  }
  const history: ImportedEvent[] = [];
  for (const event of ticket.history ?? []) {
    const at = instant(event.at);
    if (!at) return error('history', `an event has no valid date ("${event.at ?? ''}")`);
    if (!EVENT_KINDS.includes(event.kind))
      return error('history', `"${event.kind}" is not an event kind`);
    if (!(STATUSES as readonly string[]).includes(event.status))
      return error('history', `"${event.status}" is not a status`);
    history.push({ ...event, at });
  }
  return {
    ...ticket,
    sourceKey: ticket.sourceKey.trim(),
    title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title,
    description: ticket.description ?? '',
    createdAt,
    firstRespondedAt: dates.firstRespondedAt ?? null,
    resolvedAt: dates.resolvedAt ?? null,
    closedAt: dates.closedAt ?? null,
    history,
  };
}
