// Rules of the implementation roadmap, without framework or SQL: task dependencies form no cycle,
// a task ends no earlier than it starts, and "done" means complete.
import { invalid } from '../../shared/errors.js';
import type { Raci, Task, TaskStatus } from './compliance.js';

export interface TaskInput {
  title?: string;
  description?: string;
  phaseId?: string;
  workstreamId?: string | null;
  ownerId?: string | null;
  raci?: Partial<Raci>;
  raciGroups?: Partial<Raci>;
  startDate?: string | null;
  dueDate?: string | null;
  status?: TaskStatus;
  percentComplete?: number;
  effortDays?: number | null;
  milestone?: boolean;
  dependsOn?: string[];
  requirementNumbers?: string[];
  gapItemIds?: string[];
}

const unique = (values: readonly string[]) => [...new Set(values)];

/** The dependency edges after `taskId` waits for `dependsOn`; refuses any cycle (400 /dependsOn). */
export function checkNoCycle(
  edges: readonly { task_id: string; depends_on_id: string }[],
  taskId: string,
  dependsOn: readonly string[],
): void {
  if (dependsOn.includes(taskId)) throw invalid('/dependsOn', 'a task cannot depend on itself');
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.task_id === taskId) continue;
    next.set(e.task_id, [...(next.get(e.task_id) ?? []), e.depends_on_id]);
  }
  next.set(taskId, [...dependsOn]);
  // A cycle through the changed task exists when it can reach itself.
  const seen = new Set<string>();
  const stack = [...dependsOn];
  while (stack.length) {
    const current = stack.pop() as string;
    if (current === taskId)
      throw invalid(
        '/dependsOn',
        'these dependencies would form a cycle (a task would wait for itself)',
      );
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
}

export function checkDates(startDate: string | null, dueDate: string | null): void {
  if (startDate && dueDate && dueDate < startDate)
    throw invalid('/dueDate', 'must not be before the start date');
}

/** Percent complete and completion time follow the status. */
export function completion(
  before: Pick<Task, 'status' | 'completedAt' | 'percentComplete'> | null,
  status: TaskStatus,
  percentComplete: number | undefined,
  now: string,
): Pick<Task, 'percentComplete' | 'completedAt'> {
  if (status === 'done')
    return {
      percentComplete: 100,
      completedAt: before?.status === 'done' ? before.completedAt : now,
    };
  return {
    percentComplete: Math.min(percentComplete ?? before?.percentComplete ?? 0, 99),
    completedAt: null,
  };
}

/** The task after applying a create or update input; checks the title. */
export function applyTaskInput(
  before: Task | null,
  input: TaskInput,
  base: Task,
  now: string,
  today: string,
): Task {
  const status = input.status ?? before?.status ?? 'not_started';
  const merged = (given: Partial<Raci> | undefined, current: Raci | undefined): Raci => ({
    responsible: unique(given?.responsible ?? current?.responsible ?? []),
    accountable: unique(given?.accountable ?? current?.accountable ?? []),
    consulted: unique(given?.consulted ?? current?.consulted ?? []),
    informed: unique(given?.informed ?? current?.informed ?? []),
  });
  const raci = merged(input.raci, before?.raci);
  const raciGroups = merged(input.raciGroups, before?.raciGroups);
  const title = input.title !== undefined ? input.title.trim() : base.title;
  if (!title) throw invalid('/title', 'must not be empty');
  const t: Task = {
    ...base,
    title,
    description: input.description ?? base.description,
    phaseId: input.phaseId ?? base.phaseId,
    workstreamId: input.workstreamId !== undefined ? input.workstreamId : base.workstreamId,
    ownerId: input.ownerId !== undefined ? input.ownerId : base.ownerId,
    raci,
    raciGroups,
    startDate: input.startDate !== undefined ? input.startDate : base.startDate,
    dueDate: input.dueDate !== undefined ? input.dueDate : base.dueDate,
    status,
    effortDays: input.effortDays !== undefined ? input.effortDays : base.effortDays,
    milestone: input.milestone ?? base.milestone,
    dependsOn: input.dependsOn ? unique(input.dependsOn) : base.dependsOn,
    requirementNumbers: input.requirementNumbers
      ? unique(input.requirementNumbers)
      : base.requirementNumbers,
    gapItemIds: input.gapItemIds ? unique(input.gapItemIds) : base.gapItemIds,
    ...completion(before, status, input.percentComplete, now),
  };
  return {
    ...t,
    overdue: t.dueDate !== null && t.dueDate < today && status !== 'done' && status !== 'cancelled',
  };
}
