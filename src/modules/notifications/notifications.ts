// What the notification centre knows: kinds, who hears of each ticket event, and the
// deterministic ids that make delivery safe to retry. No framework, no SQL.
import { createHash } from 'node:crypto';
import type { TicketEvent } from '../tickets/ticket-events.js';

export const NOTIFICATION_KINDS = [
  'assigned',
  'public-reply',
  'approval-requested',
  'sla-warning',
  'sla-breach',
  'resolved',
  'survey-invitation',
  'complaint-opened',
  'acknowledgement-requested',
  'training-due',
  'training-overdue',
  'corrective-action-assigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Why a person receives a message; the text says so (e.g. escalation to the group's queue). */
export type RecipientRole =
  | 'assignee'
  | 'group-member'
  | 'group-manager'
  | 'requester'
  | 'watcher'
  | 'approver'
  | 'owner'
  | 'reader';

export interface Notification {
  id: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  title: string;
  body: string;
  /** Path inside the web app, e.g. /desk/tickets/…; emails prefix it with the public URL. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

/** The facts a message template fills in. */
export interface MessageParams {
  number: string;
  title: string;
  actorName: string;
  clock?: 'first_response' | 'resolution';
  percent?: number;
  expiresAt?: string;
}

/** One group of recipients: named users, or the members of a group read at delivery time. */
export interface AudienceEntry {
  role: RecipientRole;
  userIds?: string[];
  membersOfGroup?: string;
}

/** The payload of one notify.deliver job: one message for one set of recipients. */
export interface Delivery {
  kind: NotificationKind;
  subject: { type: string; id: string };
  link: string;
  params: MessageParams;
  audience: AudienceEntry[];
  /** The person whose action this is: never told of it. */
  actorId: string | null;
}

const ids = (...values: (string | null | undefined)[]) =>
  values.filter((v): v is string => typeof v === 'string' && v.length > 0);

/** The person working the ticket: the assignee, or with only a group, the group's members. */
function workers(ticket: { assigneeId: string | null; groupId: string | null }): AudienceEntry[] {
  if (ticket.assigneeId) return [{ role: 'assignee', userIds: [ticket.assigneeId] }];
  if (ticket.groupId) return [{ role: 'group-member', membersOfGroup: ticket.groupId }];
  return [];
}

/**
 * Who hears of a ticket event, and with which message; null when nobody does. The actor is
 * removed at delivery (they may also be, say, a watcher).
 */
export function deliveryFor(
  event: TicketEvent,
  actorId: string | null,
):
  | (Omit<Delivery, 'params'> & {
      params: Omit<MessageParams, 'actorName'>;
    })
  | null {
  const t = event.ticket;
  const base = {
    subject: { type: 'ticket', id: t.id },
    // The ticket page of the web app (web/app/router.tsx).
    link: `/desk/tickets/${t.id}`,
    params: { number: t.number, title: t.title },
    actorId,
  };
  switch (event.kind) {
    case 'assigned':
      return { ...base, kind: 'assigned', audience: workers(t) };
    case 'public-reply': {
      const watchers: AudienceEntry = { role: 'watcher', userIds: t.watcherIds };
      // A reply without an author came in by email from the requester's address.
      const fromRequester = event.authorId === null || event.authorId === t.requesterId;
      return {
        ...base,
        kind: 'public-reply',
        actorId: event.authorId ?? actorId,
        audience: fromRequester
          ? [...workers(t), watchers]
          : [{ role: 'requester', userIds: [t.requesterId] }, watchers],
      };
    }
    case 'approval-requested':
      return {
        ...base,
        kind: 'approval-requested',
        audience: [{ role: 'approver', userIds: event.approverIds }],
      };
    case 'sla-threshold': {
      const params = { ...base.params, clock: event.clock, percent: event.percent };
      const manager: AudienceEntry = { role: 'group-manager', userIds: ids(event.groupManagerId) };
      const working: AudienceEntry[] = t.assigneeId
        ? [{ role: 'assignee', userIds: [t.assigneeId] }]
        : [{ role: 'group-member', userIds: event.groupMemberIds }];
      if (!event.breach)
        return { ...base, params, kind: 'sla-warning', audience: [...working, manager] };
      // Breach: the worker, hierarchical escalation to the manager, functional to the group queue.
      return {
        ...base,
        params,
        kind: 'sla-breach',
        audience: [...working, manager, { role: 'group-member', userIds: event.groupMemberIds }],
      };
    }
    case 'resolved':
      return {
        ...base,
        kind: 'resolved',
        audience: [{ role: 'requester', userIds: [t.requesterId] }],
      };
    default:
      return null;
  }
}

/**
 * The recipients of a delivery with the first role each one has, without the actor. Entries are
 * in priority order: an assignee who is also a group member reads the assignee's text.
 */
export function recipients(
  audience: AudienceEntry[],
  membersOf: Map<string, string[]>,
  actorId: string | null,
): Map<string, RecipientRole> {
  const result = new Map<string, RecipientRole>();
  for (const entry of audience) {
    const users = entry.membersOfGroup
      ? (membersOf.get(entry.membersOfGroup) ?? [])
      : (entry.userIds ?? []);
    for (const userId of users) {
      if (userId === actorId || result.has(userId)) continue;
      result.set(userId, entry.role);
    }
  }
  return result;
}

/**
 * The notification id of one recipient of one delivery job: the same on every retry of the job,
 * so a retry after a partial success inserts nothing twice. Shaped as a UUIDv7 carrying the
 * job's timestamp, so notifications still sort by time like every other id.
 */
export function notificationId(jobId: string, userId: string): string {
  const time = jobId.replaceAll('-', '').slice(0, 12);
  const hash = createHash('sha256').update(`${jobId}:${userId}`).digest('hex');
  const variant = ((Number.parseInt(hash.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  const hex = `${time}7${hash.slice(0, 3)}${variant}${hash.slice(4, 7)}${hash.slice(7, 19)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
