// The only SQL of the tickets module.
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import { preparedInsert } from '../../db/prepared.js';
import type {
  TicketApprovalsTable,
  TicketCommentsTable,
  TicketsTable,
  TicketTasksTable,
} from '../../db/schema.js';
import { fromJson, toBool } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type { Priority, TicketType } from '../sla/policy.js';
import type { Channel, HoldReason, Status, Ticket } from './tickets.js';

export const toTicket = (row: TicketsTable): Ticket => ({
  id: row.id,
  number: row.number,
  type: row.type as TicketType,
  title: row.title,
  description: row.description,
  requesterId: row.requester_id,
  organisationId: row.organisation_id,
  serviceId: row.service_id,
  requestTypeId: row.request_type_id,
  category: row.category,
  channel: row.channel as Channel,
  impact: row.impact,
  urgency: row.urgency,
  priority: row.priority as Priority,
  status: row.status as Status,
  holdReason: row.hold_reason as HoldReason | null,
  groupId: row.group_id,
  assigneeId: row.assignee_id,
  resolutionCode: row.resolution_code,
  resolutionNotes: row.resolution_notes,
  majorIncident: toBool(row.major_incident),
  formAnswers: fromJson<Record<string, unknown>>(row.form_answers),
  firstRespondedAt: row.first_responded_at,
  resolvedAt: row.resolved_at,
  closedAt: row.closed_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** The columns a ticket's fields are saved to (everything but the keys set once at creation). */
export const ticketColumns = (t: Ticket) => ({
  title: t.title,
  description: t.description,
  requester_id: t.requesterId,
  organisation_id: t.organisationId,
  service_id: t.serviceId,
  request_type_id: t.requestTypeId,
  category: t.category,
  channel: t.channel,
  impact: t.impact,
  urgency: t.urgency,
  priority: t.priority,
  status: t.status,
  open: t.status !== 'resolved' && t.status !== 'closed',
  hold_reason: t.holdReason,
  group_id: t.groupId,
  assignee_id: t.assigneeId,
  resolution_code: t.resolutionCode,
  resolution_notes: t.resolutionNotes,
  major_incident: t.majorIncident,
  form_answers: JSON.stringify(t.formAnswers),
  first_responded_at: t.firstRespondedAt,
  resolved_at: t.resolvedAt,
  closed_at: t.closedAt,
  updated_at: t.updatedAt,
});

export interface QueueFilter {
  open?: boolean;
  statuses?: string[];
  priorities?: string[];
  type?: string;
  serviceId?: string;
  groupIds?: string[];
  assigneeId?: string | null;
  requesterId?: string;
  /** Requesters allowed their organisation's tickets: theirs or the organisation's. */
  requesterOrOrganisation?: { requesterId: string; organisationId: string };
  /** Only tickets whose resolution clock runs and is due before this instant (or breached). */
  dueBefore?: string;
  ids?: string[];
}

export type QueueSort = 'updated' | 'created' | 'due';

// Every ticket created: compiled once (src/db/prepared.ts).
const insertTicketQuery = preparedInsert('tickets');

export const ticketsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst(),

  byNumber: (db: Executor, number: string) =>
    db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirst(),

  insert: (db: Executor, row: TicketsTable) => insertTicketQuery(db, row),

  update: (db: Executor, t: Ticket, expectedVersion: number) =>
    updateVersionedRow(db, 'tickets', t.id, expectedVersion, ticketColumns(t)),

  /**
   * Takes the ticket's row lock for the rest of the transaction (a no-op write works on both
   * databases), so changes that touch no ticket column — SLA events — still queue up behind each
   * other and append to the ticket's audit chain one at a time.
   */
  lock: (db: Executor, id: string) =>
    db
      .updateTable('tickets')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('id', '=', id)
      .execute(),

  /** A reply moves the ticket up its queues without changing its version (no edit conflict). */
  touch: (db: Executor, id: string, at: string, firstRespondedAt?: string) =>
    db
      .updateTable('tickets')
      .set(
        firstRespondedAt
          ? { updated_at: at, first_responded_at: firstRespondedAt }
          : { updated_at: at },
      )
      .where('id', '=', id)
      .execute(),

  /**
   * One page of a queue with the names the list shows and the resolution clock's state, in one
   * query so a page costs the same at a thousand tickets as at a million.
   */
  async queue(
    db: Executor,
    filter: QueueFilter,
    sort: QueueSort,
    after: CursorKey | null,
    limit: number,
  ) {
    let q = db
      .selectFrom('tickets as t')
      .leftJoin('users as r', 'r.id', 't.requester_id')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .leftJoin('groups as g', 'g.id', 't.group_id')
      .leftJoin('services as s', 's.id', 't.service_id')
      .leftJoin('sla_clocks as c', (join) =>
        join
          .onRef('c.subject_id', '=', 't.id')
          .on('c.subject_type', '=', 'ticket')
          .on('c.clock', '=', 'resolution'),
      )
      .select([
        't.id',
        't.number',
        't.type',
        't.title',
        't.status',
        't.hold_reason',
        't.priority',
        't.requester_id',
        't.service_id',
        't.group_id',
        't.assignee_id',
        't.major_incident',
        't.created_at',
        't.updated_at',
        'r.name as requester_name',
        'a.name as assignee_name',
        'g.name as group_name',
        's.name as service_name',
        'c.state as sla_state',
        'c.due_at as sla_due_at',
        'c.breached_at as sla_breached_at',
        'c.ledger as sla_ledger',
        'c.target_minutes as sla_target_minutes',
      ]);
    if (filter.open !== undefined) q = q.where('t.open', '=', filter.open);
    if (filter.statuses?.length) q = q.where('t.status', 'in', filter.statuses);
    if (filter.priorities?.length) q = q.where('t.priority', 'in', filter.priorities);
    if (filter.type) q = q.where('t.type', '=', filter.type);
    if (filter.serviceId) q = q.where('t.service_id', '=', filter.serviceId);
    if (filter.groupIds) {
      if (filter.groupIds.length === 0) return [];
      q = q.where('t.group_id', 'in', filter.groupIds);
    }
    if (filter.assigneeId === null) q = q.where('t.assignee_id', 'is', null);
    else if (filter.assigneeId) q = q.where('t.assignee_id', '=', filter.assigneeId);
    if (filter.requesterId) q = q.where('t.requester_id', '=', filter.requesterId);
    if (filter.requesterOrOrganisation) {
      const { requesterId, organisationId } = filter.requesterOrOrganisation;
      q = q.where((eb) =>
        eb.or([
          eb('t.requester_id', '=', requesterId),
          eb('t.organisation_id', '=', organisationId),
        ]),
      );
    }
    if (filter.ids) q = q.where('t.id', 'in', filter.ids.length ? filter.ids : ['']);
    if (filter.dueBefore)
      q = q.where('c.state', '=', 'running').where('c.due_at', '<', filter.dueBefore);

    if (sort === 'due') {
      if (after) {
        const [due, id] = after;
        q = q.where((eb) =>
          eb.or([
            eb('c.due_at', '>', String(due)),
            eb.and([eb('c.due_at', '=', String(due)), eb('t.id', '>', id)]),
          ]),
        );
      }
      return q.orderBy('c.due_at').orderBy('t.id').limit(limit).execute();
    }
    if (sort === 'created') {
      // Ticket ids are UUIDv7 made from the creation time, so id order is creation order and
      // the primary key serves every "newest first" list, filtered or not.
      if (after) q = q.where('t.id', '<', after[1]);
      return q.orderBy('t.id', 'desc').limit(limit).execute();
    }
    const column = 't.updated_at';
    if (after) {
      const [at, id] = after;
      q = q.where((eb) =>
        eb.or([
          eb(column, '<', String(at)),
          eb.and([eb(column, '=', String(at)), eb('t.id', '<', id)]),
        ]),
      );
    }
    return q.orderBy(column, 'desc').orderBy('t.id', 'desc').limit(limit).execute();
  },

  insertComment: (db: Executor, row: TicketCommentsTable) =>
    db.insertInto('ticket_comments').values(row).execute(),

  comments: (db: Executor, ticketId: string) =>
    db
      .selectFrom('ticket_comments')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),

  watchers: (db: Executor, ticketId: string) =>
    db
      .selectFrom('ticket_watchers as w')
      .innerJoin('users as u', 'u.id', 'w.user_id')
      .select(['u.id', 'u.name'])
      .where('w.ticket_id', '=', ticketId)
      .orderBy('u.name')
      .execute(),

  addWatcher: (db: Executor, ticketId: string, userId: string) =>
    db
      .insertInto('ticket_watchers')
      .values({ ticket_id: ticketId, user_id: userId })
      .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
      .execute(),

  removeWatcher: (db: Executor, ticketId: string, userId: string) =>
    db
      .deleteFrom('ticket_watchers')
      .where('ticket_id', '=', ticketId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),

  /** Links from and to the ticket, with the other ticket's number, title and status. */
  async links(db: Executor, ticketId: string) {
    const outgoing = await db
      .selectFrom('ticket_links as l')
      .innerJoin('tickets as t', 't.id', 'l.target_id')
      .select(['l.kind', 't.id', 't.number', 't.title', 't.status'])
      .where('l.ticket_id', '=', ticketId)
      .execute();
    const incoming = await db
      .selectFrom('ticket_links as l')
      .innerJoin('tickets as t', 't.id', 'l.ticket_id')
      .select(['l.kind', 't.id', 't.number', 't.title', 't.status'])
      .where('l.target_id', '=', ticketId)
      .execute();
    return { outgoing, incoming };
  },

  addLink: (db: Executor, ticketId: string, kind: string, targetId: string, at: string) =>
    db
      .insertInto('ticket_links')
      .values({ ticket_id: ticketId, kind, target_id: targetId, created_at: at })
      .onConflict((oc) => oc.columns(['ticket_id', 'kind', 'target_id']).doNothing())
      .execute(),

  removeLink: (db: Executor, ticketId: string, kind: string, targetId: string) =>
    db
      .deleteFrom('ticket_links')
      .where((eb) =>
        eb.or([
          eb.and([eb('ticket_id', '=', ticketId), eb('target_id', '=', targetId)]),
          // "related" reads both ways, so either end may remove it.
          eb.and([
            eb('ticket_id', '=', targetId),
            eb('target_id', '=', ticketId),
            eb('kind', '=', 'related'),
          ]),
        ]),
      )
      .where('kind', '=', kind)
      .executeTakeFirst(),

  insertApproval: (db: Executor, row: TicketApprovalsTable) =>
    db.insertInto('ticket_approvals').values(row).execute(),

  approvals: (db: Executor, ticketId: string) =>
    db
      .selectFrom('ticket_approvals as p')
      .leftJoin('users as u', 'u.id', 'p.approver_id')
      .leftJoin('groups as g', 'g.id', 'p.group_id')
      .leftJoin('users as d', 'd.id', 'p.decided_by')
      .selectAll('p')
      .select(['u.name as approver_name', 'g.name as group_name', 'd.name as decided_by_name'])
      .where('p.ticket_id', '=', ticketId)
      .orderBy('p.step')
      .execute(),

  saveApproval: (db: Executor, id: string, values: Partial<TicketApprovalsTable>) =>
    db.updateTable('ticket_approvals').set(values).where('id', '=', id).execute(),

  /** Approvals now waiting for this user: as the named approver or as a member of the group. */
  pendingApprovalsFor: (db: Executor, userId: string, groupIds: string[]) =>
    db
      .selectFrom('ticket_approvals as p')
      .innerJoin('tickets as t', 't.id', 'p.ticket_id')
      .leftJoin('users as r', 'r.id', 't.requester_id')
      .select([
        'p.id',
        'p.step',
        'p.kind',
        't.id as ticket_id',
        't.number',
        't.title',
        't.created_at',
        'r.name as requester_name',
      ])
      .where('p.state', '=', 'pending')
      .where((eb) =>
        groupIds.length
          ? eb.or([eb('p.approver_id', '=', userId), eb('p.group_id', 'in', groupIds)])
          : eb('p.approver_id', '=', userId),
      )
      .orderBy('t.created_at')
      .limit(200)
      .execute(),

  insertTask: (db: Executor, row: TicketTasksTable) =>
    db.insertInto('ticket_tasks').values(row).execute(),

  tasks: (db: Executor, ticketId: string) =>
    db
      .selectFrom('ticket_tasks as k')
      .leftJoin('groups as g', 'g.id', 'k.group_id')
      .leftJoin('users as u', 'u.id', 'k.assignee_id')
      .selectAll('k')
      .select(['g.name as group_name', 'u.name as assignee_name'])
      .where('k.ticket_id', '=', ticketId)
      .orderBy('k.position')
      .execute(),

  saveTask: (db: Executor, id: string, values: Partial<TicketTasksTable>) =>
    db.updateTable('ticket_tasks').set(values).where('id', '=', id).execute(),

  names: (db: Executor, userIds: string[]) =>
    userIds.length
      ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()
      : Promise.resolve([]),
};
