// What happens to tickets, for the modules that react to it (notifications, surveys, complaints).
// Listeners run inside the ticket's own transaction: whatever they write (a survey, a queued
// email job) commits or rolls back with the change itself. They must stay quick and must not
// send anything directly; slow work goes through the job port.
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../shared/actor.js';

/** The facts a listener needs about the ticket, as they are after the change. */
export interface TicketSnapshot {
  id: string;
  number: string;
  type: 'incident' | 'request';
  title: string;
  status: string;
  priority: string;
  requesterId: string;
  organisationId: string | null;
  serviceId: string | null;
  groupId: string | null;
  assigneeId: string | null;
  watcherIds: string[];
}

export type TicketEvent =
  | { kind: 'created'; ticket: TicketSnapshot }
  /** A new assignee or group: `assigneeId`/`groupId` on the snapshot are the new ones. */
  | { kind: 'assigned'; ticket: TicketSnapshot; previousAssigneeId: string | null }
  | { kind: 'public-reply'; ticket: TicketSnapshot; commentId: string; authorId: string | null }
  | { kind: 'internal-note'; ticket: TicketSnapshot; commentId: string; authorId: string | null }
  | { kind: 'status-changed'; ticket: TicketSnapshot; from: string; to: string }
  /** The ticket reached `resolved` (also reported as status-changed). */
  | { kind: 'resolved'; ticket: TicketSnapshot }
  | { kind: 'reopened'; ticket: TicketSnapshot }
  /** An approval step is now waiting for `approverIds` (every member of a group when it is one). */
  | {
      kind: 'approval-requested';
      ticket: TicketSnapshot;
      approvalId: string;
      approverIds: string[];
    }
  | { kind: 'approval-decided'; ticket: TicketSnapshot; approvalId: string; approved: boolean }
  /** An SLA clock crossed a threshold (percent < 100: warning; 100: breach), once per threshold. */
  | {
      kind: 'sla-threshold';
      ticket: TicketSnapshot;
      clock: 'first_response' | 'resolution';
      percent: number;
      breach: boolean;
      /** Who must hear of it: the assignee, the group's manager, and for escalation the group. */
      groupManagerId: string | null;
      groupMemberIds: string[];
    };

export type TicketEventListener = (
  trx: Executor,
  actor: Actor,
  event: TicketEvent,
) => Promise<void>;

/** A small in-process registry: the ticket service publishes, other modules subscribe at start. */
export function createTicketEvents() {
  const listeners: TicketEventListener[] = [];
  return {
    subscribe(listener: TicketEventListener) {
      listeners.push(listener);
    },
    async publish(trx: Executor, actor: Actor, event: TicketEvent) {
      for (const listener of listeners) await listener(trx, actor, event);
    },
  };
}

export type TicketEvents = ReturnType<typeof createTicketEvents>;
