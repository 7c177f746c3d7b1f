// Satisfaction surveys: created when a ticket is resolved (once per ticket), answered once through
// a link only the requester received, counted into satisfaction figures. A low score opens a
// complaint in the same transaction as the answer.
import type { Executor } from '../../db/executor.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { ComplaintService } from '../complaints/complaints.service.js';
import type { Delivery } from '../notifications/notifications.js';
import type { TicketEvent } from '../tickets/ticket-events.js';
import {
  COMPLAINT_THRESHOLD,
  figures,
  hashToken,
  newToken,
  type SatisfactionFigures,
  type StatsKey,
  type SurveyState,
  stateOf,
} from './surveys.js';
import { surveysRepository as repo } from './surveys.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PublicSurvey {
  ticketNumber: string;
  ticketTitle: string;
  serviceName: string | null;
  state: SurveyState;
  expiresAt: string;
}

export interface StatsRow extends SatisfactionFigures {
  key: string | null;
  label: string | null;
}

export interface SurveyStats {
  by: StatsKey;
  from: string;
  to: string;
  overall: SatisfactionFigures;
  rows: StatsRow[];
}

/** Names for the keys of the statistics, read through the owning modules. */
export interface LabelPorts {
  serviceName(db: Executor, id: string): Promise<string | null>;
  groupName(id: string): Promise<string | null>;
  userName(id: string): Promise<string | null>;
}

export type TicketSummaryOf = (
  db: Executor,
  ticketId: string,
) => Promise<{ number: string; title: string } | undefined>;

export function createSurveyService(deps: {
  db: Executor;
  clock: Clock;
  expiryDays: number;
  notifications: { notify(trx: Executor, delivery: Delivery): Promise<void> };
  complaints: Pick<ComplaintService, 'openIn'>;
  labels: LabelPorts;
  /** The requester's name for the audit trail of an answer. */
  userName: (id: string) => Promise<string | null>;
  /** The ticket's number and title, from the ticket service. */
  ticketSummary: TicketSummaryOf;
}) {
  const { db, clock, expiryDays, notifications, complaints, labels } = deps;
  const { ticketSummary } = deps;

  async function find(executor: Executor, token: string) {
    const row = await repo.byTokenHash(executor, hashToken(token));
    if (!row) throw notFound('The survey');
    return row;
  }

  return {
    /** The ticket-event listener: on resolution, one survey per ticket and an invitation. */
    async onTicketEvent(trx: Executor, actor: Actor, event: TicketEvent): Promise<void> {
      if (event.kind !== 'resolved') return;
      const t = event.ticket;
      // Resolved again after a reopening: the first survey stands.
      if (await repo.byTicket(trx, t.id)) return;
      const now = clock.now();
      const token = newToken();
      const id = uuidv7(now.getTime());
      const expiresAt = new Date(now.getTime() + expiryDays * DAY_MS).toISOString();
      const created = await repo.insertOnce(trx, {
        id,
        ticket_id: t.id,
        token_hash: hashToken(token),
        requester_id: t.requesterId,
        service_id: t.serviceId,
        group_id: t.groupId,
        agent_id: t.assigneeId,
        sent_at: now.toISOString(),
        expires_at: expiresAt,
        rating: null,
        comment: null,
        answered_at: null,
      });
      if (!created) return;
      // The token leaves only in this invitation (the requester's notification and email).
      await notifications.notify(trx, {
        kind: 'survey-invitation',
        subject: { type: 'survey', id },
        link: `/survey/${token}`,
        params: { number: t.number, title: t.title, actorName: actor.name, expiresAt },
        audience: [{ role: 'requester', userIds: [t.requesterId] }],
        actorId: null,
      });
    },

    async byToken(token: string): Promise<PublicSurvey> {
      const row = await find(db, token);
      const ticket = await ticketSummary(db, row.ticket_id);
      return {
        ticketNumber: ticket?.number ?? '',
        ticketTitle: ticket?.title ?? '',
        serviceName: row.service_id ? await labels.serviceName(db, row.service_id) : null,
        state: stateOf({ answeredAt: row.answered_at, expiresAt: row.expires_at }, clock.now()),
        expiresAt: row.expires_at,
      };
    },

    /** Records the one answer; refuses a second one (409) or a late one (410), writing nothing. */
    async answer(token: string, input: { rating: number; comment?: string }): Promise<void> {
      if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
        throw invalid('/rating', 'must be a whole number from 1 to 5');
      const first = await find(db, token);
      const actor: Actor = {
        id: first.requester_id,
        name: (await deps.userName(first.requester_id)) ?? 'Survey respondent',
        role: 'requester',
      };
      const comment = input.comment?.trim() || null;
      await db.transaction().execute(async (trx) => {
        const row = await find(trx, token);
        const now = clock.now();
        const state = stateOf({ answeredAt: row.answered_at, expiresAt: row.expires_at }, now);
        if (state === 'answered')
          throw new DomainError(
            'ALREADY_ANSWERED',
            'This survey was already answered; it takes one answer.',
            {
              state,
            },
          );
        if (state === 'expired')
          throw new DomainError(
            'EXPIRED',
            `This survey expired on ${row.expires_at}; it can no longer be answered.`,
            { state },
          );
        const saved = await repo.answer(trx, row.id, {
          rating: input.rating,
          comment,
          answeredAt: now.toISOString(),
        });
        if (!saved)
          throw new DomainError(
            'ALREADY_ANSWERED',
            'This survey was already answered; it takes one answer.',
            {
              state: 'answered',
            },
          );
        if (input.rating <= COMPLAINT_THRESHOLD) {
          const ticket = await ticketSummary(trx, row.ticket_id);
          await complaints.openIn(trx, actor, {
            summary:
              comment ??
              `Rated ${input.rating} out of 5 in the satisfaction survey${ticket ? ` of ${ticket.number}` : ''}, without a comment.`,
            ticketId: row.ticket_id,
            surveyId: row.id,
            serviceId: row.service_id,
            complainantId: row.requester_id,
            subjectTitle: ticket ? `${ticket.number} ${ticket.title}` : undefined,
          });
        }
      });
    },

    /**
     * Satisfaction per service, group or agent over the surveys sent in [from, to).
     * Satisfaction index = average rating / 5 × 100.
     */
    async stats(
      actor: Actor,
      query: { from?: string; to?: string; by?: StatsKey },
    ): Promise<SurveyStats> {
      requirePermission(actor, 'tickets.read', 'see satisfaction figures');
      const by = query.by ?? 'service';
      const to = query.to ? new Date(query.to) : clock.now();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
      if (Number.isNaN(from.getTime())) throw invalid('query/from', 'is not a date-time');
      if (Number.isNaN(to.getTime())) throw invalid('query/to', 'is not a date-time');
      if (from.getTime() >= to.getTime()) throw invalid('query/from', 'must be before "to"');
      const counts = await repo.ratingCounts(db, by, from.toISOString(), to.toISOString());
      const byKey = new Map<string | null, { rating: number | null; n: number }[]>();
      for (const c of counts) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
      const label = async (key: string | null) => {
        if (key === null) return null;
        if (by === 'service') return labels.serviceName(db, key);
        if (by === 'group') return labels.groupName(key);
        return labels.userName(key);
      };
      const rows: StatsRow[] = [];
      for (const [key, list] of byKey)
        rows.push({ key, label: await label(key), ...figures(list) });
      rows.sort(
        (a, b) => b.sent - a.sent || String(a.label ?? '').localeCompare(String(b.label ?? '')),
      );
      return {
        by,
        from: from.toISOString(),
        to: to.toISOString(),
        overall: figures(counts),
        rows,
      };
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
