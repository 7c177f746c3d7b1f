// How problems are found and reused (8.6.3): known errors suggested for an incident, and the trend
// report of repeated incidents from which a problem is raised in one action.
import type { Executor } from '../../db/executor.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { invalid } from '../../shared/errors.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { TicketService } from '../tickets/tickets.service.js';
import { rankKnownErrors } from './problems.js';
import { problemsRepository as repo, type TrendKey, toProblem } from './problems.repository.js';
import type { ProblemInput, ProblemView } from './problems.service.js';

export interface KnownErrorSuggestion {
  problem: ProblemView;
  score: number;
  matchedTerms: string[];
}

export interface TrendRow {
  serviceId: string | null;
  serviceName: string | null;
  category: string;
  count: number;
  /** The newest incidents of the group (at most five). */
  samples: { id: string; number: string }[];
  /** Problems already linked to at least one incident of the group. */
  coveredBy: { id: string; number: string; title: string; status: string }[];
  /** Incidents of the group that no problem explains yet. */
  uncoveredCount: number;
}

export interface TrendQuery {
  from?: string;
  to?: string;
  minIncidents?: number;
}

export interface TrendRaise extends TrendKey {
  from: string;
  to: string;
  title?: string;
  description?: string;
  ownerGroupId?: string | null;
}

const DAY = 86_400_000;
export const DEFAULT_TREND_DAYS = 30;
export const DEFAULT_MIN_INCIDENTS = 3;
/** A trend group's incidents read at most; a larger group is a major incident, not a trend. */
const GROUP_CAP = 500;

function instant(value: string | undefined, field: string, fallback: Date): string {
  if (value === undefined || value === '') return fallback.toISOString();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(field, 'must be a date or date-time');
  return date.toISOString();
}

function period(query: { from?: string; to?: string }, now: Date) {
  const to = instant(query.to, '/to', now);
  const from = instant(
    query.from,
    '/from',
    new Date(new Date(to).getTime() - DEFAULT_TREND_DAYS * DAY),
  );
  if (from >= to) throw invalid('/to', 'must be after from');
  return { from, to };
}

export function createProblemInsights(deps: {
  db: Executor;
  clock: Clock;
  catalogue: CatalogueService;
  tickets: TicketService;
  knownErrorsFor: typeof repo.knownErrorsFor;
  createIn(trx: Executor, actor: Actor, input: ProblemInput): Promise<ProblemView>;
  inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R>;
}) {
  const { db, clock, catalogue, tickets, createIn, inTransaction } = deps;

  return {
    /**
     * Known errors that may explain an incident: those of the incident's service (of every
     * service when it has none, and then only those whose text matches), not yet linked to it,
     * best text match first (see rankKnownErrors).
     */
    async suggestions(actor: Actor, ticketRef: string, limit = 5): Promise<KnownErrorSuggestion[]> {
      requirePermission(actor, 'problems.read', 'see known errors');
      const { ticket } = await tickets.visible(db, actor, ticketRef);
      if (ticket.type !== 'incident') throw invalid('/ticketId', 'must be an incident');
      const rows = await deps.knownErrorsFor(db, ticket.serviceId, ticket.id);
      const services = await repo.serviceIdsOf(
        db,
        rows.map((r) => r.id),
      );
      const ranked = rankKnownErrors(
        `${ticket.title}\n${ticket.description}`,
        rows.map((r) => toProblem(r, services.get(r.id) ?? [])),
      )
        .filter((s) => ticket.serviceId !== null || s.score > 0)
        .slice(0, limit);
      const counts = await repo.countIncidents(
        db,
        ranked.map((s) => s.item.id),
      );
      return ranked.map((s) => ({
        problem: { ...s.item, incidentCount: counts.get(s.item.id) ?? 0 },
        score: s.score,
        matchedTerms: s.matchedTerms,
      }));
    },

    /**
     * Services and categories with at least `minIncidents` incidents raised in [from, to), most
     * incidents first, each with whether problems already cover them.
     */
    async trends(
      actor: Actor,
      query: TrendQuery,
    ): Promise<{ from: string; to: string; minIncidents: number; rows: TrendRow[] }> {
      requirePermission(actor, 'problems.read', 'see incident trends');
      const { from, to } = period(query, clock.now());
      const minIncidents = query.minIncidents ?? DEFAULT_MIN_INCIDENTS;
      if (!Number.isInteger(minIncidents) || minIncidents < 2)
        throw invalid('/minIncidents', 'must be a whole number of at least 2');
      const groups = await repo.trendGroups(db, from, to, minIncidents);
      const rows: TrendRow[] = [];
      for (const group of groups) {
        const incidents = await repo.trendIncidents(db, group, from, to, GROUP_CAP);
        const links = await repo.linksOfTickets(
          db,
          incidents.map((i) => i.id),
        );
        const covered = new Set(links.map((l) => l.ticketId));
        const problems = new Map(
          links.map((l) => [
            l.id,
            { id: l.id, number: l.number, title: l.title, status: l.status },
          ]),
        );
        rows.push({
          serviceId: group.serviceId,
          serviceName: group.serviceId
            ? ((await catalogue.serviceById(db, group.serviceId))?.name ?? null)
            : null,
          category: group.category,
          count: group.count,
          samples: incidents.slice(0, 5),
          coveredBy: [...problems.values()].sort((a, b) => a.number.localeCompare(b.number)),
          uncoveredCount: incidents.filter((i) => !covered.has(i.id)).length,
        });
      }
      rows.sort(
        (a, b) =>
          b.count - a.count ||
          b.uncoveredCount - a.uncoveredCount ||
          (a.serviceName ?? '').localeCompare(b.serviceName ?? '') ||
          a.category.localeCompare(b.category),
      );
      return { from, to, minIncidents, rows };
    },

    /** Raises a problem for a trend row, linked to every incident of the row's period. */
    async raiseFromTrend(actor: Actor, input: TrendRaise): Promise<ProblemView> {
      requirePermission(actor, 'problems.work', 'raise problems');
      const { from, to } = period(input, clock.now());
      return inTransaction(async (trx) => {
        const service = input.serviceId
          ? await catalogue.serviceById(trx, input.serviceId)
          : undefined;
        if (input.serviceId && !service) throw invalid('/serviceId', 'no such service');
        const incidents = await repo.trendIncidents(trx, input, from, to, GROUP_CAP);
        if (!incidents.length)
          throw invalid('/category', 'no incidents of this service and category in the period');
        const where = service ? `${service.name}, ${input.category}` : input.category;
        return createIn(trx, actor, {
          title: input.title?.trim() || `Repeated incidents: ${where}`,
          description:
            input.description?.trim() ||
            `Raised from the incident trend report: ${incidents.length} incidents (${where}) between ${from.slice(0, 10)} and ${to.slice(0, 10)}.`,
          ownerGroupId: input.ownerGroupId ?? null,
          serviceIds: input.serviceId ? [input.serviceId] : [],
          incidentIds: incidents.map((i) => i.id),
        });
      });
    },
  };
}
