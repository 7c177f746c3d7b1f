// The only SQL of the improvement register.
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { ImprovementsTable } from '../../db/tables/improvements.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import {
  type Improvement,
  type ImprovementSource,
  type ImprovementStatus,
  OPEN_STATUSES,
  priorityOf,
} from './improvements.js';

export const toImprovement = (row: ImprovementsTable): Improvement => ({
  id: row.id,
  number: row.number,
  title: row.title,
  description: row.description,
  source: row.source as ImprovementSource,
  sourceId: row.source_id,
  sourceLabel: row.source_label,
  expectedBenefit: row.expected_benefit,
  scores: {
    benefit: row.benefit_score === null ? null : Number(row.benefit_score),
    effort: row.effort_score === null ? null : Number(row.effort_score),
    impact: row.impact_score === null ? null : Number(row.impact_score),
  },
  ownerId: row.owner_id,
  status: row.status as ImprovementStatus,
  targetDate: row.target_date,
  progressNote: row.progress_note,
  rejectionReason: row.rejection_reason,
  outcome: {
    measure: row.outcome_measure,
    before: row.outcome_before,
    after: row.outcome_after,
    measuredOn: row.outcome_measured_on,
    notes: row.outcome_notes,
  },
  approvedAt: row.approved_at,
  startedAt: row.started_at,
  implementedAt: row.implemented_at,
  closedAt: row.closed_at,
  rejectedAt: row.rejected_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const improvementRow = (i: Improvement): ImprovementsTable => ({
  id: i.id,
  number: i.number,
  title: i.title,
  description: i.description,
  source: i.source,
  source_id: i.sourceId,
  source_label: i.sourceLabel,
  expected_benefit: i.expectedBenefit,
  benefit_score: i.scores.benefit,
  effort_score: i.scores.effort,
  impact_score: i.scores.impact,
  priority_score: priorityOf(i.scores)?.score ?? 0,
  owner_id: i.ownerId,
  status: i.status,
  target_date: i.targetDate,
  progress_note: i.progressNote,
  rejection_reason: i.rejectionReason,
  outcome_measure: i.outcome.measure,
  outcome_before: i.outcome.before,
  outcome_after: i.outcome.after,
  outcome_measured_on: i.outcome.measuredOn,
  outcome_notes: i.outcome.notes,
  approved_at: i.approvedAt,
  started_at: i.startedAt,
  implemented_at: i.implementedAt,
  closed_at: i.closedAt,
  rejected_at: i.rejectedAt,
  created_by: i.createdBy,
  created_at: i.createdAt,
  updated_at: i.updatedAt,
  version: i.version,
});

export interface ImprovementFilter {
  status?: ImprovementStatus;
  source?: ImprovementSource;
  ownerId?: string;
  sourceId?: string;
  /** Open items past their target date on this day (YYYY-MM-DD). */
  overdueOn?: string;
}

type Eb = ExpressionBuilder<Database, 'improvements'>;

const count = (row: { n: number | string } | undefined) => Number(row?.n ?? 0);

export const improvementsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('improvements').selectAll().where('id', '=', id).executeTakeFirst(),

  byNumber: (db: Executor, number: string) =>
    db.selectFrom('improvements').selectAll().where('number', '=', number).executeTakeFirst(),

  insert: (db: Executor, row: ImprovementsTable) =>
    db.insertInto('improvements').values(row).execute(),

  update: (db: Executor, id: string, expected: number, values: Partial<ImprovementsTable>) =>
    updateVersionedRow(db, 'improvements', id, expected, values),

  /**
   * Highest priority first (unscored last), then oldest first; paged by (priority, id) with the
   * id ascending inside one priority.
   */
  list(
    db: Executor,
    filter: ImprovementFilter,
    after: { score: number; id: string } | null,
    limit: number,
  ) {
    let query = db.selectFrom('improvements').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.source) query = query.where('source', '=', filter.source);
    if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
    if (filter.sourceId) query = query.where('source_id', '=', filter.sourceId);
    const overdueOn = filter.overdueOn;
    if (overdueOn)
      query = query
        .where('status', 'in', [...OPEN_STATUSES])
        .where('target_date', 'is not', null)
        .where('target_date', '<', overdueOn);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('priority_score', '<', after.score),
          eb.and([eb('priority_score', '=', after.score), eb('id', '>', after.id)]),
        ]),
      );
    return query.orderBy('priority_score', 'desc').orderBy('id', 'asc').limit(limit).execute();
  },

  /** The whole register by priority, for the Playbook (a register holds hundreds at most). */
  all: (db: Executor) =>
    db
      .selectFrom('improvements')
      .selectAll()
      .orderBy('priority_score', 'desc')
      .orderBy('id', 'asc')
      .limit(5000)
      .execute(),

  async summary(db: Executor, start: string, end: string, to: string) {
    // Completed = reached "implemented" (closing only adds the measured outcome).
    const completedBy = (eb: Eb) =>
      eb.and([eb('implemented_at', 'is not', null), eb('implemented_at', '<', end)]);
    const rejectedBy = (eb: Eb) =>
      eb.and([eb('rejected_at', 'is not', null), eb('rejected_at', '<', end)]);
    const openAtEnd = db
      .selectFrom('improvements')
      .where('created_at', '<', end)
      .where((eb) => eb.not(eb.or([completedBy(eb), rejectedBy(eb)])));
    const [raised, completed, open, overdue] = await Promise.all([
      db
        .selectFrom('improvements')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('created_at', '>=', start)
        .where('created_at', '<', end)
        .executeTakeFirst(),
      db
        .selectFrom('improvements')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('implemented_at', '>=', start)
        .where('implemented_at', '<', end)
        .executeTakeFirst(),
      openAtEnd.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
      openAtEnd
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('target_date', 'is not', null)
        .where('target_date', '<', to)
        .executeTakeFirst(),
    ]);
    return {
      raised: count(raised),
      completed: count(completed),
      open: count(open),
      overdue: count(overdue),
    };
  },

  bySource: (db: Executor, source: string, sourceIds: string[]) =>
    sourceIds.length
      ? db
          .selectFrom('improvements')
          .select(['id', 'number', 'title', 'status', 'source_id'])
          .where('source', '=', source)
          .where('source_id', 'in', sourceIds)
          .orderBy('id')
          .execute()
      : Promise.resolve([]),

  userNames: async (db: Executor, ids: string[]) => {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map<string, string>();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
