// The competence matrix: people × required courses, each cell done (with the date), due (with
// the date), overdue or not required, with totals per course and per person.
import type { Executor } from '../../db/executor.js';
import type { Assignment } from './training.js';
import { trainingRepository as repo } from './training.repository.js';

export type CellState = 'done' | 'due' | 'overdue' | 'not-required';

export interface MatrixCell {
  courseId: string;
  state: CellState;
  /** The completion date when done, the due date otherwise. */
  date: string | null;
  assignmentId: string | null;
}

export interface Tally {
  done: number;
  due: number;
  overdue: number;
}

export interface CompetenceMatrix {
  courses: { id: string; code: string; title: string; totals: Tally }[];
  people: { id: string; name: string; role: string; cells: MatrixCell[]; totals: Tally }[];
  totals: Tally;
}

const empty = (): Tally => ({ done: 0, due: 0, overdue: 0 });

export async function competenceMatrix(
  db: Executor,
  filter: { groupId?: string; role?: string },
  today: string,
): Promise<CompetenceMatrix> {
  const requirements = await repo.requirements(db);
  let people = await repo.people(db);
  if (filter.role) people = people.filter((p) => p.role === filter.role);
  if (filter.groupId) people = people.filter((p) => p.groupIds.includes(filter.groupId as string));
  const all = await repo.listAssignments(db, {}, today);
  const latest = new Map<string, Assignment>();
  // Ordered by due date: the last open or completed one per person and course is the current one.
  for (const a of all) if (a.status !== 'superseded') latest.set(`${a.userId}|${a.courseId}`, a);
  // Required courses: those a requirement names, and those someone was assigned by hand.
  const published = (await repo.listCourses(db, false)).filter(
    (c) =>
      requirements.some((r) => r.courseId === c.id) ||
      all.some((a) => a.courseId === c.id && a.status !== 'superseded'),
  );

  const courseTotals = new Map(published.map((c) => [c.id, empty()]));
  const grand = empty();
  const rows = people
    .map((person) => {
      const totals = empty();
      const cells = published.map((course): MatrixCell => {
        const a = latest.get(`${person.id}|${course.id}`);
        if (!a)
          return { courseId: course.id, state: 'not-required', date: null, assignmentId: null };
        const state: CellState = a.status === 'completed' ? 'done' : a.overdue ? 'overdue' : 'due';
        for (const t of [totals, courseTotals.get(course.id) as Tally, grand]) t[state]++;
        return {
          courseId: course.id,
          state,
          date: state === 'done' ? a.completedOn : a.dueOn,
          assignmentId: a.id,
        };
      });
      return { id: person.id, name: person.name, role: person.role, cells, totals };
    })
    // People with nothing required of them are not part of the matrix.
    .filter((row) => row.cells.some((c) => c.state !== 'not-required'));
  return {
    courses: published.map((c) => ({
      id: c.id,
      code: c.code,
      title: c.title,
      totals: courseTotals.get(c.id) as Tally,
    })),
    people: rows,
    totals: grand,
  };
}
