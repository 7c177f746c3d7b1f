import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type { ReleaseCriteriaTable, ReleasesTable } from '../../db/tables/releases.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type {
  Criterion,
  CriterionResult,
  Decision,
  OutcomeResult,
  Release,
  ReleaseStatus,
  ReleaseType,
} from './releases.js';

export const toRelease = (row: ReleasesTable): Release => ({
  id: row.id,
  number: row.number,
  title: row.title,
  description: row.description,
  type: row.type as ReleaseType,
  versionLabel: row.version_label,
  serviceId: row.service_id,
  status: row.status as ReleaseStatus,
  managerId: row.manager_id,
  plannedStart: row.planned_start,
  plannedEnd: row.planned_end,
  deploymentPlan: row.deployment_plan,
  rollbackPlan: row.rollback_plan,
  decision: row.decision as Decision | null,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  decisionComment: row.decision_comment,
  outcomeResult: row.outcome_result as OutcomeResult | null,
  outcome: row.outcome,
  deployedAt: row.deployed_at,
  closedAt: row.closed_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const releaseRow = (r: Release): ReleasesTable => ({
  id: r.id,
  number: r.number,
  title: r.title,
  description: r.description,
  type: r.type,
  version_label: r.versionLabel,
  service_id: r.serviceId,
  status: r.status,
  manager_id: r.managerId,
  planned_start: r.plannedStart,
  planned_end: r.plannedEnd,
  deployment_plan: r.deploymentPlan,
  rollback_plan: r.rollbackPlan,
  decision: r.decision,
  decided_by: r.decidedBy,
  decided_at: r.decidedAt,
  decision_comment: r.decisionComment,
  outcome_result: r.outcomeResult,
  outcome: r.outcome,
  deployed_at: r.deployedAt,
  closed_at: r.closedAt,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  version: r.version,
});

export const toCriterion = (row: ReleaseCriteriaTable): Criterion => ({
  id: row.id,
  releaseId: row.release_id,
  position: row.position,
  description: row.description,
  result: row.result as CriterionResult,
  evidence: row.evidence,
  testedBy: row.tested_by,
  testedAt: row.tested_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const criterionRow = (c: Criterion): ReleaseCriteriaTable => ({
  id: c.id,
  release_id: c.releaseId,
  position: c.position,
  description: c.description,
  result: c.result,
  evidence: c.evidence,
  tested_by: c.testedBy,
  tested_at: c.testedAt,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  version: c.version,
});

export interface ReleaseFilter {
  status?: ReleaseStatus;
  statuses?: readonly ReleaseStatus[];
  serviceId?: string;
  type?: ReleaseType;
}

export const releasesRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('releases').selectAll().where('id', '=', id).executeTakeFirst(),

  byNumber: (db: Executor, number: string) =>
    db.selectFrom('releases').selectAll().where('number', '=', number).executeTakeFirst(),

  insert: (db: Executor, row: ReleasesTable) => db.insertInto('releases').values(row).execute(),

  update: (db: Executor, id: string, expectedVersion: number, values: Partial<ReleasesTable>) =>
    updateVersionedRow(db, 'releases', id, expectedVersion, values),

  /** Most recently changed first, paged by (updated_at, id) descending. */
  async list(db: Executor, filter: ReleaseFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('releases').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.statuses) query = query.where('status', 'in', [...filter.statuses]);
    if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (after) {
      const [updatedAt, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('updated_at', '<', String(updatedAt)),
          eb.and([eb('updated_at', '=', String(updatedAt)), eb('id', '<', id)]),
        ]),
      );
    }
    return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  /** How many releases each status holds, for the board's column headers. */
  async countByStatus(db: Executor, filter: Omit<ReleaseFilter, 'status' | 'statuses'>) {
    let query = db
      .selectFrom('releases')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
      .groupBy('status');
    if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
    if (filter.type) query = query.where('type', '=', filter.type);
    const rows = await query.execute();
    return new Map(rows.map((r) => [r.status, Number(r.count)]));
  },

  async criteria(db: Executor, releaseIds: readonly string[]) {
    if (releaseIds.length === 0) return [];
    return db
      .selectFrom('release_criteria')
      .selectAll()
      .where('release_id', 'in', [...releaseIds])
      .orderBy('release_id')
      .orderBy('position')
      .orderBy('id')
      .execute();
  },

  criterionById: (db: Executor, releaseId: string, id: string) =>
    db
      .selectFrom('release_criteria')
      .selectAll()
      .where('release_id', '=', releaseId)
      .where('id', '=', id)
      .executeTakeFirst(),

  async nextCriterionPosition(db: Executor, releaseId: string): Promise<number> {
    const row = await db
      .selectFrom('release_criteria')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('release_id', '=', releaseId)
      .executeTakeFirst();
    return row?.max == null ? 1 : Number(row.max) + 1;
  },

  insertCriterion: (db: Executor, row: ReleaseCriteriaTable) =>
    db.insertInto('release_criteria').values(row).execute(),

  updateCriterion: async (
    db: Executor,
    id: string,
    expectedVersion: number,
    values: Partial<ReleaseCriteriaTable>,
  ) => {
    const result = await db
      .updateTable('release_criteria')
      .set({ ...values, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  deleteCriterion: (db: Executor, id: string) =>
    db.deleteFrom('release_criteria').where('id', '=', id).execute(),

  async changeLinks(db: Executor, releaseIds: readonly string[]) {
    if (releaseIds.length === 0) return [];
    return db
      .selectFrom('release_changes')
      .selectAll()
      .where('release_id', 'in', [...releaseIds])
      .orderBy('linked_at')
      .orderBy('change_id')
      .execute();
  },

  linkChange: (db: Executor, releaseId: string, changeId: string, by: string | null, at: string) =>
    db
      .insertInto('release_changes')
      .values({ release_id: releaseId, change_id: changeId, linked_by: by, linked_at: at })
      .onConflict((oc) => oc.columns(['release_id', 'change_id']).doNothing())
      .execute(),

  async unlinkChange(db: Executor, releaseId: string, changeId: string) {
    const result = await db
      .deleteFrom('release_changes')
      .where('release_id', '=', releaseId)
      .where('change_id', '=', changeId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },

  incidentLinks: (db: Executor, releaseId: string) =>
    db
      .selectFrom('release_incidents')
      .selectAll()
      .where('release_id', '=', releaseId)
      .orderBy('linked_at')
      .orderBy('ticket_id')
      .execute(),

  linkIncident: (
    db: Executor,
    releaseId: string,
    ticketId: string,
    by: string | null,
    at: string,
  ) =>
    db
      .insertInto('release_incidents')
      .values({ release_id: releaseId, ticket_id: ticketId, linked_by: by, linked_at: at })
      .onConflict((oc) => oc.columns(['release_id', 'ticket_id']).doNothing())
      .execute(),

  async unlinkIncident(db: Executor, releaseId: string, ticketId: string) {
    const result = await db
      .deleteFrom('release_incidents')
      .where('release_id', '=', releaseId)
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
