// Tickets: incidents and service requests. Domain types and the pure rules of their lifecycle.
import { DomainError, invalid } from '../../shared/errors.js';
import type { Priority, TicketType } from '../sla/policy.js';

export const STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'on_hold',
  'resolved',
  'closed',
] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['new', 'assigned', 'in_progress', 'on_hold'];

export const HOLD_REASONS = [
  'awaiting_requester',
  'awaiting_supplier',
  'awaiting_change',
  'awaiting_approval',
] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const CHANNELS = ['portal', 'agent', 'email', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RESOLUTION_CODES = [
  'solved',
  'workaround',
  'fulfilled',
  'not_reproducible',
  'duplicate',
  'cancelled',
] as const;

export const LINK_KINDS = ['related', 'duplicate_of', 'child_of'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const PREFIX: Record<TicketType, string> = { incident: 'INC', request: 'REQ' };

export interface Ticket {
  id: string;
  number: string;
  type: TicketType;
  title: string;
  description: string;
  requesterId: string;
  organisationId: string | null;
  serviceId: string | null;
  requestTypeId: string | null;
  category: string;
  channel: Channel;
  impact: number;
  urgency: number;
  priority: Priority;
  status: Status;
  holdReason: HoldReason | null;
  groupId: string | null;
  assigneeId: string | null;
  resolutionCode: string | null;
  resolutionNotes: string | null;
  majorIncident: boolean;
  formAnswers: Record<string, unknown>;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Settings of the desk, kept as one versioned document (desk_settings). */
export interface DeskSettings {
  /** "impact-urgency" → priority, impact and urgency 1 (high) to 3 (low). */
  priorityMatrix: Record<string, Priority>;
  /** A resolved ticket may be reopened by its requester or an agent for this many days. */
  reopenWindowDays: number;
  /** What meets the first-response clock besides a public reply. */
  firstResponseBy: 'public-reply' | 'public-reply-or-acknowledgement';
  /** Requesters also see the tickets of their organisation (read and reply). */
  requestersSeeOrganisationTickets: boolean;
  /** Incident categories offered in forms; free text is refused outside this list. */
  categories: string[];
}

export const DEFAULT_SETTINGS: DeskSettings = {
  priorityMatrix: {
    '1-1': 'P1',
    '1-2': 'P2',
    '1-3': 'P3',
    '2-1': 'P2',
    '2-2': 'P3',
    '2-3': 'P4',
    '3-1': 'P3',
    '3-2': 'P4',
    '3-3': 'P4',
  },
  reopenWindowDays: 7,
  firstResponseBy: 'public-reply-or-acknowledgement',
  requestersSeeOrganisationTickets: false,
  categories: ['access', 'hardware', 'software', 'network', 'payment', 'order', 'other'],
};

export function priorityOf(settings: DeskSettings, impact: number, urgency: number): Priority {
  return settings.priorityMatrix[`${impact}-${urgency}`] ?? 'P4';
}

export function checkLevel(value: number, field: '/impact' | '/urgency'): number {
  if (!Number.isInteger(value) || value < 1 || value > 3) throw invalid(field, 'must be 1, 2 or 3');
  return value;
}

export function checkText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (!text) throw invalid(field, 'must not be empty');
  if (text.length > max) throw invalid(field, `must be at most ${max} characters`);
  return text;
}

/** Which status moves an agent may make by hand; `assigned` follows from assignment. */
const MOVES: Record<Status, readonly Status[]> = {
  new: ['assigned', 'in_progress', 'on_hold', 'resolved'],
  assigned: ['in_progress', 'on_hold', 'resolved'],
  in_progress: ['on_hold', 'resolved', 'assigned'],
  on_hold: ['in_progress', 'assigned', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export interface StatusChange {
  status: Status;
  holdReason?: string | null;
  resolutionCode?: string | null;
  resolutionNotes?: string | null;
}

/** Checks a move and returns the fields it sets; throws a domain error naming what is wrong. */
export function applyStatus(
  ticket: Ticket,
  change: StatusChange,
  now: string,
  settings: DeskSettings,
): Ticket {
  const to = change.status;
  if (to === ticket.status) return ticket;
  if (!MOVES[ticket.status].includes(to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `A ticket that is ${ticket.status.replace('_', ' ')} cannot move to ${to.replace('_', ' ')}.`,
      { from: ticket.status, to },
    );
  }
  const next: Ticket = { ...ticket, status: to };
  if (to === 'on_hold') {
    if (!change.holdReason || !(HOLD_REASONS as readonly string[]).includes(change.holdReason))
      throw invalid('/holdReason', `is required on hold: one of ${HOLD_REASONS.join(', ')}`);
    next.holdReason = change.holdReason as HoldReason;
  } else {
    next.holdReason = null;
  }
  if (to === 'assigned' && !ticket.assigneeId)
    throw invalid('/status', 'a ticket is assigned only when it has an assignee');
  if (to === 'resolved') {
    const code = change.resolutionCode ?? ticket.resolutionCode;
    if (!code || !(RESOLUTION_CODES as readonly string[]).includes(code))
      throw invalid(
        '/resolutionCode',
        `is required to resolve: one of ${RESOLUTION_CODES.join(', ')}`,
      );
    const notes = (change.resolutionNotes ?? ticket.resolutionNotes ?? '').trim();
    if (!notes) throw invalid('/resolutionNotes', 'are required to resolve');
    next.resolutionCode = code;
    next.resolutionNotes = notes;
    next.resolvedAt = now;
  }
  if (ticket.status === 'resolved' && to === 'in_progress') {
    const resolvedAt = ticket.resolvedAt ? Date.parse(ticket.resolvedAt) : 0;
    const windowEnd = resolvedAt + settings.reopenWindowDays * 86_400_000;
    if (Date.parse(now) > windowEnd)
      throw new DomainError(
        'REOPEN_WINDOW_PASSED',
        `A resolved ticket can be reopened for ${settings.reopenWindowDays} days; raise a new one instead.`,
      );
    next.resolvedAt = null;
    next.resolutionCode = null;
    next.resolutionNotes = null;
  }
  if (to === 'closed') next.closedAt = now;
  return next;
}

export const isOpen = (status: Status) => OPEN_STATUSES.includes(status);
