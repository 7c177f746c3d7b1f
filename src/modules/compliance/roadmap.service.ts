// The implementation roadmap: the programme's four phases, workstreams, and tasks and milestones
// with owner, RACI, dates, dependencies (never a cycle), status, and the requirements and gaps they
// serve. Gaps of an assessment become tasks in one action, linked both ways.
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { AssessmentService } from './assessments.service.js';
import {
  CONFORMITY_LABELS,
  isGap,
  isoDate,
  MATURITY_LABELS,
  type Phase,
  type Task,
  type TaskStatus,
  type Workstream,
} from './compliance.js';
import type { LibraryService } from './library/library.service.js';
import { applyTaskInput, checkDates, checkNoCycle, type TaskInput } from './roadmap.js';

export type { TaskInput } from './roadmap.js';

import {
  existingGroupIds,
  existingUserIds,
  phaseRow,
  roadmapRepository as repo,
  type TaskFilter,
  taskRow,
  toPhase,
  toTask,
  toWorkstream,
  workstreamRow,
} from './roadmap.repository.js';

export const TASK_SERIES = 'RMT';
const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;

export interface TaskListFilter {
  status?: TaskStatus;
  phaseId?: string;
  workstreamId?: string;
  ownerId?: string;
  mine?: boolean;
  overdue?: boolean;
}

function mapError(error: unknown): unknown {
  if (isUniqueViolation(error))
    return new DomainError('ALREADY_EXISTS', 'A workstream with that name exists already.', {
      errors: [{ field: '/name', message: 'is taken' }],
    });
  if (isForeignKeyViolation(error))
    return new DomainError(
      'VALIDATION_FAILED',
      'The owner, lead, phase or workstream does not exist.',
      {
        errors: [
          { field: '/', message: 'refers to a user, phase or workstream that does not exist' },
        ],
      },
    );
  return error;
}

const unique = (values: readonly string[]) => [...new Set(values)];

export function createRoadmapService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  library: LibraryService;
  assessments: AssessmentService;
  /** The groups a person belongs to: "my tasks" includes their groups' tasks. */
  groupIdsOf: (trx: Executor, userId: string) => Promise<string[]>;
}) {
  const { db, audit, clock, library, assessments, groupIdsOf } = deps;
  const today = () => isoDate(clock.now());

  const read = (actor: Actor) => requirePermission(actor, 'compliance.read', 'read the roadmap');
  const manage = (actor: Actor) =>
    requirePermission(actor, 'compliance.manage', 'plan the roadmap');

  async function loadTask(trx: Executor, id: string): Promise<Task | undefined> {
    const row = await repo.taskById(trx, id);
    if (!row) return undefined;
    const deps = (await repo.dependencies(trx))
      .filter((d) => d.task_id === id)
      .map((d) => d.depends_on_id);
    const gaps = (await repo.gapLinks(trx, [id])).map((g) => g.item_id);
    return toTask(row, { dependsOn: deps, gapItemIds: gaps }, today());
  }

  const phases = auditedWrites<Phase>(
    { db, audit, clock, mapError },
    {
      what: 'The phase',
      entityType: 'compliance-phase',
      load: async (trx, id) => {
        const row = await repo.phaseById(trx, id);
        return row ? toPhase(row) : undefined;
      },
      insert: async () => {
        throw new Error('the four phases are created by the migration');
      },
      update: (trx, p, expected) => {
        const { id: _i, version: _v, ...values } = phaseRow(p);
        return repo.updatePhase(trx, p.id, expected, values);
      },
    },
  );

  const workstreams = auditedWrites<Workstream>(
    { db, audit, clock, mapError },
    {
      what: 'The workstream',
      entityType: 'compliance-workstream',
      load: async (trx, id) => {
        const row = await repo.workstreamById(trx, id);
        return row ? toWorkstream(row) : undefined;
      },
      insert: (trx, w) => repo.insertWorkstream(trx, workstreamRow(w)).then(() => undefined),
      update: (trx, w, expected) => {
        const { id: _i, version: _v, created_at: _c, ...values } = workstreamRow(w);
        return repo.updateWorkstream(trx, w.id, expected, values);
      },
    },
  );

  const tasks = auditedWrites<Task>(
    { db, audit, clock, mapError },
    {
      what: 'The task',
      entityType: 'compliance-task',
      load: loadTask,
      insert: async () => {
        throw new Error(
          'tasks are inserted by insertTask, with their number in the same transaction',
        );
      },
      update: async (trx, t, expected) => {
        const { id: _i, version: _v, created_at: _c, number: _n, ...values } = taskRow(t);
        if (!(await repo.updateTask(trx, t.id, expected, values))) return false;
        await repo.setDependencies(trx, t.id, t.dependsOn);
        await repo.setGapLinks(trx, t.id, t.gapItemIds);
        return true;
      },
    },
  );

  for (const type of ['compliance-phase', 'compliance-workstream', 'compliance-task'])
    audit.registerReader(type, async (actor) => {
      try {
        read(actor);
        return true;
      } catch {
        return false;
      }
    });

  /** Checks what the schema cannot: references, dates, cycles. Bad input changes nothing. */
  async function validate(trx: Executor, taskId: string, t: Task) {
    checkDates(t.startDate, t.dueDate);
    for (const [field, value] of [
      ['/startDate', t.startDate],
      ['/dueDate', t.dueDate],
    ] as const)
      if (value && isoDate(new Date(`${value}T00:00:00Z`)) !== value)
        throw invalid(field, 'is not a calendar date');
    if (!(await repo.phaseById(trx, t.phaseId)))
      throw invalid('/phaseId', 'is not a phase of the roadmap');
    if (t.workstreamId && !(await repo.workstreamById(trx, t.workstreamId)))
      throw invalid('/workstreamId', 'is not a workstream');
    const people = unique([
      ...(t.ownerId ? [t.ownerId] : []),
      ...RACI_ROLES.flatMap((r) => t.raci[r]),
    ]);
    const known = new Set(await existingUserIds(trx, people));
    if (t.ownerId && !known.has(t.ownerId)) throw invalid('/ownerId', 'is not a user');
    for (const role of RACI_ROLES) {
      const missing = t.raci[role].find((id) => !known.has(id));
      if (missing) throw invalid(`/raci/${role}`, `${missing} is not a user`);
    }
    const groups = new Set(
      await existingGroupIds(trx, unique(RACI_ROLES.flatMap((r) => t.raciGroups[r]))),
    );
    for (const role of RACI_ROLES) {
      const missing = t.raciGroups[role].find((id) => !groups.has(id));
      if (missing) throw invalid(`/raciGroups/${role}`, `${missing} is not a group`);
    }
    const existing = new Set(await repo.existingTaskIds(trx, t.dependsOn));
    const missingTask = t.dependsOn.find((id) => !existing.has(id));
    if (missingTask) throw invalid('/dependsOn', `${missingTask} is not a task`);
    checkNoCycle(await repo.dependencies(trx), taskId, t.dependsOn);
    const items = new Set(await repo.existingItemIds(trx, t.gapItemIds));
    const missingItem = t.gapItemIds.find((id) => !items.has(id));
    if (missingItem) throw invalid('/gapItemIds', `${missingItem} is not an assessed requirement`);
    if (t.requirementNumbers.length) {
      const framework = await library.framework(undefined, trx);
      const numbers = new Set((await library.nodes(framework.id, trx)).map((n) => n.number));
      const unknown = t.requirementNumbers.find((n) => !numbers.has(n));
      if (unknown)
        throw invalid('/requirementNumbers', `${unknown} is not a clause of the library`);
    }
  }

  const build = (before: Task | null, input: TaskInput, base: Task) =>
    applyTaskInput(before, input, base, clock.now().toISOString(), today());

  async function newTask(
    trx: Executor,
    input: TaskInput & { title: string; phaseId: string },
  ): Promise<Task> {
    const now = clock.now();
    const id = uuidv7(now.getTime());
    const base: Task = {
      id,
      number: formatNumber(TASK_SERIES, await nextInSeries(trx, TASK_SERIES)),
      title: input.title,
      description: '',
      phaseId: input.phaseId,
      workstreamId: null,
      ownerId: null,
      raci: { responsible: [], accountable: [], consulted: [], informed: [] },
      raciGroups: { responsible: [], accountable: [], consulted: [], informed: [] },
      startDate: null,
      dueDate: null,
      status: 'not_started',
      percentComplete: 0,
      effortDays: null,
      milestone: false,
      dependsOn: [],
      requirementNumbers: [],
      gapItemIds: [],
      overdue: false,
      completedAt: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const task = build(null, input, base);
    await validate(trx, id, task);
    return task;
  }

  /** Inserts a new task with its links and audits it, in the caller's transaction. */
  async function insertTask(trx: Executor, actor: Actor, task: Task): Promise<Task> {
    await repo.insertTask(trx, taskRow(task));
    await repo.setDependencies(trx, task.id, task.dependsOn);
    await repo.setGapLinks(trx, task.id, task.gapItemIds);
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'compliance-task',
      entityId: task.id,
      changes: diff(null, task, { ignore: ['id', 'createdAt', 'overdue'] }),
    });
    return task;
  }

  async function allTasks(trx: Executor): Promise<Task[]> {
    const rows = await repo.taskRows(trx);
    const deps = await repo.dependencies(trx);
    const gaps = await repo.gapLinks(trx);
    const d = today();
    return rows.map((r) =>
      toTask(
        r,
        {
          dependsOn: deps.filter((x) => x.task_id === r.id).map((x) => x.depends_on_id),
          gapItemIds: gaps.filter((x) => x.task_id === r.id).map((x) => x.item_id),
        },
        d,
      ),
    );
  }

  return {
    /** Every phase, workstream and task, without permission check (deliverables). */
    async programme(trx: Executor = db) {
      return {
        phases: (await repo.phases(trx)).map(toPhase),
        workstreams: (await repo.workstreams(trx)).map(toWorkstream),
        tasks: await allTasks(trx),
      };
    },

    async overview(actor: Actor) {
      read(actor);
      return this.programme(db);
    },

    async updatePhase(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: { title?: string; startDate?: string | null; endDate?: string | null },
    ) {
      manage(actor);
      return phases.update(actor, id, expectedVersion, (before) => {
        const after = {
          ...before,
          title: patch.title?.trim() || before.title,
          startDate: patch.startDate !== undefined ? patch.startDate : before.startDate,
          endDate: patch.endDate !== undefined ? patch.endDate : before.endDate,
        };
        if (after.startDate && after.endDate && after.endDate < after.startDate)
          throw invalid('/endDate', 'must not be before the start date');
        return after;
      });
    },

    async createWorkstream(
      actor: Actor,
      input: { name: string; description?: string; leadId?: string | null },
    ) {
      manage(actor);
      const name = input.name.trim();
      if (!name) throw invalid('/name', 'must not be empty');
      const now = clock.now().toISOString();
      return workstreams.create(actor, {
        id: uuidv7(),
        name,
        description: input.description?.trim() ?? '',
        leadId: input.leadId ?? null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    },

    async updateWorkstream(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: { name?: string; description?: string; leadId?: string | null },
    ) {
      manage(actor);
      if (patch.name !== undefined && !patch.name.trim())
        throw invalid('/name', 'must not be empty');
      return workstreams.update(actor, id, expectedVersion, (before) => ({
        ...before,
        name: patch.name?.trim() ?? before.name,
        description: patch.description ?? before.description,
        leadId: patch.leadId !== undefined ? patch.leadId : before.leadId,
      }));
    },

    async listTasks(actor: Actor, filter: TaskListFilter, page: PageRequest) {
      read(actor);
      const size = pageSize(page.limit);
      const sqlFilter: TaskFilter = {
        status: filter.status,
        phaseId: filter.phaseId,
        workstreamId: filter.workstreamId,
        ownerId: filter.ownerId,
        overdueBefore: filter.overdue ? today() : undefined,
      };
      // "Mine" reads the RACI (JSON): rows are filtered here, still paged by the same sort key.
      const me = actor.id;
      const rows = await repo.listTasks(
        db,
        sqlFilter,
        decodeCursor(page.cursor),
        filter.mine ? 100_000 : size + 1,
      );
      const all = await allTasks(db);
      const byId = new Map(all.map((t) => [t.id, t]));
      const myGroups = new Set(filter.mine && me !== null ? await groupIdsOf(db, me) : []);
      const kept = filter.mine
        ? rows
            .filter((r) => {
              const t = byId.get(r.id);
              return (
                t !== undefined &&
                me !== null &&
                (t.ownerId === me ||
                  t.raci.responsible.includes(me) ||
                  t.raci.accountable.includes(me) ||
                  [...t.raciGroups.responsible, ...t.raciGroups.accountable].some((g) =>
                    myGroups.has(g),
                  ))
              );
            })
            .slice(0, size + 1)
        : rows;
      return toPage(
        kept,
        size,
        (r) => [r.due_date ?? '9999-12-31', r.id],
        (r) => byId.get(r.id) as Task,
      );
    },

    async createTask(actor: Actor, input: TaskInput & { title: string; phaseId: string }) {
      manage(actor);
      return db
        .transaction()
        .execute(async (trx) => insertTask(trx, actor, await newTask(trx, input)))
        .catch((error) => {
          throw mapError(error);
        });
    },

    async getTask(actor: Actor, id: string) {
      read(actor);
      const task = await loadTask(db, id);
      if (!task) throw notFound('The task');
      return task;
    },

    async updateTask(actor: Actor, id: string, expectedVersion: number, input: TaskInput) {
      manage(actor);
      return tasks.update(actor, id, expectedVersion, async (before, trx) => {
        const after = build(before, input, before);
        await validate(trx, id, after);
        return after;
      });
    },

    /** Every gap of the assessment that has no task yet becomes one, linked both ways. */
    async gapsToTasks(
      actor: Actor,
      assessmentId: string,
      options: { phaseId?: string; workstreamId?: string | null },
    ) {
      manage(actor);
      const { assessment, items } = await assessments.snapshot(assessmentId);
      const open = items.filter((i) => isGap(i) && i.taskIds.length === 0);
      const phaseId =
        options.phaseId ?? (await repo.phases(db)).find((p) => p.key === 'implementation')?.id;
      if (!phaseId) throw invalid('/phaseId', 'is not a phase of the roadmap');
      const created = await db
        .transaction()
        .execute(async (trx) => {
          const made: Task[] = [];
          for (const item of open) {
            const current = `${CONFORMITY_LABELS[item.conformity]}, maturity ${item.maturity} (${MATURITY_LABELS[item.maturity]}) against a target of ${item.targetMaturity} (${MATURITY_LABELS[item.targetMaturity]}).`;
            const task = await newTask(trx, {
              title: `Close the gap on ${item.number} ${item.title}`,
              description: [
                `Gap found by assessment ${assessment.number} (${assessment.title}).`,
                `Current state: ${current}`,
                item.notes ? `Notes: ${item.notes}` : '',
              ]
                .filter(Boolean)
                .join('\n'),
              phaseId,
              workstreamId: options.workstreamId ?? null,
              ownerId: item.ownerId,
              raci: item.ownerId ? { accountable: [item.ownerId] } : undefined,
              dueDate: item.dueDate,
              requirementNumbers: [item.number],
              gapItemIds: [item.id],
            });
            made.push(await insertTask(trx, actor, task));
          }
          return made;
        })
        .catch((error) => {
          throw mapError(error);
        });
      return {
        created,
        alreadyPlanned: items.filter((i) => isGap(i) && i.taskIds.length > 0).length,
      };
    },
  };
}

export type RoadmapService = ReturnType<typeof createRoadmapService>;
