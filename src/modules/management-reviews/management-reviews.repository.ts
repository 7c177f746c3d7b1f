// The only SQL of the management-reviews module. It reads the tickets and complaints tables for
// two review inputs (read only: those records are written through their own services).
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type {
  ManagementReviewActionsTable,
  ManagementReviewDecisionsTable,
  ManagementReviewsTable,
} from '../../db/tables/management-reviews.js';
import { fromJson, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type {
  Action,
  ActionStatus,
  InputKey,
  InputSnapshot,
  Review,
  ReviewStatus,
} from './management-reviews.js';

/** The inputs column holds the previous period and the items; the period itself has columns. */
interface StoredInputs {
  previousFrom: string;
  previousTo: string;
  items: InputSnapshot['items'];
}

export const toReview = (row: ManagementReviewsTable, attendeeIds: string[]): Review => {
  const stored = row.inputs === null ? null : fromJson<StoredInputs>(row.inputs);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    chairId: row.chair_id,
    status: row.status as ReviewStatus,
    minutes: row.minutes,
    risks: row.risks,
    attendeeIds,
    inputs:
      stored && row.inputs_from && row.inputs_to && row.inputs_refreshed_at
        ? {
            from: row.inputs_from,
            to: row.inputs_to,
            previousFrom: stored.previousFrom,
            previousTo: stored.previousTo,
            refreshedAt: row.inputs_refreshed_at,
            items: stored.items,
          }
        : null,
    inputComments: fromJson<Partial<Record<InputKey, string>>>(row.input_comments),
    closedAt: row.closed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
};

export const reviewRow = (r: Review): ManagementReviewsTable => ({
  id: r.id,
  number: r.number,
  title: r.title,
  planned_on: r.plannedOn,
  held_on: r.heldOn,
  chair_id: r.chairId,
  status: r.status,
  minutes: r.minutes,
  risks: r.risks,
  inputs: r.inputs
    ? toJson({
        previousFrom: r.inputs.previousFrom,
        previousTo: r.inputs.previousTo,
        items: r.inputs.items,
      } satisfies StoredInputs)
    : null,
  inputs_from: r.inputs?.from ?? null,
  inputs_to: r.inputs?.to ?? null,
  inputs_refreshed_at: r.inputs?.refreshedAt ?? null,
  input_comments: toJson(r.inputComments),
  closed_at: r.closedAt,
  created_by: r.createdBy,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  version: r.version,
});

export const toAction = (row: ManagementReviewActionsTable): Action => ({
  id: row.id,
  reviewId: row.review_id,
  decisionId: row.decision_id,
  title: row.title,
  ownerId: row.owner_id,
  dueDate: row.due_date,
  status: row.status as ActionStatus,
  notes: row.notes,
  doneAt: row.done_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const actionRow = (a: Action): ManagementReviewActionsTable => ({
  id: a.id,
  review_id: a.reviewId,
  decision_id: a.decisionId,
  title: a.title,
  owner_id: a.ownerId,
  due_date: a.dueDate,
  status: a.status,
  notes: a.notes,
  done_at: a.doneAt,
  created_by: a.createdBy,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
  version: a.version,
});

export const managementReviewsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('management_reviews').selectAll().where('id', '=', id).executeTakeFirst(),

  byNumber: (db: Executor, number: string) =>
    db.selectFrom('management_reviews').selectAll().where('number', '=', number).executeTakeFirst(),

  insert: (db: Executor, row: ManagementReviewsTable) =>
    db.insertInto('management_reviews').values(row).execute(),

  update: (db: Executor, id: string, expected: number, values: Partial<ManagementReviewsTable>) =>
    updateVersionedRow(db, 'management_reviews', id, expected, values),

  async attendeesOf(db: Executor, reviewIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(reviewIds.map((id) => [id, []]));
    if (!reviewIds.length) return map;
    const rows = await db
      .selectFrom('management_review_attendees')
      .select(['review_id', 'user_id'])
      .where('review_id', 'in', reviewIds)
      .orderBy('user_id')
      .execute();
    for (const r of rows) map.get(r.review_id)?.push(r.user_id);
    return map;
  },

  async setAttendees(db: Executor, reviewId: string, userIds: string[]) {
    await db.deleteFrom('management_review_attendees').where('review_id', '=', reviewId).execute();
    if (userIds.length)
      await db
        .insertInto('management_review_attendees')
        .values(userIds.map((user_id) => ({ review_id: reviewId, user_id })))
        .execute();
  },

  /** Newest planned date first; paged by (planned_on, id). */
  list(db: Executor, after: { plannedOn: string; id: string } | null, limit: number) {
    let query = db.selectFrom('management_reviews').selectAll();
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('planned_on', '<', after.plannedOn),
          eb.and([eb('planned_on', '=', after.plannedOn), eb('id', '<', after.id)]),
        ]),
      );
    return query.orderBy('planned_on', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },

  /** The latest review planned before this one that was held: where the next inputs start. */
  previousHeld: (db: Executor, plannedOn: string, excludeId: string) =>
    db
      .selectFrom('management_reviews')
      .selectAll()
      .where('id', '!=', excludeId)
      .where('status', 'in', ['held', 'closed'])
      .where('planned_on', '<=', plannedOn)
      .orderBy('planned_on', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),

  decisionsOf: (db: Executor, reviewId: string) =>
    db
      .selectFrom('management_review_decisions')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute(),

  async nextDecisionPosition(db: Executor, reviewId: string) {
    const row = await db
      .selectFrom('management_review_decisions')
      .select((eb) => eb.fn.max<number | string | null>('position').as('last'))
      .where('review_id', '=', reviewId)
      .executeTakeFirst();
    return Number(row?.last ?? 0) + 1;
  },

  insertDecision: (db: Executor, row: ManagementReviewDecisionsTable) =>
    db.insertInto('management_review_decisions').values(row).execute(),

  decision: (db: Executor, reviewId: string, id: string) =>
    db
      .selectFrom('management_review_decisions')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('id', '=', id)
      .executeTakeFirst(),

  async deleteDecision(db: Executor, id: string) {
    await db
      .updateTable('management_review_actions')
      .set({ decision_id: null })
      .where('decision_id', '=', id)
      .execute();
    await db.deleteFrom('management_review_decisions').where('id', '=', id).execute();
  },

  actionsOf: (db: Executor, reviewId: string) =>
    db
      .selectFrom('management_review_actions')
      .selectAll()
      .where('review_id', '=', reviewId)
      // By due date: what comes first is on top.
      .orderBy('due_date')
      .orderBy('id')
      .execute(),

  /** Open and overdue (open past `today`) actions per review. */
  async actionCounts(db: Executor, reviewIds: string[], today: string) {
    const map = new Map<string, { open: number; overdue: number }>();
    if (!reviewIds.length) return map;
    const rows = await db
      .selectFrom('management_review_actions')
      .select([
        'review_id',
        sql<number | string>`sum(case when status = 'open' then 1 else 0 end)`.as('open'),
        sql<
          number | string
        >`sum(case when status = 'open' and due_date < ${today} then 1 else 0 end)`.as('overdue'),
      ])
      .where('review_id', 'in', reviewIds)
      .groupBy('review_id')
      .execute();
    for (const r of rows)
      map.set(r.review_id, { open: Number(r.open ?? 0), overdue: Number(r.overdue ?? 0) });
    return map;
  },

  action: (db: Executor, id: string) =>
    db.selectFrom('management_review_actions').selectAll().where('id', '=', id).executeTakeFirst(),

  insertAction: (db: Executor, row: ManagementReviewActionsTable) =>
    db.insertInto('management_review_actions').values(row).execute(),

  updateAction: (
    db: Executor,
    id: string,
    expected: number,
    values: Partial<ManagementReviewActionsTable>,
  ) => updateVersionedRow(db, 'management_review_actions', id, expected, values),

  /**
   * Actions of other reviews planned before `plannedOn`: still open, or done on or after
   * `doneSince` — the status of earlier actions the review looks at.
   */
  earlierActions: (db: Executor, reviewId: string, plannedOn: string, doneSince: string) =>
    db
      .selectFrom('management_review_actions as a')
      .innerJoin('management_reviews as r', 'r.id', 'a.review_id')
      .selectAll('a')
      .select(['r.number as review_number'])
      .where('a.review_id', '!=', reviewId)
      .where('r.planned_on', '<=', plannedOn)
      .where((eb) =>
        eb.or([
          eb('a.status', '=', 'open'),
          eb.and([eb('a.done_at', 'is not', null), eb('a.done_at', '>=', doneSince)]),
        ]),
      )
      .orderBy('a.due_date')
      .orderBy('a.id')
      .limit(500)
      .execute(),

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

  usersExist: async (db: Executor, ids: string[]) => {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await db.selectFrom('users').select('id').where('id', 'in', unique).execute();
    const found = new Set(rows.map((r) => r.id));
    return unique.filter((id) => !found.has(id));
  },

  /** Incidents and requests resolved in [start, end): their type and times. */
  resolvedTickets: (db: Executor, start: string, end: string) =>
    db
      .selectFrom('tickets')
      .select(['type', 'created_at', 'resolved_at'])
      .where('type', 'in', ['incident', 'request'])
      .where('resolved_at', 'is not', null)
      .where('resolved_at', '>=', start)
      .where('resolved_at', '<', end)
      .execute(),

  /** Complaints opened and resolved in [start, end), and those still open at `end`. */
  async complaints(db: Executor, start: string, end: string) {
    const row = await db
      .selectFrom('complaints')
      .select([
        sql<number>`sum(case when created_at >= ${start} and created_at < ${end} then 1 else 0 end)`.as(
          'opened',
        ),
        sql<number>`sum(case when resolved_at >= ${start} and resolved_at < ${end} then 1 else 0 end)`.as(
          'resolved',
        ),
        sql<number>`sum(case when created_at < ${end} and (resolved_at is null or resolved_at >= ${end}) then 1 else 0 end)`.as(
          'open',
        ),
      ])
      .executeTakeFirst();
    return {
      opened: Number(row?.opened ?? 0),
      resolved: Number(row?.resolved ?? 0),
      open: Number(row?.open ?? 0),
    };
  },
};
