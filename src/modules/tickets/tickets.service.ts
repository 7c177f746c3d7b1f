// Tickets: raising, working, replying, moving through the lifecycle, with SLA clocks, the audit
// trail, the search index and ticket events kept in the same transaction as every change.

import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { toBool } from '../../db/values.js';
import type { TicketSearch } from '../../search/ticket-search.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { importedTimeline } from '../imports/core/imported-history.js';
import type { createClockService } from '../sla/clocks.service.js';
import { TICKET_TYPES, type TicketType } from '../sla/policy.js';
import type { DeskSettingsService } from './desk-settings.service.js';
import { createFulfilment } from './fulfilment.js';
import type { CataloguePort, DirectoryPort } from './ports.js';
import { type Access, accessTo, requireAccess } from './ticket-access.js';
import type { TicketEvents, TicketSnapshot } from './ticket-events.js';
import {
  applyStatus,
  CHANNELS,
  type Channel,
  checkLevel,
  checkText,
  type DeskSettings,
  isOpen,
  PREFIX,
  priorityOf,
  type StatusChange,
  type Ticket,
} from './tickets.js';
import {
  type QueueFilter,
  type QueueSort,
  ticketsRepository as repo,
  ticketColumns,
  toTicket,
} from './tickets.repository.js';

type ClockService = ReturnType<typeof createClockService>;

export const QUEUES = [
  'mine',
  'my-groups',
  'unassigned',
  'breaching',
  'open',
  'all',
  'requested',
] as const;
export type Queue = (typeof QUEUES)[number];

/** "Breaching soon": the resolution clock runs out within this long. */
const BREACHING_SOON_MS = 4 * 3600_000;

export interface NewTicket {
  type: string;
  title: string;
  description: string;
  requesterId?: string;
  serviceId?: string | null;
  requestTypeId?: string | null;
  category?: string;
  channel?: string;
  impact?: number;
  urgency?: number;
  groupId?: string | null;
  assigneeId?: string | null;
  majorIncident?: boolean;
  formAnswers?: Record<string, unknown>;
  watcherIds?: string[];
}

export interface TicketPatch {
  title?: string;
  description?: string;
  category?: string;
  impact?: number;
  urgency?: number;
  serviceId?: string | null;
  groupId?: string | null;
  assigneeId?: string | null;
  majorIncident?: boolean;
  type?: string;
}

export interface QueueQuery {
  queue?: Queue;
  status?: string[];
  priority?: string[];
  type?: string;
  serviceId?: string;
  groupId?: string;
  assigneeId?: string;
  sort?: QueueSort;
}

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError(
      'VALIDATION_FAILED',
      'A referenced record does not exist (requester, service, group, assignee or organisation).',
      { errors: [{ field: '/', message: 'refers to a record that does not exist' }] },
    );
  return error;
}

/** parent_of is stored as the child's child_of, so each pair of tickets has one row. */
function storedLink(ticketId: string, kind: string, otherId: string): [string, string, string] {
  return kind === 'parent_of' ? [otherId, ticketId, 'child_of'] : [ticketId, otherId, kind];
}

export function createTicketService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  clocks: ClockService;
  search: TicketSearch;
  events: TicketEvents;
  settings: DeskSettingsService;
  catalogue: CataloguePort;
  directory: DirectoryPort;
}) {
  const { db, audit, clock, clocks, search, events, settings, catalogue, directory } = deps;
  const subject = (id: string) => ({ type: 'ticket', id });

  audit.registerReader('ticket', async (actor, id) => {
    const row = await repo.byId(db, id);
    if (!row) return false;
    return (await accessTo(db, actor, toTicket(row), await settings.current(), directory)) !== null;
  });

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }

  async function find(trx: Executor, idOrNumber: string): Promise<Ticket | undefined> {
    const row = /^(INC|REQ)\d+$/.test(idOrNumber)
      ? await repo.byNumber(trx, idOrNumber)
      : await repo.byId(trx, idOrNumber);
    return row ? toTicket(row) : undefined;
  }

  async function snapshot(trx: Executor, t: Ticket): Promise<TicketSnapshot> {
    const watchers = await repo.watchers(trx, t.id);
    return {
      id: t.id,
      number: t.number,
      type: t.type,
      title: t.title,
      status: t.status,
      priority: t.priority,
      requesterId: t.requesterId,
      organisationId: t.organisationId,
      serviceId: t.serviceId,
      groupId: t.groupId,
      assigneeId: t.assigneeId,
      watcherIds: watchers.map((w) => w.id),
    };
  }

  /** The search document: number, title, description and every reply and note. */
  async function reindex(trx: Executor, t: Ticket, seq?: number) {
    const comments = await repo.comments(trx, t.id);
    const row = seq === undefined ? await repo.byId(trx, t.id) : undefined;
    await search.index(trx, {
      ticketId: t.id,
      seq: seq ?? Number(row?.seq),
      text: [t.number, t.title, t.description, ...comments.map((c) => c.body)].join('\n'),
    });
  }

  const facts = (t: Ticket) => ({
    type: t.type,
    priority: t.priority,
    serviceId: t.serviceId,
    organisationId: t.organisationId,
  });

  async function checkAssignee(trx: Executor, groupId: string | null, assigneeId: string | null) {
    if (assigneeId) {
      const user = await directory.findUser(trx, assigneeId);
      if (!user?.active) throw invalid('/assigneeId', 'no such active user');
      if (user.role === 'requester' || user.role === 'auditor')
        throw invalid('/assigneeId', 'tickets are assigned to agents, managers or administrators');
    }
    if (groupId) {
      const group = await directory.findGroup(trx, groupId);
      if (!group) throw invalid('/groupId', 'no such group');
      if (assigneeId && !group.memberIds.includes(assigneeId))
        throw invalid('/assigneeId', `is not a member of the group ${group.name}`);
    }
  }

  /** Saves `after` over `before` with the version guard, audits the difference, and moves clocks. */
  async function save(
    trx: Executor,
    actor: Actor,
    before: Ticket,
    wanted: Ticket,
    action = 'update',
  ) {
    const changes = diff(before, wanted, { ignore: ['formAnswers'] });
    if (Object.keys(changes).length === 0) return before;
    const now = clock.now();
    const after: Ticket = { ...wanted, version: before.version + 1, updatedAt: now.toISOString() };
    if (!(await repo.update(trx, after, before.version)))
      throw versionConflict('The ticket', (await find(trx, before.id))?.version ?? before.version);
    await audit.record(trx, actor, { action, entityType: 'ticket', entityId: after.id, changes });

    if (
      before.priority !== after.priority ||
      before.type !== after.type ||
      before.serviceId !== after.serviceId ||
      before.organisationId !== after.organisationId
    )
      await clocks.factsChanged(trx, subject(after.id), facts(after));
    if (before.status !== after.status) await statusMoved(trx, actor, before, after, now);
    if (before.assigneeId !== after.assigneeId || before.groupId !== after.groupId) {
      if (after.assigneeId || after.groupId)
        await events.publish(trx, actor, {
          kind: 'assigned',
          ticket: await snapshot(trx, after),
          previousAssigneeId: before.assigneeId,
        });
    }
    if (before.title !== after.title || before.description !== after.description)
      await reindex(trx, after);
    return after;
  }

  async function statusMoved(
    trx: Executor,
    actor: Actor,
    before: Ticket,
    after: Ticket,
    now: Date,
  ) {
    const s = subject(after.id);
    if (after.status === 'resolved' || after.status === 'closed') {
      await clocks.stop(trx, s, 'first_response', now, `ticket ${after.status}`);
      await clocks.stop(trx, s, 'resolution', now, `ticket ${after.status}`);
    } else if (before.status === 'resolved') {
      await clocks.restart(trx, s, 'resolution', now, 'ticket reopened');
      await clocks.statusChanged(trx, s, after.status, now);
    } else {
      await clocks.statusChanged(trx, s, after.status, now);
    }
    const snap = await snapshot(trx, after);
    await events.publish(trx, actor, {
      kind: 'status-changed',
      ticket: snap,
      from: before.status,
      to: after.status,
    });
    if (after.status === 'resolved')
      await events.publish(trx, actor, { kind: 'resolved', ticket: snap });
    if (before.status === 'resolved' && isOpen(after.status))
      await events.publish(trx, actor, { kind: 'reopened', ticket: snap });
  }

  const fulfilment = createFulfilment({ clock, directory, catalogue, repo, audit });

  async function requireWork(actor: Actor, action: string) {
    requirePermission(actor, 'tickets.work', action);
  }

  async function loadForWork(trx: Executor, actor: Actor, id: string) {
    const s = await settings.current(trx);
    return { ...(await requireAccess(trx, actor, await find(trx, id), s, directory)), settings: s };
  }

  const service = {
    async create(actor: Actor, input: NewTicket): Promise<Ticket> {
      requirePermission(actor, 'tickets.submit', 'raise tickets');
      const staff = can(actor, 'tickets.work');
      if (!(TICKET_TYPES as readonly string[]).includes(input.type))
        throw invalid('/type', `must be one of ${TICKET_TYPES.join(', ')}`);
      const type = input.type as TicketType;
      const title = checkText(input.title, '/title', 200);
      const description = input.description.trim();
      if (description.length > 20_000)
        throw invalid('/description', 'must be at most 20000 characters');
      // Requesters raise tickets for themselves; the desk's own fields are set by agents.
      if (!staff) {
        for (const field of [
          'requesterId',
          'groupId',
          'assigneeId',
          'majorIncident',
          'watcherIds',
        ] as const)
          if (
            input[field] !== undefined &&
            !(field === 'requesterId' && input.requesterId === actor.id)
          )
            throw new DomainError(
              'FORBIDDEN',
              `Your role does not allow you to set ${field} on a ticket.`,
            );
      }
      const channel = (input.channel ?? (staff ? 'agent' : 'portal')) as Channel;
      if (!CHANNELS.includes(channel))
        throw invalid('/channel', `must be one of ${CHANNELS.join(', ')}`);
      const impact = checkLevel(input.impact ?? 3, '/impact');
      const urgency = checkLevel(input.urgency ?? 3, '/urgency');

      return inTransaction(async (trx) => {
        const desk = await settings.current(trx);
        const requesterId = input.requesterId ?? actor.id;
        if (!requesterId)
          throw invalid('/requesterId', 'is required when the system raises a ticket');
        const requester = await directory.findUser(trx, requesterId);
        if (!requester?.active) throw invalid('/requesterId', 'no such active user');

        let serviceId = input.serviceId ?? null;
        let requestType = null;
        let formAnswers: Record<string, unknown> = {};
        if (input.requestTypeId) {
          if (type !== 'request')
            throw invalid('/requestTypeId', 'only service requests have a request type');
          requestType = await catalogue.requestTypeById(trx, input.requestTypeId);
          if (!requestType?.active) throw invalid('/requestTypeId', 'no such active request type');
          serviceId = requestType.serviceId;
          formAnswers = catalogue.validateAnswers(requestType.form, input.formAnswers ?? {});
          for (const [key, value] of Object.entries(formAnswers)) {
            const field = (requestType.form as { key: string; kind: string }[]).find(
              (f) => f.key === key,
            );
            if (
              field?.kind === 'user' &&
              typeof value === 'string' &&
              !(await directory.findUser(trx, value))
            )
              throw invalid(`/formAnswers/${key}`, 'no such user');
          }
        } else if (input.formAnswers && Object.keys(input.formAnswers).length) {
          throw invalid('/formAnswers', 'answers need a request type');
        }
        const service = serviceId ? await catalogue.serviceById(trx, serviceId) : undefined;
        if (serviceId && !service) throw invalid('/serviceId', 'no such service');
        const category = input.category?.trim() || (requestType ? 'request' : 'other');
        if (type === 'incident' && !desk.categories.includes(category))
          throw invalid('/category', `must be one of ${desk.categories.join(', ')}`);

        const groupId = input.groupId ?? service?.defaultGroupId ?? null;
        const assigneeId = input.assigneeId ?? null;
        await checkAssignee(trx, groupId, assigneeId);

        const now = clock.now();
        const at = now.toISOString();
        const seq = await nextInSeries(trx, 'ticket');
        const ticket: Ticket = {
          id: uuidv7(now.getTime()),
          number: formatNumber(PREFIX[type], seq),
          type,
          title,
          description,
          requesterId,
          organisationId: requester.organisationId,
          serviceId,
          requestTypeId: requestType?.id ?? null,
          category,
          channel,
          impact,
          urgency,
          priority: priorityOf(desk, impact, urgency),
          status: assigneeId ? 'assigned' : 'new',
          holdReason: null,
          groupId,
          assigneeId,
          resolutionCode: null,
          resolutionNotes: null,
          majorIncident: type === 'incident' && (input.majorIncident ?? false),
          formAnswers,
          firstRespondedAt: null,
          resolvedAt: null,
          closedAt: null,
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        const approvals = requestType?.approvals.length
          ? await fulfilment.planApprovals(trx, ticket, requestType, service)
          : [];
        // A request waiting for approval is on hold until the last step approves.
        if (approvals.length) {
          ticket.status = 'on_hold';
          ticket.holdReason = 'awaiting_approval';
        }
        await repo.insert(trx, {
          ...ticketColumns(ticket),
          id: ticket.id,
          seq,
          number: ticket.number,
          type: ticket.type,
          source_key: null,
          created_at: at,
          version: 1,
        });
        for (const watcherId of new Set(input.watcherIds ?? []))
          await repo.addWatcher(trx, ticket.id, watcherId);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: diff(null, ticket, { ignore: ['id', 'createdAt', 'formAnswers'] }),
        });
        await clocks.start(trx, subject(ticket.id), facts(ticket), now);
        if (ticket.status === 'on_hold')
          await clocks.statusChanged(trx, subject(ticket.id), 'on_hold', now);
        await reindex(trx, ticket, seq);
        const snap = await snapshot(trx, ticket);
        await events.publish(trx, actor, { kind: 'created', ticket: snap });
        if (approvals.length) await fulfilment.insertApprovals(trx, actor, snap, approvals, events);
        else if (requestType) await fulfilment.createTasks(trx, ticket, requestType);
        if (assigneeId || groupId)
          await events.publish(trx, actor, {
            kind: 'assigned',
            ticket: snap,
            previousAssigneeId: null,
          });
        return ticket;
      });
    },

    async get(actor: Actor, id: string) {
      const desk = await settings.current();
      const { ticket, access } = await requireAccess(
        db,
        actor,
        await find(db, id),
        desk,
        directory,
      );
      return service.detail(ticket, access, actor);
    },

    /** The ticket with what its page shows: names, clocks, watchers, links, approvals, tasks. */
    async detail(ticket: Ticket, access: Access, actor: Actor) {
      const names = new Map(
        (
          await repo.names(
            db,
            [ticket.requesterId, ticket.assigneeId].filter((x): x is string => !!x),
          )
        ).map((u) => [u.id, u.name]),
      );
      const group = ticket.groupId ? await directory.findGroup(db, ticket.groupId) : undefined;
      const service = ticket.serviceId
        ? await catalogue.serviceById(db, ticket.serviceId)
        : undefined;
      const requestType = ticket.requestTypeId
        ? await catalogue.requestTypeById(db, ticket.requestTypeId)
        : undefined;
      const links = await repo.links(db, ticket.id);
      const staff = access === 'staff';
      return {
        ...ticket,
        requesterName: names.get(ticket.requesterId) ?? '',
        assigneeName: ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null,
        groupName: group?.name ?? null,
        serviceName: service?.name ?? null,
        requestTypeName: requestType?.name ?? null,
        formFields: requestType?.form ?? [],
        // Fulfilment instructions are for the desk, not for the requester.
        instructions: staff ? (requestType?.instructions ?? null) : null,
        clocks: await clocks.clocks(subject(ticket.id)),
        watchers: await repo.watchers(db, ticket.id),
        links: [
          ...links.outgoing.map((l) => ({ ...l, direction: 'outgoing' as const })),
          ...links.incoming.map((l) => ({ ...l, direction: 'incoming' as const })),
        ],
        approvals: (await repo.approvals(db, ticket.id)).map(fulfilment.toApprovalView),
        tasks: (await repo.tasks(db, ticket.id)).map(fulfilment.toTaskView),
        canWork: staff && can(actor, 'tickets.work'),
      };
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: TicketPatch) {
      await requireWork(actor, 'change tickets');
      return inTransaction(async (trx) => {
        const { ticket: before, settings: desk } = await loadForWork(trx, actor, id);
        if (before.version !== expectedVersion) throw versionConflict('The ticket', before.version);
        if (before.status === 'closed')
          throw new DomainError('INVALID_TRANSITION', 'A closed ticket cannot change.');
        const wanted: Ticket = { ...before };
        if (patch.title !== undefined) wanted.title = checkText(patch.title, '/title', 200);
        if (patch.description !== undefined) wanted.description = patch.description.trim();
        if (patch.category !== undefined)
          wanted.category = checkText(patch.category, '/category', 60);
        if (patch.type !== undefined) {
          if (!(TICKET_TYPES as readonly string[]).includes(patch.type))
            throw invalid('/type', 'must be incident or request');
          if (patch.type !== before.type)
            throw invalid(
              '/type',
              'the type is fixed at creation: raise a new ticket of the other type',
            );
        }
        if (patch.impact !== undefined) wanted.impact = checkLevel(patch.impact, '/impact');
        if (patch.urgency !== undefined) wanted.urgency = checkLevel(patch.urgency, '/urgency');
        wanted.priority = priorityOf(desk, wanted.impact, wanted.urgency);
        if (patch.serviceId !== undefined) {
          if (patch.serviceId && !(await catalogue.serviceById(trx, patch.serviceId)))
            throw invalid('/serviceId', 'no such service');
          wanted.serviceId = patch.serviceId;
        }
        if (patch.majorIncident !== undefined) {
          if (patch.majorIncident && before.type !== 'incident')
            throw invalid('/majorIncident', 'only incidents can be major incidents');
          wanted.majorIncident = patch.majorIncident;
        }
        if (patch.groupId !== undefined) wanted.groupId = patch.groupId;
        if (patch.assigneeId !== undefined) wanted.assigneeId = patch.assigneeId;
        if (patch.groupId !== undefined || patch.assigneeId !== undefined) {
          await checkAssignee(trx, wanted.groupId, wanted.assigneeId);
          // A new ticket given to someone becomes assigned; taken away again, it goes back to new.
          if (wanted.assigneeId && wanted.status === 'new') wanted.status = 'assigned';
          if (!wanted.assigneeId && wanted.status === 'assigned') wanted.status = 'new';
        }
        return save(trx, actor, before, wanted);
      });
    },

    async changeStatus(actor: Actor, id: string, expectedVersion: number, change: StatusChange) {
      requirePermission(actor, 'tickets.submit', 'change tickets');
      return inTransaction(async (trx) => {
        const { ticket: before, access, settings: desk } = await loadForWork(trx, actor, id);
        if (before.version !== expectedVersion) throw versionConflict('The ticket', before.version);
        // Requesters may only reopen their resolved ticket, or close it as solved.
        if (access !== 'staff' || !can(actor, 'tickets.work')) {
          const allowed =
            before.status === 'resolved' &&
            (change.status === 'in_progress' || change.status === 'closed');
          if (!allowed)
            throw new DomainError(
              'FORBIDDEN',
              'Requesters may only reopen or close a resolved ticket.',
            );
        }
        const now = clock.now();
        const wanted = applyStatus(before, change, now.toISOString(), desk);
        if (wanted.status === 'resolved') await fulfilment.checkResolvable(trx, before);
        const after = await save(
          trx,
          actor,
          before,
          wanted,
          before.status === 'resolved' && isOpen(wanted.status) ? 'reopen' : 'update',
        );
        // Taking the ticket in progress is the assignee's acknowledgement.
        if (
          desk.firstResponseBy === 'public-reply-or-acknowledgement' &&
          after.status === 'in_progress' &&
          before.status !== 'on_hold' &&
          !before.firstRespondedAt &&
          actor.id === after.assigneeId
        ) {
          await clocks.stop(
            trx,
            subject(after.id),
            'first_response',
            now,
            'acknowledged by the assignee',
          );
          await repo.touch(trx, after.id, after.updatedAt, now.toISOString());
          return { ...after, firstRespondedAt: now.toISOString() };
        }
        return after;
      });
    },

    async comment(actor: Actor, id: string, input: { visibility: string; body: string }) {
      requirePermission(actor, 'tickets.submit', 'reply to tickets');
      const body = checkText(input.body, '/body', 20_000);
      if (input.visibility !== 'public' && input.visibility !== 'internal')
        throw invalid('/visibility', 'must be public or internal');
      return inTransaction(async (trx) => {
        const { ticket, access } = await loadForWork(trx, actor, id);
        const staff = access === 'staff' && can(actor, 'tickets.work');
        if (input.visibility === 'internal' && !staff)
          throw new DomainError('FORBIDDEN', 'Only the desk may write internal notes.');
        if (ticket.status === 'closed')
          throw new DomainError(
            'INVALID_TRANSITION',
            'A closed ticket takes no more replies; raise a new one.',
          );
        const now = clock.now();
        const at = now.toISOString();
        const comment = {
          id: uuidv7(now.getTime()),
          ticket_id: ticket.id,
          author_id: actor.id,
          author_name: actor.name,
          visibility: input.visibility,
          body,
          created_at: at,
        };
        await repo.insertComment(trx, comment);
        const firstResponse = staff && input.visibility === 'public' && !ticket.firstRespondedAt;
        await repo.touch(trx, ticket.id, at, firstResponse ? at : undefined);
        if (firstResponse)
          await clocks.stop(trx, subject(ticket.id), 'first_response', now, 'first public reply');
        await audit.record(trx, actor, {
          action: input.visibility === 'public' ? 'reply' : 'note',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: { comment: { from: null, to: comment.id } },
        });
        await reindex(trx, ticket);
        let current = {
          ...ticket,
          updatedAt: at,
          firstRespondedAt: firstResponse ? at : ticket.firstRespondedAt,
        };
        // The requester answered what the desk was waiting for: work goes on.
        if (!staff && ticket.status === 'on_hold' && ticket.holdReason === 'awaiting_requester') {
          const desk = await settings.current(trx);
          current = await save(
            trx,
            actor,
            current,
            applyStatus(current, { status: 'in_progress' }, at, desk),
          );
        }
        await events.publish(trx, actor, {
          kind: input.visibility === 'public' ? 'public-reply' : 'internal-note',
          ticket: await snapshot(trx, current),
          commentId: comment.id,
          authorId: actor.id,
        });
        return {
          id: comment.id,
          authorId: actor.id,
          authorName: actor.name,
          visibility: input.visibility,
          body,
          createdAt: at,
        };
      });
    },

    /** Replies, notes and every recorded change, oldest first; requesters see public replies and status moves. */
    async timeline(actor: Actor, id: string) {
      const desk = await settings.current();
      const { ticket, access } = await requireAccess(
        db,
        actor,
        await find(db, id),
        desk,
        directory,
      );
      const staff = access === 'staff';
      const comments = (await repo.comments(db, ticket.id))
        .filter((c) => staff || c.visibility === 'public')
        .map((c) => ({
          kind: 'comment' as const,
          id: c.id,
          at: c.created_at,
          actorName: c.author_name,
          visibility: c.visibility as 'public' | 'internal',
          body: c.body,
          action: null,
          changes: null,
        }));
      const history = await audit.listForEntity(actor, `ticket:${ticket.id}`, { limit: 200 });
      const changes = history.items
        .filter((e) => e.action !== 'reply' && e.action !== 'note')
        .filter((e) => staff || e.action === 'create' || 'status' in e.changes)
        .map((e) => ({
          kind: 'change' as const,
          id: e.id,
          at: e.occurredAt,
          actorName: e.actorName,
          visibility: null,
          body: null,
          action: e.action,
          changes: staff
            ? e.changes
            : Object.fromEntries(
                Object.entries(e.changes).filter(
                  ([k]) => k === 'status' || k === 'resolutionNotes',
                ),
              ),
        }));
      // History brought over from another tool (issue 9) sits before Meridian's own.
      const imported = await importedTimeline(db, ticket.id, staff);
      return [...comments, ...changes, ...imported].sort(
        (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
      );
    },

    async queue(actor: Actor, query: QueueQuery, page: PageRequest) {
      requirePermission(actor, 'tickets.submit', 'list tickets');
      const staff = can(actor, 'tickets.read');
      const size = pageSize(page.limit);
      const queue = query.queue ?? (staff ? 'open' : 'requested');
      const filter: QueueFilter = {
        statuses: query.status,
        priorities: query.priority,
        type: query.type,
        serviceId: query.serviceId,
      };
      let sort: QueueSort = query.sort ?? 'updated';
      if (!staff || queue === 'requested') {
        if (!actor.id) return { items: [], nextCursor: null };
        const desk = await settings.current();
        const me = await directory.findUser(db, actor.id);
        if (desk.requestersSeeOrganisationTickets && me?.organisationId && !staff)
          filter.requesterOrOrganisation = {
            requesterId: actor.id,
            organisationId: me.organisationId,
          };
        else filter.requesterId = actor.id;
      } else {
        if (query.groupId) filter.groupIds = [query.groupId];
        if (query.assigneeId) filter.assigneeId = query.assigneeId;
        if (queue !== 'all') filter.open = true;
        if (queue === 'mine') filter.assigneeId = actor.id ?? '';
        if (queue === 'unassigned') filter.assigneeId = null;
        if (queue === 'my-groups') {
          const mine = actor.id ? await directory.groupIdsOf(db, actor.id) : [];
          filter.groupIds = query.groupId ? mine.filter((g) => g === query.groupId) : mine;
        }
        if (queue === 'breaching') {
          filter.dueBefore = new Date(clock.now().getTime() + BREACHING_SOON_MS).toISOString();
          sort = 'due';
        }
      }
      const rows = await repo.queue(db, filter, sort, decodeCursor(page.cursor), size + 1);
      const now = clock.now().toISOString();
      // Business time left on the resolution clock, from the engine, for the rows shown.
      const left = new Map<string, { remainingMinutes: number; percentUsed: number }>();
      for (const r of rows.slice(0, size))
        if (r.sla_ledger !== null && r.sla_target_minutes !== null)
          left.set(
            r.id,
            await clocks.summary({ ledger: r.sla_ledger, target_minutes: r.sla_target_minutes }),
          );
      return toPage(
        rows,
        size,
        (r) => [
          sort === 'due' ? (r.sla_due_at ?? '') : sort === 'created' ? r.created_at : r.updated_at,
          r.id,
        ],
        (r) => ({
          id: r.id,
          number: r.number,
          type: r.type as TicketType,
          title: r.title,
          status: r.status,
          holdReason: r.hold_reason,
          priority: r.priority,
          requesterId: r.requester_id,
          requesterName: r.requester_name ?? '',
          serviceId: r.service_id,
          serviceName: r.service_name,
          groupId: r.group_id,
          groupName: r.group_name,
          assigneeId: r.assignee_id,
          assigneeName: r.assignee_name,
          majorIncident: toBool(r.major_incident),
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          sla: r.sla_state
            ? {
                state: r.sla_state,
                dueAt: r.sla_due_at,
                breached: r.sla_breached_at !== null && r.sla_breached_at <= now,
                remainingMinutes: left.get(r.id)?.remainingMinutes ?? null,
                percentUsed: left.get(r.id)?.percentUsed ?? null,
              }
            : null,
        }),
      );
    },

    async search(actor: Actor, q: string, limit = 50) {
      requirePermission(actor, 'tickets.submit', 'search tickets');
      const size = Math.min(Math.max(limit, 1), 100);
      const staff = can(actor, 'tickets.read');
      // Requesters: search more and keep what they may see.
      const ids = await search.search(db, q, staff ? size : 500);
      if (ids.length === 0) return [];
      const desk = await settings.current();
      const rows = await repo.queue(db, { ids }, 'updated', null, ids.length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const result = [];
      for (const id of ids) {
        const r = byId.get(id);
        if (!r) continue;
        if (!staff) {
          const full = await find(db, id);
          if (!full || !(await accessTo(db, actor, full, desk, directory))) continue;
        }
        result.push({
          id: r.id,
          number: r.number,
          type: r.type as TicketType,
          title: r.title,
          status: r.status,
          priority: r.priority,
          updatedAt: r.updated_at,
        });
        if (result.length >= size) break;
      }
      return result;
    },

    async addWatcher(actor: Actor, id: string, userId: string) {
      return inTransaction(async (trx) => {
        const { ticket, access } = await loadForWork(trx, actor, id);
        // Requesters may add themselves only (they already see the ticket); the desk anyone.
        if (!(access === 'staff' && can(actor, 'tickets.work')) && userId !== actor.id)
          throw new DomainError('FORBIDDEN', 'Only the desk may add other watchers.');
        if (!(await directory.findUser(trx, userId))) throw invalid('/userId', 'no such user');
        await repo.addWatcher(trx, ticket.id, userId);
        await audit.record(trx, actor, {
          action: 'watch',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: { watcher: { from: null, to: userId } },
        });
        return repo.watchers(trx, ticket.id);
      });
    },

    async removeWatcher(actor: Actor, id: string, userId: string) {
      return inTransaction(async (trx) => {
        const { ticket, access } = await loadForWork(trx, actor, id);
        if (!(access === 'staff' && can(actor, 'tickets.work')) && userId !== actor.id)
          throw new DomainError('FORBIDDEN', 'Only the desk may remove other watchers.');
        const result = await repo.removeWatcher(trx, ticket.id, userId);
        if (Number(result.numDeletedRows) === 0) throw notFound('The watcher');
        await audit.record(trx, actor, {
          action: 'unwatch',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: { watcher: { from: userId, to: null } },
        });
        return repo.watchers(trx, ticket.id);
      });
    },

    async addLink(actor: Actor, id: string, kind: string, target: string) {
      await requireWork(actor, 'link tickets');
      if (!['related', 'duplicate_of', 'child_of', 'parent_of'].includes(kind))
        throw invalid('/kind', 'must be related, duplicate_of, child_of or parent_of');
      return inTransaction(async (trx) => {
        const { ticket } = await loadForWork(trx, actor, id);
        const other = await find(trx, target);
        if (!other) throw invalid('/target', 'no such ticket');
        if (other.id === ticket.id) throw invalid('/target', 'a ticket cannot be linked to itself');
        const [from, to, stored] = storedLink(ticket.id, kind, other.id);
        await repo.addLink(trx, from, stored, to, clock.now().toISOString());
        await audit.record(trx, actor, {
          action: 'link',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: { [kind]: { from: null, to: other.number } },
        });
        return repo.links(trx, ticket.id);
      });
    },

    async removeLink(actor: Actor, id: string, kind: string, target: string) {
      await requireWork(actor, 'unlink tickets');
      return inTransaction(async (trx) => {
        const { ticket } = await loadForWork(trx, actor, id);
        const other = await find(trx, target);
        if (!other) throw notFound('The linked ticket');
        const [from, to, stored] = storedLink(ticket.id, kind, other.id);
        const result = await repo.removeLink(trx, from, stored, to);
        if (Number(result.numDeletedRows) === 0) throw notFound('The link');
        await audit.record(trx, actor, {
          action: 'unlink',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: { [kind]: { from: other.number, to: null } },
        });
        return repo.links(trx, ticket.id);
      });
    },

    async decideApproval(
      actor: Actor,
      id: string,
      approvalId: string,
      decision: { approve: boolean; comment?: string },
    ) {
      requirePermission(actor, 'tickets.submit', 'decide approvals');
      return inTransaction(async (trx) => {
        const { ticket } = await loadForWork(trx, actor, id);
        const result = await fulfilment.decide(
          trx,
          actor,
          ticket,
          approvalId,
          decision,
          events,
          snapshot,
        );
        if (result === 'approved-all') {
          const after = await save(
            trx,
            actor,
            ticket,
            { ...ticket, status: ticket.assigneeId ? 'assigned' : 'new', holdReason: null },
            'approve',
          );
          const requestType = ticket.requestTypeId
            ? await catalogue.requestTypeById(trx, ticket.requestTypeId)
            : undefined;
          if (requestType) await fulfilment.createTasks(trx, after, requestType);
          return after;
        }
        if (result === 'rejected') {
          const now = clock.now().toISOString();
          return save(
            trx,
            actor,
            ticket,
            {
              ...ticket,
              status: 'closed',
              holdReason: null,
              resolutionCode: 'cancelled',
              resolutionNotes: `Rejected by ${actor.name}${decision.comment ? `: ${decision.comment}` : ''}`,
              closedAt: now,
            },
            'reject',
          );
        }
        return ticket;
      });
    },

    async approvalsInbox(actor: Actor) {
      requirePermission(actor, 'tickets.submit', 'see approvals');
      if (!actor.id) return [];
      const groups = await directory.groupIdsOf(db, actor.id);
      return (await repo.pendingApprovalsFor(db, actor.id, groups)).map((r) => ({
        id: r.id,
        step: r.step,
        kind: r.kind,
        ticketId: r.ticket_id,
        number: r.number,
        title: r.title,
        requesterName: r.requester_name ?? '',
        createdAt: r.created_at,
      }));
    },

    async updateTask(
      actor: Actor,
      id: string,
      taskId: string,
      patch: { status?: string; assigneeId?: string | null },
    ) {
      await requireWork(actor, 'work fulfilment tasks');
      return inTransaction(async (trx) => {
        const { ticket } = await loadForWork(trx, actor, id);
        return fulfilment.updateTask(trx, actor, ticket, taskId, patch);
      });
    },

    /** One change applied to many tickets; each ticket in its own transaction, results per ticket. */
    async bulk(
      actor: Actor,
      ids: string[],
      change: { assigneeId?: string | null; groupId?: string | null; status?: StatusChange },
    ) {
      await requireWork(actor, 'change tickets');
      if (ids.length === 0 || ids.length > 200) throw invalid('/ids', 'give 1 to 200 tickets');
      const results: { id: string; ok: boolean; error: string | null }[] = [];
      for (const id of ids) {
        try {
          let current = await find(db, id);
          if (!current) throw notFound('The ticket');
          if (change.groupId !== undefined || change.assigneeId !== undefined)
            current = await service.update(actor, id, current.version, {
              ...(change.groupId !== undefined ? { groupId: change.groupId } : {}),
              ...(change.assigneeId !== undefined ? { assigneeId: change.assigneeId } : {}),
            });
          if (change.status) await service.changeStatus(actor, id, current.version, change.status);
          results.push({ id, ok: true, error: null });
        } catch (error) {
          results.push({
            id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      return results;
    },

    /** SLA warnings and breaches reach the ticket's people (and escalate) through ticket events. */
    async thresholdReached(
      trx: Executor,
      ticketId: string,
      clockKind: 'first_response' | 'resolution',
      percent: number,
      breach: boolean,
    ) {
      await repo.lock(trx, ticketId);
      const ticket = await find(trx, ticketId);
      if (!ticket) return;
      const group = ticket.groupId ? await directory.findGroup(trx, ticket.groupId) : undefined;
      const system: Actor = { id: null, name: 'SLA engine', role: 'system' };
      await audit.record(trx, system, {
        action: breach ? 'sla-breach' : 'sla-warning',
        entityType: 'ticket',
        entityId: ticket.id,
        changes: { [clockKind]: { from: null, to: `${percent}%` } },
      });
      await events.publish(trx, system, {
        kind: 'sla-threshold',
        ticket: await snapshot(trx, ticket),
        clock: clockKind,
        percent,
        breach,
        groupManagerId: group?.managerId ?? null,
        groupMemberIds: group?.memberIds ?? [],
      });
    },

    /** Used by the attachments and review services to check a caller may see the ticket. */
    async visible(trx: Executor, actor: Actor, id: string) {
      return loadForWork(trx, actor, id);
    },
  };

  clocks.onThreshold(async (trx, event) => {
    if (event.subject.type !== 'ticket') return;
    await service.thresholdReached(trx, event.subject.id, event.clock, event.percent, event.breach);
  });

  return service;
}

export type TicketService = ReturnType<typeof createTicketService>;
export type { DeskSettings };
