// Complaints: opened by a low survey score (in the survey's transaction) or raised by staff by
// hand; owned by the service owner; every change audited. Who may: complaints.manage or the
// complaint's owner. The person who complained may read theirs; requesters learn nothing of others'.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { Delivery } from '../notifications/notifications.js';
import { type Complaint, type ComplaintStatus, checkSummary, transition } from './complaints.js';
import {
  type ComplaintFilter,
  complaintRow,
  complaintsRepository as repo,
  toComplaint,
} from './complaints.repository.js';

export const COMPLAINT_SERIES = 'CMP';

/** Who owns complaints about a service: its owner, from the service catalogue. */
export type ServiceOwnerOf = (trx: Executor, serviceId: string) => Promise<string | null>;

export interface NewComplaint {
  summary: string;
  ticketId?: string | null;
  surveyId?: string | null;
  serviceId?: string | null;
  complainantId?: string | null;
  /** For the owner's notification: what the complaint is about. */
  subjectTitle?: string;
}

export interface ComplaintPatch {
  status?: ComplaintStatus;
  resolution?: string | null;
  summary?: string;
}

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError(
      'VALIDATION_FAILED',
      'The ticket, service or complainant of the complaint does not exist.',
      {
        errors: [
          { field: '/', message: 'refers to a ticket, service or user that does not exist' },
        ],
      },
    );
  return error;
}

export function createComplaintService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  serviceOwnerOf: ServiceOwnerOf;
  notifications: { notify(trx: Executor, delivery: Delivery): Promise<void> };
}) {
  const { db, audit, clock, serviceOwnerOf, notifications } = deps;

  const manages = (actor: Actor) => can(actor, 'complaints.manage');
  const owns = (actor: Actor, c: Complaint) => actor.id !== null && c.ownerId === actor.id;
  const raised = (actor: Actor, c: Complaint) => actor.id !== null && c.complainantId === actor.id;

  audit.registerReader('complaint', async (actor, id) => {
    if (manages(actor)) return true;
    const row = await repo.byId(db, id);
    return row ? owns(actor, toComplaint(row)) : false;
  });

  const writes = auditedWrites<Complaint>(
    { db, audit, clock, mapError },
    {
      what: 'The complaint',
      entityType: 'complaint',
      load: async (trx, id) => {
        const row = await repo.byId(trx, id);
        return row ? toComplaint(row) : undefined;
      },
      insert: (trx, c) => repo.insert(trx, complaintRow(c)).then(() => undefined),
      update: (trx, c, expected) => {
        const { id: _id, version: _v, created_at: _c, ...values } = complaintRow(c);
        return repo.update(trx, c.id, expected, values);
      },
    },
  );

  /** Loads a complaint the actor may see: others' are 403 for staff and 404 for requesters. */
  async function visible(trx: Executor, actor: Actor, id: string): Promise<Complaint> {
    const complaint = await writes.load(trx, id);
    if (manages(actor) || owns(actor, complaint) || raised(actor, complaint)) return complaint;
    if (actor.role === 'requester') throw notFound('The complaint');
    throw new DomainError(
      'FORBIDDEN',
      'Only complaint managers and the complaint’s owner may see it.',
      {
        permission: 'complaints.manage',
      },
    );
  }

  /** Opens a complaint inside the caller's transaction (a survey answer, or a hand-raised one). */
  async function openIn(trx: Executor, actor: Actor, input: NewComplaint): Promise<Complaint> {
    const now = clock.now();
    const serviceId = input.serviceId ?? null;
    const complaint: Complaint = {
      id: uuidv7(now.getTime()),
      number: formatNumber(COMPLAINT_SERIES, await nextInSeries(trx, COMPLAINT_SERIES)),
      ticketId: input.ticketId ?? null,
      surveyId: input.surveyId ?? null,
      serviceId,
      ownerId: serviceId ? await serviceOwnerOf(trx, serviceId) : null,
      complainantId: input.complainantId ?? null,
      summary: checkSummary(input.summary),
      status: 'open',
      resolution: null,
      resolvedAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    await repo.insert(trx, complaintRow(complaint));
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'complaint',
      entityId: complaint.id,
      changes: diff(null, complaint, { ignore: ['id', 'createdAt'] }),
    });
    if (complaint.ownerId) {
      await notifications.notify(trx, {
        kind: 'complaint-opened',
        subject: { type: 'complaint', id: complaint.id },
        link: `/complaints/${complaint.id}`,
        params: {
          number: complaint.number,
          title: input.subjectTitle ?? complaint.summary.slice(0, 120),
          actorName: actor.name,
        },
        audience: [{ role: 'owner', userIds: [complaint.ownerId] }],
        actorId: actor.id,
      });
    }
    return complaint;
  }

  return {
    openIn,

    /** Staff raise a complaint by hand (a phone call, a letter to the store manager). */
    async create(actor: Actor, input: NewComplaint): Promise<Complaint> {
      requirePermission(actor, 'tickets.work', 'raise complaints');
      checkSummary(input.summary);
      try {
        return await db.transaction().execute((trx) => openIn(trx, actor, input));
      } catch (error) {
        throw mapError(error);
      }
    },

    async list(
      actor: Actor,
      filter: Omit<ComplaintFilter, 'involving'>,
      page: PageRequest,
    ): Promise<Page<Complaint>> {
      const size = pageSize(page.limit);
      const scoped: ComplaintFilter = manages(actor)
        ? filter
        : { ...filter, involving: actor.id ?? '(nobody)' };
      const rows = await repo.list(db, scoped, decodeCursor(page.cursor), size + 1);
      return toPage(rows, size, (r) => [r.created_at, r.id], toComplaint);
    },

    get: (actor: Actor, id: string) => visible(db, actor, id),

    async update(actor: Actor, id: string, expectedVersion: number, patch: ComplaintPatch) {
      const current = await visible(db, actor, id);
      if (!manages(actor) && !owns(actor, current)) {
        throw new DomainError(
          'FORBIDDEN',
          'Only complaint managers and the complaint’s owner may change it.',
          { permission: 'complaints.manage' },
        );
      }
      return writes.update(actor, id, expectedVersion, (before) => ({
        ...before,
        summary: patch.summary !== undefined ? checkSummary(patch.summary) : before.summary,
        ...transition(before, patch, clock.now().toISOString()),
      }));
    },
  };
}

export type ComplaintService = ReturnType<typeof createComplaintService>;
