// The SQL of the implementation roadmap: phases, workstreams, tasks, their dependencies and the
// gaps they close.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type {
  CompliancePhasesTable,
  ComplianceTasksTable,
  ComplianceWorkstreamsTable,
} from '../../db/tables/compliance.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import {
  isOverdue,
  type Phase,
  type Raci,
  type Task,
  type TaskStatus,
  type Workstream,
} from './compliance.js';

export const toPhase = (r: CompliancePhasesTable): Phase => ({
  id: r.id,
  key: r.key,
  position: r.position,
  title: r.title,
  startDate: r.start_date,
  endDate: r.end_date,
  updatedAt: r.updated_at,
  version: r.version,
});

export const phaseRow = (p: Phase): CompliancePhasesTable => ({
  id: p.id,
  key: p.key,
  position: p.position,
  title: p.title,
  start_date: p.startDate,
  end_date: p.endDate,
  updated_at: p.updatedAt,
  version: p.version,
});

export const toWorkstream = (r: ComplianceWorkstreamsTable): Workstream => ({
  id: r.id,
  name: r.name,
  description: r.description,
  leadId: r.lead_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const workstreamRow = (w: Workstream): ComplianceWorkstreamsTable => ({
  id: w.id,
  name: w.name,
  description: w.description,
  lead_id: w.leadId,
  created_at: w.createdAt,
  updated_at: w.updatedAt,
  version: w.version,
});

export const toTask = (
  r: ComplianceTasksTable,
  links: { dependsOn: string[]; gapItemIds: string[] },
  today: string,
): Task => {
  const status = r.status as TaskStatus;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    description: r.description,
    phaseId: r.phase_id,
    workstreamId: r.workstream_id,
    ownerId: r.owner_id,
    ...raciOf(r.raci),
    startDate: r.start_date,
    dueDate: r.due_date,
    status,
    percentComplete: r.percent_complete,
    effortDays: r.effort_days === null ? null : Number(r.effort_days),
    milestone: toBool(r.milestone),
    dependsOn: links.dependsOn,
    requirementNumbers: fromJson<string[]>(r.requirement_numbers) ?? [],
    gapItemIds: links.gapItemIds,
    overdue: isOverdue({ dueDate: r.due_date, status }, today),
    completedAt: r.completed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
};

export const taskRow = (t: Task): ComplianceTasksTable => ({
  id: t.id,
  number: t.number,
  title: t.title,
  description: t.description,
  phase_id: t.phaseId,
  workstream_id: t.workstreamId,
  owner_id: t.ownerId,
  raci: toJson({ ...t.raci, groups: t.raciGroups }),
  start_date: t.startDate,
  due_date: t.dueDate,
  status: t.status,
  percent_complete: t.percentComplete,
  effort_days: t.effortDays,
  milestone: t.milestone,
  requirement_numbers: toJson(t.requirementNumbers),
  completed_at: t.completedAt,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  version: t.version,
});

export interface TaskFilter {
  status?: TaskStatus;
  phaseId?: string;
  workstreamId?: string;
  ownerId?: string;
  /** Owner, or named in the raci (matched in the service: the raci is JSON). */
  overdueBefore?: string;
}

export const roadmapRepository = {
  phases: (db: Executor) =>
    db.selectFrom('compliance_phases').selectAll().orderBy('position').execute(),

  phaseById: (db: Executor, id: string) =>
    db.selectFrom('compliance_phases').selectAll().where('id', '=', id).executeTakeFirst(),

  updatePhase: (
    db: Executor,
    id: string,
    expected: number,
    values: Partial<CompliancePhasesTable>,
  ) => updateVersionedRow(db, 'compliance_phases', id, expected, values),

  workstreams: (db: Executor) =>
    db.selectFrom('compliance_workstreams').selectAll().orderBy('name').execute(),

  workstreamById: (db: Executor, id: string) =>
    db.selectFrom('compliance_workstreams').selectAll().where('id', '=', id).executeTakeFirst(),

  insertWorkstream: (db: Executor, row: ComplianceWorkstreamsTable) =>
    db.insertInto('compliance_workstreams').values(row).execute(),

  updateWorkstream: (
    db: Executor,
    id: string,
    expected: number,
    values: Partial<ComplianceWorkstreamsTable>,
  ) => updateVersionedRow(db, 'compliance_workstreams', id, expected, values),

  taskRows: (db: Executor) =>
    db.selectFrom('compliance_tasks').selectAll().orderBy('start_date').orderBy('number').execute(),

  taskById: (db: Executor, id: string) =>
    db.selectFrom('compliance_tasks').selectAll().where('id', '=', id).executeTakeFirst(),

  existingTaskIds: async (db: Executor, ids: string[]) =>
    ids.length === 0
      ? []
      : (await db.selectFrom('compliance_tasks').select('id').where('id', 'in', ids).execute()).map(
          (r) => r.id,
        ),

  insertTask: (db: Executor, row: ComplianceTasksTable) =>
    db.insertInto('compliance_tasks').values(row).execute(),

  updateTask: (db: Executor, id: string, expected: number, values: Partial<ComplianceTasksTable>) =>
    updateVersionedRow(db, 'compliance_tasks', id, expected, values),

  /** Tasks by due date (no date last), paged by (due_date, id). */
  async listTasks(db: Executor, filter: TaskFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('compliance_tasks').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.phaseId) query = query.where('phase_id', '=', filter.phaseId);
    if (filter.workstreamId) query = query.where('workstream_id', '=', filter.workstreamId);
    if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
    if (filter.overdueBefore)
      query = query
        .where('due_date', '<', filter.overdueBefore)
        .where('status', 'not in', ['done', 'cancelled']);
    // A missing due date sorts as the far future so the key stays a string.
    const due = sql<string>`coalesce(due_date, '9999-12-31')`;
    if (after) {
      const [dueDate, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb(due, '>', String(dueDate)),
          eb.and([eb(due, '=', String(dueDate)), eb('id', '>', id)]),
        ]),
      );
    }
    return query.orderBy(due).orderBy('id').limit(limit).execute();
  },

  /** Every dependency edge (task → the task it waits for). */
  dependencies: (db: Executor) =>
    db.selectFrom('compliance_task_dependencies').selectAll().execute(),

  async setDependencies(db: Executor, taskId: string, dependsOn: string[]) {
    await db.deleteFrom('compliance_task_dependencies').where('task_id', '=', taskId).execute();
    if (dependsOn.length)
      await db
        .insertInto('compliance_task_dependencies')
        .values(dependsOn.map((d) => ({ task_id: taskId, depends_on_id: d })))
        .execute();
  },

  gapLinks: (db: Executor, taskIds?: string[]) => {
    let query = db.selectFrom('compliance_task_gaps').selectAll();
    if (taskIds) {
      if (taskIds.length === 0) return Promise.resolve([]);
      query = query.where('task_id', 'in', taskIds);
    }
    return query.execute();
  },

  async setGapLinks(db: Executor, taskId: string, itemIds: string[]) {
    await db.deleteFrom('compliance_task_gaps').where('task_id', '=', taskId).execute();
    if (itemIds.length)
      await db
        .insertInto('compliance_task_gaps')
        .values(itemIds.map((item_id) => ({ task_id: taskId, item_id })))
        .execute();
  },

  existingItemIds: async (db: Executor, ids: string[]) =>
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom('compliance_assessment_items')
            .select('id')
            .where('id', 'in', ids)
            .execute()
        ).map((r) => r.id),
};

/** Users that exist, for the RACI lists (JSON, so no foreign key can check them). */
/** Groups per role share the RACI column with people, under `groups`. */
function raciOf(column: unknown): { raci: Raci; raciGroups: Raci } {
  const { groups, ...raci } = fromJson<Raci & { groups?: Raci }>(column);
  return {
    raci,
    raciGroups: groups ?? { responsible: [], accountable: [], consulted: [], informed: [] },
  };
}

export const existingGroupIds = async (db: Executor, ids: string[]) =>
  ids.length === 0
    ? []
    : (await db.selectFrom('groups').select('id').where('id', 'in', ids).execute()).map(
        (r) => r.id,
      );

/** Display names of groups, for the deliverables. */
export const groupNames = (db: Executor) =>
  db.selectFrom('groups').select(['id', 'name']).execute();

export const existingUserIds = async (db: Executor, ids: string[]) =>
  ids.length === 0
    ? []
    : (await db.selectFrom('users').select('id').where('id', 'in', ids).execute()).map((r) => r.id);

/** Display names of users, for the deliverables. */
export const userNames = (db: Executor) => db.selectFrom('users').select(['id', 'name']).execute();
