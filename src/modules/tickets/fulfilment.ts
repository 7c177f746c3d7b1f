// Service request fulfilment: the request type's approval steps (sequential; each approves or
// rejects with a comment) and, once approved, its fulfilment tasks for resolver groups.
import type { Executor } from '../../db/executor.js';
import type { TicketApprovalsTable, TicketTasksTable } from '../../db/schema.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import type {
  CataloguePort,
  CatalogueRequestType,
  CatalogueService,
  DirectoryPort,
} from './ports.js';
import type { TicketEvents, TicketSnapshot } from './ticket-events.js';
import type { Ticket } from './tickets.js';
import type { ticketsRepository } from './tickets.repository.js';

export interface PlannedApproval {
  kind: string;
  approverId: string | null;
  groupId: string | null;
}

type ApprovalRow = Awaited<ReturnType<typeof ticketsRepository.approvals>>[number];
type TaskRow = Awaited<ReturnType<typeof ticketsRepository.tasks>>[number];

export function createFulfilment(deps: {
  clock: Clock;
  directory: DirectoryPort;
  catalogue: CataloguePort;
  repo: typeof ticketsRepository;
  audit: AuditService;
}) {
  const { clock, directory, repo, audit } = deps;

  /** Who decides each step; refuses a request whose approver cannot be found. */
  async function planApprovals(
    trx: Executor,
    ticket: Ticket,
    requestType: CatalogueRequestType,
    service: CatalogueService | undefined,
  ): Promise<PlannedApproval[]> {
    const planned: PlannedApproval[] = [];
    for (const step of requestType.approvals) {
      if (step.kind === 'manager') {
        const requester = await directory.findUser(trx, ticket.requesterId);
        if (!requester?.managerId)
          throw invalid(
            '/requesterId',
            'this request needs the approval of the requester’s manager, and the requester has none',
          );
        planned.push({ kind: 'manager', approverId: requester.managerId, groupId: null });
      } else if (step.kind === 'service-owner') {
        if (!service?.ownerId)
          throw invalid(
            '/serviceId',
            'this request needs the service owner’s approval, and the service has no owner',
          );
        planned.push({ kind: 'service-owner', approverId: service.ownerId, groupId: null });
      } else {
        if (!step.groupId) throw invalid('/requestTypeId', 'an approval step names no group');
        planned.push({ kind: 'group', approverId: null, groupId: step.groupId });
      }
    }
    return planned;
  }

  async function approversOf(
    trx: Executor,
    row: { approver_id: string | null; group_id: string | null },
  ) {
    if (row.approver_id) return [row.approver_id];
    const group = row.group_id ? await directory.findGroup(trx, row.group_id) : undefined;
    return group?.memberIds ?? [];
  }

  async function insertApprovals(
    trx: Executor,
    actor: Actor,
    snapshot: TicketSnapshot,
    planned: PlannedApproval[],
    events: TicketEvents,
  ) {
    let first: TicketApprovalsTable | undefined;
    for (const [i, p] of planned.entries()) {
      const row: TicketApprovalsTable = {
        id: uuidv7(clock.now().getTime()),
        ticket_id: snapshot.id,
        step: i + 1,
        kind: p.kind,
        approver_id: p.approverId,
        group_id: p.groupId,
        state: i === 0 ? 'pending' : 'waiting',
        decided_by: null,
        decided_at: null,
        comment: null,
      };
      await repo.insertApproval(trx, row);
      first ??= row;
    }
    if (first)
      await events.publish(trx, actor, {
        kind: 'approval-requested',
        ticket: snapshot,
        approvalId: first.id,
        approverIds: await approversOf(trx, first),
      });
  }

  async function createTasks(trx: Executor, ticket: Ticket, requestType: CatalogueRequestType) {
    const existing = await repo.tasks(trx, ticket.id);
    if (existing.length) return;
    for (const [i, t] of requestType.tasks.entries()) {
      const row: TicketTasksTable = {
        id: uuidv7(clock.now().getTime()),
        ticket_id: ticket.id,
        position: i + 1,
        title: t.title,
        group_id: t.groupId,
        assignee_id: null,
        status: 'open',
        completed_at: null,
        completed_by: null,
        created_at: clock.now().toISOString(),
      };
      await repo.insertTask(trx, row);
    }
  }

  /**
   * Records a decision on the pending step. Returns what it means for the ticket: another step
   * now waits, every step approved, or the request rejected (which ends it).
   */
  async function decide(
    trx: Executor,
    actor: Actor,
    ticket: Ticket,
    approvalId: string,
    decision: { approve: boolean; comment?: string },
    events: TicketEvents,
    snapshot: (trx: Executor, t: Ticket) => Promise<TicketSnapshot>,
  ): Promise<'next-step' | 'approved-all' | 'rejected'> {
    const all = await repo.approvals(trx, ticket.id);
    const approval = all.find((a) => a.id === approvalId);
    if (!approval) throw notFound('The approval');
    if (approval.state !== 'pending')
      throw new DomainError(
        'CONFLICT',
        `This approval is ${approval.state === 'waiting' ? 'not yet due: an earlier step is still open' : `already ${approval.state}`}.`,
      );
    const deciders = await approversOf(trx, approval);
    if (!actor.id || !deciders.includes(actor.id))
      throw new DomainError('FORBIDDEN', 'You are not an approver of this step.');
    const comment = decision.comment?.trim() ?? '';
    if (!decision.approve && !comment) throw invalid('/comment', 'say why you reject the request');
    const now = clock.now().toISOString();
    await repo.saveApproval(trx, approval.id, {
      state: decision.approve ? 'approved' : 'rejected',
      decided_by: actor.id,
      decided_at: now,
      comment: comment || null,
    });
    await audit.record(trx, actor, {
      action: decision.approve ? 'approval-approved' : 'approval-rejected',
      entityType: 'ticket',
      entityId: ticket.id,
      changes: {
        [`approval step ${approval.step}`]: {
          from: 'pending',
          to: decision.approve ? 'approved' : 'rejected',
        },
        ...(comment ? { comment: { from: null, to: comment } } : {}),
      },
    });
    const snap = await snapshot(trx, ticket);
    await events.publish(trx, actor, {
      kind: 'approval-decided',
      ticket: snap,
      approvalId,
      approved: decision.approve,
    });
    if (!decision.approve) {
      for (const later of all.filter((a) => a.state === 'waiting'))
        await repo.saveApproval(trx, later.id, { state: 'skipped' });
      return 'rejected';
    }
    const next = all.find((a) => a.step > approval.step && a.state === 'waiting');
    if (!next) return 'approved-all';
    await repo.saveApproval(trx, next.id, { state: 'pending' });
    await events.publish(trx, actor, {
      kind: 'approval-requested',
      ticket: snap,
      approvalId: next.id,
      approverIds: await approversOf(trx, next),
    });
    return 'next-step';
  }

  async function updateTask(
    trx: Executor,
    actor: Actor,
    ticket: Ticket,
    taskId: string,
    patch: { status?: string; assigneeId?: string | null },
  ) {
    const task = (await repo.tasks(trx, ticket.id)).find((t) => t.id === taskId);
    if (!task) throw notFound('The task');
    const values: Partial<TicketTasksTable> = {};
    if (patch.status !== undefined) {
      if (!['open', 'done', 'cancelled'].includes(patch.status))
        throw invalid('/status', 'must be open, done or cancelled');
      values.status = patch.status;
      values.completed_at = patch.status === 'open' ? null : clock.now().toISOString();
      values.completed_by = patch.status === 'open' ? null : actor.id;
    }
    if (patch.assigneeId !== undefined) {
      if (patch.assigneeId && !(await directory.findUser(trx, patch.assigneeId)))
        throw invalid('/assigneeId', 'no such user');
      values.assignee_id = patch.assigneeId;
    }
    await repo.saveTask(trx, task.id, values);
    await audit.record(trx, actor, {
      action: 'task-update',
      entityType: 'ticket',
      entityId: ticket.id,
      changes: Object.fromEntries(
        Object.entries(values)
          .filter(([k]) => k === 'status' || k === 'assignee_id')
          .map(([k, v]) => [
            `task ${task.position} ${k === 'status' ? 'status' : 'assignee'}`,
            { from: k === 'status' ? task.status : task.assignee_id, to: v as string | null },
          ]),
      ),
    });
    return (await repo.tasks(trx, ticket.id)).map(toTaskView);
  }

  /** A request with open fulfilment tasks or pending approvals is not done yet. */
  async function checkResolvable(trx: Executor, ticket: Ticket) {
    const open = (await repo.tasks(trx, ticket.id)).filter((t) => t.status === 'open');
    if (open.length)
      throw new DomainError(
        'INVALID_TRANSITION',
        `${open.length} fulfilment task(s) are still open: finish or cancel them first.`,
      );
    const pending = (await repo.approvals(trx, ticket.id)).filter(
      (a) => a.state === 'pending' || a.state === 'waiting',
    );
    if (pending.length)
      throw new DomainError('INVALID_TRANSITION', 'The request still waits for approval.');
  }

  return {
    planApprovals,
    insertApprovals,
    createTasks,
    decide,
    updateTask,
    checkResolvable,
    toApprovalView,
    toTaskView,
  };
}

export function toApprovalView(r: ApprovalRow) {
  return {
    id: r.id,
    step: r.step,
    kind: r.kind,
    approverId: r.approver_id,
    approverName: r.approver_name ?? null,
    groupId: r.group_id,
    groupName: r.group_name ?? null,
    state: r.state,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name ?? null,
    decidedAt: r.decided_at,
    comment: r.comment,
  };
}

export function toTaskView(r: TaskRow) {
  return {
    id: r.id,
    position: r.position,
    title: r.title,
    groupId: r.group_id,
    groupName: r.group_name ?? null,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name ?? null,
    status: r.status,
    completedAt: r.completed_at,
  };
}
