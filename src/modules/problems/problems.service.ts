// Problems and known errors (8.6.3): records with root-cause analysis and workaround, linked to the
// incidents they explain and the services they affect. Staff read them (problems.read); agents,
// managers and admins work them (problems.work). Every write is audited as entity 'problem'.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { TicketService } from '../tickets/tickets.service.js';
import type { UserService } from '../users/users.service.js';
import { createProblemInsights } from './problem-insights.js';
import {
  checkRcaMethod,
  checkStatusRequirements,
  checkTitle,
  moveTo,
  optionalText,
  type Problem,
  type ProblemStatus,
  searchTextOf,
} from './problems.js';
import {
  type ProblemFilter,
  problemRow,
  problemsRepository as repo,
  toProblem,
} from './problems.repository.js';

export const PROBLEM_SERIES = 'PRB';

export interface ProblemInput {
  title: string;
  description?: string;
  ownerGroupId?: string | null;
  assigneeId?: string | null;
  rcaMethod?: string | null;
  rootCause?: string | null;
  contributingFactors?: string | null;
  workaround?: string | null;
  serviceIds?: string[];
  /** Incidents (ids or numbers) to link at creation. */
  incidentIds?: string[];
}

export type ProblemPatch = Partial<Omit<ProblemInput, 'incidentIds'>>;

export interface StatusChange {
  status: ProblemStatus;
  /** The RCA texts a move needs may come with it, so "mark as known error" is one request. */
  rootCause?: string | null;
  workaround?: string | null;
}

export interface LinkedIncident {
  id: string;
  number: string;
  title: string;
  status: string;
  priority: string;
  serviceId: string | null;
  createdAt: string;
  linkedAt: string;
  linkedBy: string | null;
}

export type ProblemView = Problem & { incidentCount: number };

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError(
      'VALIDATION_FAILED',
      'The problem refers to a group, user, service or ticket that does not exist.',
      { errors: [{ field: '/', message: 'refers to a record that does not exist' }] },
    );
  return error;
}

export function createProblemService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  tickets: TicketService;
  catalogue: CatalogueService;
  groups: GroupService;
  users: Pick<UserService, 'find'>;
}) {
  const { db, audit, clock, tickets, catalogue, groups, users } = deps;

  audit.registerReader('problem', async (actor) => can(actor, 'problems.read'));

  async function load(trx: Executor, id: string): Promise<Problem | undefined> {
    const row = /^PRB\d+$/.test(id) ? await repo.byNumber(trx, id) : await repo.byId(trx, id);
    if (!row) return undefined;
    return toProblem(row, (await repo.serviceIdsOf(trx, [row.id])).get(row.id) ?? []);
  }

  const writes = auditedWrites<Problem>(
    { db, audit, clock, mapError },
    {
      what: 'The problem',
      entityType: 'problem',
      load,
      // Problems are created by createIn below, in a transaction that also links incidents.
      insert: () => Promise.reject(new Error('problems are created through createIn')),
      async update(trx, p, expected) {
        const { id: _id, created_at: _c, version: _v, ...values } = problemRow(p, searchTextOf(p));
        if (!(await repo.update(trx, p.id, expected, values))) return false;
        await repo.setServices(trx, p.id, p.serviceIds);
        return true;
      },
    },
  );

  async function withCount(trx: Executor, p: Problem): Promise<ProblemView> {
    return { ...p, incidentCount: (await repo.countIncidents(trx, [p.id])).get(p.id) ?? 0 };
  }

  /** Unknown references are named by field instead of failing on a foreign key. */
  async function checkReferences(
    trx: Executor,
    p: Pick<Problem, 'ownerGroupId' | 'assigneeId' | 'serviceIds'>,
  ) {
    if (p.ownerGroupId && !(await groups.find(trx, p.ownerGroupId)))
      throw invalid('/ownerGroupId', 'no such group');
    if (p.assigneeId && !(await users.find(trx, p.assigneeId)))
      throw invalid('/assigneeId', 'no such user');
    for (const serviceId of p.serviceIds)
      if (!(await catalogue.serviceById(trx, serviceId)))
        throw invalid('/serviceIds', `no such service: ${serviceId}`);
  }

  /** The incident behind an id or number, as the caller may see it; other tickets are refused. */
  async function incidentFor(trx: Executor, actor: Actor, ref: string, field: string) {
    let ticket: Awaited<ReturnType<TicketService['visible']>>['ticket'];
    try {
      ticket = (await tickets.visible(trx, actor, ref)).ticket;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND')
        throw invalid(field, `no such ticket: ${ref}`);
      throw error;
    }
    if (ticket.type !== 'incident')
      throw invalid(field, `${ticket.number} is a request, not an incident`);
    return ticket;
  }

  async function linkIn(trx: Executor, actor: Actor, problem: Problem, ref: string, field: string) {
    const ticket = await incidentFor(trx, actor, ref, field);
    if (await repo.link(trx, problem.id, ticket.id, actor.id, clock.now().toISOString()))
      await audit.record(trx, actor, {
        // An update of the problem's incidents, so its history reads "Linked incident: — → INC…".
        action: 'update',
        entityType: 'problem',
        entityId: problem.id,
        changes: { linkedIncident: { from: null, to: ticket.number } },
      });
    return ticket;
  }

  function fields(input: ProblemPatch, before: Problem): Problem {
    return {
      ...before,
      title: input.title !== undefined ? checkTitle(input.title) : before.title,
      description:
        input.description !== undefined
          ? (optionalText(input.description, '/description') ?? '')
          : before.description,
      ownerGroupId: input.ownerGroupId !== undefined ? input.ownerGroupId : before.ownerGroupId,
      assigneeId: input.assigneeId !== undefined ? input.assigneeId : before.assigneeId,
      rcaMethod: input.rcaMethod !== undefined ? checkRcaMethod(input.rcaMethod) : before.rcaMethod,
      rootCause:
        input.rootCause !== undefined
          ? optionalText(input.rootCause, '/rootCause')
          : before.rootCause,
      contributingFactors:
        input.contributingFactors !== undefined
          ? optionalText(input.contributingFactors, '/contributingFactors')
          : before.contributingFactors,
      workaround:
        input.workaround !== undefined
          ? optionalText(input.workaround, '/workaround')
          : before.workaround,
      serviceIds:
        input.serviceIds !== undefined ? [...new Set(input.serviceIds)].sort() : before.serviceIds,
    };
  }

  async function createIn(trx: Executor, actor: Actor, input: ProblemInput): Promise<Problem> {
    const now = clock.now();
    const blank: Problem = {
      id: uuidv7(now.getTime()),
      number: '',
      title: '',
      description: '',
      status: 'new',
      ownerGroupId: null,
      assigneeId: null,
      rcaMethod: null,
      rootCause: null,
      contributingFactors: null,
      workaround: null,
      serviceIds: [],
      knownErrorAt: null,
      resolvedAt: null,
      closedAt: null,
      createdBy: actor.id,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const problem = fields(input, blank);
    await checkReferences(trx, problem);
    const refs = [...new Set(input.incidentIds ?? [])];
    // Refuse a bad incident before the number is taken or anything is written.
    for (const ref of refs) await incidentFor(trx, actor, ref, '/incidentIds');
    problem.number = formatNumber(PROBLEM_SERIES, await nextInSeries(trx, PROBLEM_SERIES));
    await repo.insert(trx, problemRow(problem, searchTextOf(problem)));
    await repo.setServices(trx, problem.id, problem.serviceIds);
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'problem',
      entityId: problem.id,
      changes: diff(null, problem, { ignore: ['id', 'createdAt'] }),
    });
    for (const ref of refs) await linkIn(trx, actor, problem, ref, '/incidentIds');
    return problem;
  }

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }

  async function list(
    actor: Actor,
    filter: Omit<ProblemFilter, 'words'> & { q?: string },
    page: PageRequest,
  ): Promise<Page<ProblemView>> {
    requirePermission(actor, 'problems.read', 'see problems');
    const size = pageSize(page.limit);
    const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
    const rows = await repo.list(
      db,
      { ...filter, words },
      decodeCursor(page.cursor)?.[1] ?? null,
      size + 1,
    );
    const kept = rows.slice(0, size).map((r) => r.id);
    const [services, counts] = await Promise.all([
      repo.serviceIdsOf(db, kept),
      repo.countIncidents(db, kept),
    ]);
    return toPage(
      rows,
      size,
      (r) => [r.id, r.id],
      (r) => ({ ...toProblem(r, services.get(r.id) ?? []), incidentCount: counts.get(r.id) ?? 0 }),
    );
  }

  const insights = createProblemInsights({
    db,
    clock,
    catalogue,
    tickets,
    knownErrorsFor: repo.knownErrorsFor,
    createIn: (trx, actor, input) => createIn(trx, actor, input).then((p) => withCount(trx, p)),
    inTransaction,
  });

  return {
    list,

    /** The known-error database: problems with a recorded root cause and workaround. */
    knownErrors: (
      actor: Actor,
      filter: { q?: string; serviceId?: string },
      page: PageRequest,
    ): Promise<Page<ProblemView>> => list(actor, { ...filter, knownErrorsOnly: true }, page),

    async get(actor: Actor, id: string): Promise<ProblemView> {
      requirePermission(actor, 'problems.read', 'see problems');
      return withCount(db, await writes.load(db, id));
    },

    async create(actor: Actor, input: ProblemInput): Promise<ProblemView> {
      requirePermission(actor, 'problems.work', 'raise problems');
      return inTransaction(async (trx) => withCount(trx, await createIn(trx, actor, input)));
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: ProblemPatch,
    ): Promise<ProblemView> {
      requirePermission(actor, 'problems.work', 'change problems');
      const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
        const after = fields(patch, before);
        await checkReferences(trx, after);
        checkStatusRequirements(after);
        return after;
      });
      return withCount(db, saved);
    },

    async transition(
      actor: Actor,
      id: string,
      expectedVersion: number,
      change: StatusChange,
    ): Promise<ProblemView> {
      requirePermission(actor, 'problems.work', 'change the status of problems');
      const saved = await writes.update(actor, id, expectedVersion, (before) => {
        const after = moveTo(
          before,
          fields({ rootCause: change.rootCause, workaround: change.workaround }, before),
          change.status,
          clock.now().toISOString(),
        );
        checkStatusRequirements(after);
        return after;
      });
      return withCount(db, saved);
    },

    async incidents(actor: Actor, id: string): Promise<LinkedIncident[]> {
      requirePermission(actor, 'problems.read', 'see problems');
      const problem = await writes.load(db, id);
      return repo.incidentsOf(db, problem.id);
    },

    async linkIncident(actor: Actor, id: string, ticketRef: string): Promise<LinkedIncident[]> {
      requirePermission(actor, 'problems.work', 'link incidents to problems');
      return inTransaction(async (trx) => {
        const problem = await writes.load(trx, id);
        if (problem.status === 'closed')
          throw new DomainError('CONFLICT', 'A closed problem takes no more incidents.', {
            errors: [{ field: '/ticketId', message: 'the problem is closed' }],
          });
        await linkIn(trx, actor, problem, ticketRef, '/ticketId');
        return repo.incidentsOf(trx, problem.id);
      });
    },

    async unlinkIncident(actor: Actor, id: string, ticketRef: string): Promise<LinkedIncident[]> {
      requirePermission(actor, 'problems.work', 'unlink incidents from problems');
      return inTransaction(async (trx) => {
        const problem = await writes.load(trx, id);
        const { ticket } = await tickets.visible(trx, actor, ticketRef);
        if (!(await repo.unlink(trx, problem.id, ticket.id))) throw notFound('The link');
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'problem',
          entityId: problem.id,
          changes: { linkedIncident: { from: ticket.number, to: null } },
        });
        return repo.incidentsOf(trx, problem.id);
      });
    },

    /** The problems an incident is linked to, for the ticket page. */
    async problemsOfTicket(actor: Actor, ticketRef: string): Promise<ProblemView[]> {
      requirePermission(actor, 'problems.read', 'see problems');
      const { ticket } = await tickets.visible(db, actor, ticketRef);
      const ids = await repo.problemIdsOfTicket(db, ticket.id);
      const found = await Promise.all(ids.map((id) => load(db, id)));
      return Promise.all(
        found.filter((p): p is Problem => p !== undefined).map((p) => withCount(db, p)),
      );
    },

    ...insights,

    /** Incidents of a service whose title contains a text (the demo seeder links them). */
    incidentIdsMatching: (serviceId: string, titleContains: string, limit: number) =>
      repo.incidentIdsLike(db, serviceId, titleContains, limit),

    /** For the changes module: the problems behind ids, without a permission check. */
    async summaries(
      trx: Executor,
      ids: string[],
    ): Promise<Map<string, { id: string; number: string; title: string; status: string }>> {
      const rows = await repo.summaries(trx, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r]));
    },
  };
}

export type ProblemService = ReturnType<typeof createProblemService>;
