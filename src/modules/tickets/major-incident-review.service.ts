// The major-incident review: after a major incident, what happened, its impact and outage window,
// the cause, lessons and actions, signed off by a reviewer. One per major incident, versioned.
import type { Executor } from '../../db/executor.js';
import type { MajorIncidentReviewsTable } from '../../db/schema.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import type { TicketService } from './tickets.service.js';

export interface MajorIncidentReview {
  ticketId: string;
  summary: string;
  impact: string;
  rootCause: string;
  lessons: string;
  actions: string;
  outageStart: string | null;
  outageEnd: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type ReviewInput = Partial<
  Pick<
    MajorIncidentReview,
    'summary' | 'impact' | 'rootCause' | 'lessons' | 'actions' | 'outageStart' | 'outageEnd'
  >
> & { signOff?: boolean };

const toReview = (r: MajorIncidentReviewsTable): MajorIncidentReview => ({
  ticketId: r.ticket_id,
  summary: r.summary,
  impact: r.impact,
  rootCause: r.root_cause,
  lessons: r.lessons,
  actions: r.actions,
  outageStart: r.outage_start,
  outageEnd: r.outage_end,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export function createMajorIncidentReviewService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  tickets: TicketService;
}) {
  const { db, audit, clock, tickets } = deps;
  const load = (trx: Executor, ticketId: string) =>
    trx
      .selectFrom('major_incident_reviews')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();

  return {
    async get(actor: Actor, ticketId: string): Promise<MajorIncidentReview> {
      requirePermission(actor, 'tickets.read', 'see major-incident reviews');
      const { ticket } = await tickets.visible(db, actor, ticketId);
      const row = await load(db, ticket.id);
      if (!row) throw notFound('The major-incident review');
      return toReview(row);
    },

    /** Creates the review (expected version 0) or changes it; `signOff` records the reviewer. */
    async save(actor: Actor, ticketId: string, expectedVersion: number, input: ReviewInput) {
      requirePermission(actor, 'tickets.work', 'write major-incident reviews');
      return db.transaction().execute(async (trx) => {
        const { ticket } = await tickets.visible(trx, actor, ticketId);
        if (!ticket.majorIncident)
          throw new DomainError(
            'INVALID_TRANSITION',
            'Only a major incident has a major-incident review.',
          );
        const existing = await load(trx, ticket.id);
        const before = existing ? toReview(existing) : null;
        if ((before?.version ?? 0) !== expectedVersion)
          throw versionConflict('The major-incident review', before?.version ?? 0);
        for (const field of ['outageStart', 'outageEnd'] as const) {
          const value = input[field];
          if (value && Number.isNaN(Date.parse(value)))
            throw invalid(`/${field}`, 'is not a date and time');
        }
        const now = clock.now().toISOString();
        const after: MajorIncidentReview = {
          ticketId: ticket.id,
          summary: input.summary ?? before?.summary ?? '',
          impact: input.impact ?? before?.impact ?? '',
          rootCause: input.rootCause ?? before?.rootCause ?? '',
          lessons: input.lessons ?? before?.lessons ?? '',
          actions: input.actions ?? before?.actions ?? '',
          outageStart:
            input.outageStart !== undefined ? input.outageStart : (before?.outageStart ?? null),
          outageEnd: input.outageEnd !== undefined ? input.outageEnd : (before?.outageEnd ?? null),
          reviewedBy: input.signOff ? actor.id : (before?.reviewedBy ?? null),
          reviewedAt: input.signOff ? now : (before?.reviewedAt ?? null),
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          version: expectedVersion + 1,
        };
        if (after.outageStart && after.outageEnd && after.outageEnd < after.outageStart)
          throw invalid('/outageEnd', 'is before the start of the outage');
        if (input.signOff && (!after.summary.trim() || !after.rootCause.trim()))
          throw invalid(
            '/summary',
            'a review is signed off with its summary and root cause written',
          );
        const row: MajorIncidentReviewsTable = {
          ticket_id: after.ticketId,
          summary: after.summary,
          impact: after.impact,
          root_cause: after.rootCause,
          lessons: after.lessons,
          actions: after.actions,
          outage_start: after.outageStart,
          outage_end: after.outageEnd,
          reviewed_by: after.reviewedBy,
          reviewed_at: after.reviewedAt,
          created_at: after.createdAt,
          updated_at: after.updatedAt,
          version: after.version,
        };
        if (!before) await trx.insertInto('major_incident_reviews').values(row).execute();
        else {
          const { ticket_id, ...values } = row;
          const result = await trx
            .updateTable('major_incident_reviews')
            .set(values)
            .where('ticket_id', '=', ticket_id)
            .where('version', '=', expectedVersion)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1)
            throw versionConflict('The major-incident review', before.version);
        }
        await audit.record(trx, actor, {
          action: before ? 'review-update' : 'review-create',
          entityType: 'ticket',
          entityId: ticket.id,
          changes: diff(before, after, { ignore: ['ticketId', 'createdAt'] }),
        });
        return after;
      });
    },
  };
}

export type MajorIncidentReviewService = ReturnType<typeof createMajorIncidentReviewService>;
