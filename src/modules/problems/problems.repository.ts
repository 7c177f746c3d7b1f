// The only SQL of the problems module. It reads the tickets table for links and trends (read
// only: tickets are written through the tickets service).
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { ProblemsTable } from '../../db/tables/problems.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type { Problem, ProblemStatus, RcaMethod } from './problems.js';

export const toProblem = (row: ProblemsTable, serviceIds: string[]): Problem => ({
  id: row.id,
  number: row.number,
  title: row.title,
  description: row.description,
  status: row.status as ProblemStatus,
  ownerGroupId: row.owner_group_id,
  assigneeId: row.assignee_id,
  rcaMethod: row.rca_method as RcaMethod | null,
  rootCause: row.root_cause,
  contributingFactors: row.contributing_factors,
  workaround: row.workaround,
  serviceIds,
  knownErrorAt: row.known_error_at,
  resolvedAt: row.resolved_at,
  closedAt: row.closed_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** The columns a problem is saved to, with its search text. */
export const problemRow = (p: Problem, searchText: string): ProblemsTable => ({
  id: p.id,
  number: p.number,
  title: p.title,
  description: p.description,
  status: p.status,
  owner_group_id: p.ownerGroupId,
  assignee_id: p.assigneeId,
  rca_method: p.rcaMethod,
  root_cause: p.rootCause,
  contributing_factors: p.contributingFactors,
  workaround: p.workaround,
  search_text: searchText,
  known_error_at: p.knownErrorAt,
  resolved_at: p.resolvedAt,
  closed_at: p.closedAt,
  created_by: p.createdBy,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
  version: p.version,
});

export interface ProblemFilter {
  status?: ProblemStatus;
  serviceId?: string;
  knownErrorsOnly?: boolean;
  /** Lower-cased words that must all appear in the search text. */
  words?: string[];
}

/** LIKE pattern for a literal substring (with `escape '\'`, the same on both databases). */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface TrendKey {
  serviceId: string | null;
  category: string;
}

export const problemsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst(),

  byNumber: (db: Executor, number: string) =>
    db.selectFrom('problems').selectAll().where('number', '=', number).executeTakeFirst(),

  async serviceIdsOf(db: Executor, problemIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(problemIds.map((id) => [id, []]));
    if (!problemIds.length) return map;
    const rows = await db
      .selectFrom('problem_services')
      .select(['problem_id', 'service_id'])
      .where('problem_id', 'in', problemIds)
      .orderBy('service_id')
      .execute();
    for (const r of rows) map.get(r.problem_id)?.push(r.service_id);
    return map;
  },

  insert: (db: Executor, row: ProblemsTable) => db.insertInto('problems').values(row).execute(),

  update: (db: Executor, id: string, expectedVersion: number, values: Partial<ProblemsTable>) =>
    updateVersionedRow(db, 'problems', id, expectedVersion, values),

  async setServices(db: Executor, problemId: string, serviceIds: string[]) {
    await db.deleteFrom('problem_services').where('problem_id', '=', problemId).execute();
    if (serviceIds.length)
      await db
        .insertInto('problem_services')
        .values(serviceIds.map((service_id) => ({ problem_id: problemId, service_id })))
        .execute();
  },

  /** Newest first (UUIDv7 ids follow creation time), paged by id. */
  async list(db: Executor, filter: ProblemFilter, afterId: string | null, limit: number) {
    let query = db.selectFrom('problems').selectAll();
    if (filter.knownErrorsOnly) query = query.where('status', '=', 'known_error');
    if (filter.status) query = query.where('status', '=', filter.status);
    const serviceId = filter.serviceId;
    if (serviceId)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('problem_services')
            .select('problem_id')
            .whereRef('problem_services.problem_id', '=', 'problems.id')
            .where('problem_services.service_id', '=', serviceId),
        ),
      );
    for (const word of filter.words ?? [])
      query = query.where(sql<boolean>`search_text like ${containing(word)} escape '\\'`);
    if (afterId) query = query.where('id', '<', afterId);
    return query.orderBy('id', 'desc').limit(limit).execute();
  },

  summaries: (db: Executor, ids: string[]) =>
    ids.length
      ? db
          .selectFrom('problems')
          .select(['id', 'number', 'title', 'status'])
          .where('id', 'in', ids)
          .execute()
      : Promise.resolve([]),

  incidentsOf: (db: Executor, problemId: string) =>
    db
      .selectFrom('problem_incidents')
      .innerJoin('tickets', 'tickets.id', 'problem_incidents.ticket_id')
      .select([
        'tickets.id as id',
        'tickets.number as number',
        'tickets.title as title',
        'tickets.status as status',
        'tickets.priority as priority',
        'tickets.service_id as serviceId',
        'tickets.created_at as createdAt',
        'problem_incidents.linked_at as linkedAt',
        'problem_incidents.linked_by as linkedBy',
      ])
      .where('problem_incidents.problem_id', '=', problemId)
      .orderBy('tickets.id', 'desc')
      .execute(),

  countIncidents: async (db: Executor, problemIds: string[]) => {
    const map = new Map<string, number>();
    if (!problemIds.length) return map;
    const rows = await db
      .selectFrom('problem_incidents')
      .select(['problem_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('problem_id', 'in', problemIds)
      .groupBy('problem_id')
      .execute();
    for (const r of rows) map.set(r.problem_id, Number(r.n));
    return map;
  },

  problemIdsOfTicket: async (db: Executor, ticketId: string) =>
    (
      await db
        .selectFrom('problem_incidents')
        .select('problem_id')
        .where('ticket_id', '=', ticketId)
        .orderBy('problem_id', 'desc')
        .execute()
    ).map((r) => r.problem_id),

  /** True when the link is new; an existing link is left as it is. */
  async link(db: Executor, problemId: string, ticketId: string, by: string | null, at: string) {
    const result = await db
      .insertInto('problem_incidents')
      .values({ problem_id: problemId, ticket_id: ticketId, linked_by: by, linked_at: at })
      .onConflict((oc) => oc.columns(['problem_id', 'ticket_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async unlink(db: Executor, problemId: string, ticketId: string) {
    const result = await db
      .deleteFrom('problem_incidents')
      .where('problem_id', '=', problemId)
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },

  /** Known errors of a service (any service when null), minus those already linked to the ticket. */
  knownErrorsFor: (db: Executor, serviceId: string | null, excludeLinkedTo: string) => {
    let query = db
      .selectFrom('problems')
      .selectAll()
      .where('status', '=', 'known_error')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('problem_incidents')
              .select('problem_id')
              .whereRef('problem_incidents.problem_id', '=', 'problems.id')
              .where('problem_incidents.ticket_id', '=', excludeLinkedTo),
          ),
        ),
      );
    if (serviceId)
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('problem_services')
            .select('problem_id')
            .whereRef('problem_services.problem_id', '=', 'problems.id')
            .where('problem_services.service_id', '=', serviceId),
        ),
      );
    // A desk has hundreds of known errors at most; the cap keeps a runaway one cheap.
    return query.orderBy('known_error_at', 'desc').limit(500).execute();
  },

  /** Incidents raised in [from, to) grouped by service and category, the groups of at least `min`. */
  trendGroups: async (db: Executor, from: string, to: string, min: number) =>
    (
      await db
        .selectFrom('tickets')
        .select(['service_id', 'category', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('type', '=', 'incident')
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy(['service_id', 'category'])
        .having((eb) => eb.fn.countAll(), '>=', min)
        .execute()
    ).map((r) => ({ serviceId: r.service_id, category: r.category, count: Number(r.n) })),

  /** The incidents of one trend group, newest first. */
  trendIncidents: (db: Executor, key: TrendKey, from: string, to: string, limit: number) => {
    let query = db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('type', '=', 'incident')
      .where('category', '=', key.category)
      .where('created_at', '>=', from)
      .where('created_at', '<', to);
    query =
      key.serviceId === null
        ? query.where('service_id', 'is', null)
        : query.where('service_id', '=', key.serviceId);
    return query.orderBy('id', 'desc').limit(limit).execute();
  },

  /** For each ticket, the problems linked to it. */
  linksOfTickets: (db: Executor, ticketIds: string[]) =>
    ticketIds.length
      ? db
          .selectFrom('problem_incidents')
          .innerJoin('problems', 'problems.id', 'problem_incidents.problem_id')
          .select([
            'problem_incidents.ticket_id as ticketId',
            'problems.id as id',
            'problems.number as number',
            'problems.title as title',
            'problems.status as status',
          ])
          .where('problem_incidents.ticket_id', 'in', ticketIds)
          .execute()
      : Promise.resolve([]),

  /** Incidents of a service whose title contains a text, newest first (for the demo seeder). */
  incidentIdsLike: async (db: Executor, serviceId: string, titleContains: string, limit: number) =>
    (
      await db
        .selectFrom('tickets')
        .select('id')
        .where('type', '=', 'incident')
        .where('service_id', '=', serviceId)
        .where(
          sql<boolean>`lower(title) like ${containing(titleContains.toLowerCase())} escape '\\'`,
        )
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
    ).map((r) => r.id),
};
