// Employee training completion (PRODUCT.md): mandatory assignments completed on or before their
// due date, over all mandatory assignments due in the period — overall and by the groups the
// people belong to. A late completion counts as not on time; an assignment due in the period and
// not done counts against; one due after the period is not counted yet; one replaced by a newer
// version of its course is not counted (its replacement is).
import type { Executor } from '../../db/executor.js';
import { completedOnTime, rate } from './training.js';
import { trainingRepository as repo } from './training.repository.js';

export interface CompletionFigure {
  /** Mandatory assignments whose due date lies in the period. */
  due: number;
  /** Of those, completed on or before their due date. */
  completedOnTime: number;
  /** completedOnTime / due × 100, one decimal; null when nothing was due. */
  rate: number | null;
}

/** Employee training completion over a period, overall and by group. */
export interface TrainingCompletion extends CompletionFigure {
  byGroup: (CompletionFigure & { groupId: string; groupName: string })[];
}

export async function completionOver(
  db: Executor,
  period: { from: string; to: string },
): Promise<TrainingCompletion> {
  const rows = await repo.mandatoryDueBetween(db, period.from, period.to);
  const memberships = await repo.membershipsOf(db, [...new Set(rows.map((r) => r.userId))]);
  const perGroup = new Map<string, { due: number; done: number }>();
  let done = 0;
  for (const row of rows) {
    const onTime = completedOnTime(row);
    if (onTime) done++;
    for (const groupId of memberships.get(row.userId) ?? []) {
      const g = perGroup.get(groupId) ?? { due: 0, done: 0 };
      g.due++;
      if (onTime) g.done++;
      perGroup.set(groupId, g);
    }
  }
  const names = await repo.groupNames(db, [...perGroup.keys()]);
  const byGroup = [...perGroup.entries()]
    .map(([groupId, g]) => ({
      groupId,
      groupName: names.get(groupId) ?? groupId,
      due: g.due,
      completedOnTime: g.done,
      rate: rate(g.done, g.due),
    }))
    .sort((a, b) => a.groupName.localeCompare(b.groupName) || a.groupId.localeCompare(b.groupId));
  return { due: rows.length, completedOnTime: done, rate: rate(done, rows.length), byGroup };
}
