// The strategy deck's only SQL, all of it reads: the workspace's name, the catalogue, how many
// records each SMS process holds, who holds which role, groups and owners, and the dated items of
// the improvement register and of management reviews. KPI figures and the roadmap come from their
// own services, never from here.
import type { Executor } from '../../../db/executor.js';
import type { ProcessRecordKey } from './strategy-deck.js';

const count = (value: unknown) => Number(value ?? 0);

/** Rows counted for a process: all of them, and those created in [start, end). */
type Counter = (db: Executor, start: string, end: string) => Promise<[number, number]>;

function counter(
  table:
    | 'services'
    | 'complaints'
    | 'sla_policies'
    | 'changes'
    | 'releases'
    | 'problems'
    | 'kpi_definitions'
    | 'audits'
    | 'management_reviews'
    | 'service_report_subscriptions'
    | 'audit_findings'
    | 'improvements',
): Counter {
  return async (db, start, end) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => [
        eb.fn.countAll().as('total'),
        eb.fn
          .sum(
            eb
              .case()
              .when(eb.and([eb('created_at', '>=', start), eb('created_at', '<', end)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('inside'),
      ])
      .executeTakeFirstOrThrow();
    return [count(row.total), count(row.inside)];
  };
}

function tickets(kind: 'incident' | 'request' | 'major'): Counter {
  return async (db, start, end) => {
    let query = db.selectFrom('tickets');
    query =
      kind === 'major'
        ? query.where('type', '=', 'incident').where('major_incident', '=', true)
        : query.where('type', '=', kind);
    const row = await query
      .select((eb) => [
        eb.fn.countAll().as('total'),
        eb.fn
          .sum(
            eb
              .case()
              .when(eb.and([eb('created_at', '>=', start), eb('created_at', '<', end)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('inside'),
      ])
      .executeTakeFirstOrThrow();
    return [count(row.total), count(row.inside)];
  };
}

const COUNTERS: Record<ProcessRecordKey, Counter> = {
  services: counter('services'),
  complaints: counter('complaints'),
  slaPolicies: counter('sla_policies'),
  changes: counter('changes'),
  releases: counter('releases'),
  incidents: tickets('incident'),
  requests: tickets('request'),
  problems: counter('problems'),
  majorIncidents: tickets('major'),
  kpis: counter('kpi_definitions'),
  audits: counter('audits'),
  reviews: counter('management_reviews'),
  reportSubscriptions: counter('service_report_subscriptions'),
  findings: counter('audit_findings'),
  improvements: counter('improvements'),
};

export const strategyDeckRepository = {
  /** The top company of the organisation tree: the name the deck is made for. */
  async workspaceName(db: Executor): Promise<string | null> {
    const row = await db
      .selectFrom('organisations')
      .select('name')
      .where('kind', '=', 'company')
      .where('parent_id', 'is', null)
      .orderBy('created_at')
      .orderBy('name')
      .executeTakeFirst();
    return row?.name ?? null;
  },

  services(db: Executor) {
    return db
      .selectFrom('services as s')
      .leftJoin('users as u', 'u.id', 's.owner_id')
      .select(['s.name', 's.status', 'u.name as owner_name'])
      .orderBy('s.name')
      .orderBy('s.id')
      .execute();
  },

  /** [all records, records created in the period] of one process. */
  processCount(db: Executor, records: ProcessRecordKey, start: string, end: string) {
    return COUNTERS[records](db, start, end);
  },

  /** Active accounts per role. */
  async roles(db: Executor) {
    const rows = await db
      .selectFrom('users')
      .select((eb) => ['role', eb.fn.countAll().as('people')])
      .where('active', '=', true)
      .groupBy('role')
      .execute();
    return rows.map((r) => ({ role: r.role, people: count(r.people) }));
  },

  async groups(db: Executor) {
    const rows = await db
      .selectFrom('groups as g')
      .leftJoin('users as m', 'm.id', 'g.manager_id')
      .select((eb) => [
        'g.name',
        'm.name as manager_name',
        eb
          .selectFrom('group_members as gm')
          .select(eb.fn.countAll().as('n'))
          .whereRef('gm.group_id', '=', 'g.id')
          .as('members'),
      ])
      .orderBy('g.name')
      .orderBy('g.id')
      .execute();
    return rows.map((r) => ({
      name: r.name,
      managerName: r.manager_name,
      members: count(r.members),
    }));
  },

  /** Controlled documents in force or being written, with their owner. */
  documentOwners(db: Executor) {
    return db
      .selectFrom('documents as d')
      .innerJoin('users as u', 'u.id', 'd.owner_id')
      .select(['u.id as owner_id', 'u.name as owner_name', 'd.title'])
      .where('d.status', '!=', 'retired')
      .orderBy('d.number')
      .execute();
  },

  workstreamLeads(db: Executor) {
    return db
      .selectFrom('compliance_workstreams as w')
      .innerJoin('users as u', 'u.id', 'w.lead_id')
      .select(['u.id as owner_id', 'u.name as owner_name', 'w.name'])
      .orderBy('w.name')
      .execute();
  },

  async userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  /** Improvements with a target date, except rejected ones (they will not happen). */
  improvements(db: Executor) {
    return db
      .selectFrom('improvements as i')
      .leftJoin('users as u', 'u.id', 'i.owner_id')
      .select(['i.number', 'i.title', 'i.status', 'i.target_date', 'u.name as owner_name'])
      .where('i.target_date', 'is not', null)
      .where('i.status', '!=', 'rejected')
      .execute();
  },

  reviewActions(db: Executor) {
    return db
      .selectFrom('management_review_actions as a')
      .innerJoin('management_reviews as r', 'r.id', 'a.review_id')
      .leftJoin('users as u', 'u.id', 'a.owner_id')
      .select(['r.number', 'a.title', 'a.status', 'a.due_date', 'u.name as owner_name'])
      .execute();
  },
};
