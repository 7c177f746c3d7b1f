// The only SQL of training. Reads the directory tables (users, group members, groups) to know
// who a requirement covers and to name people in lists; writes only its own tables.
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type {
  TrainingAssignmentsTable,
  TrainingCoursesTable,
  TrainingCourseVersionsTable,
  TrainingRequirementsTable,
} from '../../db/tables/training.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import type {
  Assignment,
  AssignmentStatus,
  Course,
  CourseStatus,
  CourseVersion,
  Quiz,
  Requirement,
} from './training.js';

export interface AssignmentFilter {
  userId?: string;
  courseId?: string;
  status?: AssignmentStatus;
}

export interface Person {
  id: string;
  name: string;
  role: string;
  groupIds: string[];
}

const courseColumns = [
  'training_courses.id',
  'training_courses.code',
  'training_courses.title',
  'training_courses.description',
  'training_courses.owner_id',
  'training_courses.status',
  'training_courses.published_version',
  'training_courses.created_at',
  'training_courses.updated_at',
  'training_courses.version',
] as const;

type CourseRow = TrainingCoursesTable & { owner_name: string | null };

const toCourse = (r: CourseRow): Course => ({
  id: r.id,
  code: r.code,
  title: r.title,
  description: r.description,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  status: r.status as CourseStatus,
  publishedVersion: r.published_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const toVersion = (r: TrainingCourseVersionsTable): CourseVersion => ({
  number: r.number,
  status: r.status as CourseVersion['status'],
  changeNote: r.change_note,
  durationMinutes: r.duration_minutes,
  content: r.content,
  link: r.link,
  quiz: r.quiz === null ? null : fromJson<Quiz>(r.quiz),
  publishedAt: r.published_at,
  createdAt: r.created_at,
});

type AssignmentRow = TrainingAssignmentsTable & {
  user_name: string;
  course_code: string;
  course_title: string;
};

export const toAssignment = (r: AssignmentRow, today: string): Assignment => ({
  id: r.id,
  userId: r.user_id,
  userName: r.user_name,
  courseId: r.course_id,
  courseCode: r.course_code,
  courseTitle: r.course_title,
  courseVersion: r.course_version,
  mandatory: toBool(r.mandatory),
  reason: r.reason as Assignment['reason'],
  assignedAt: r.assigned_at,
  dueOn: r.due_on,
  status: r.status as AssignmentStatus,
  overdue: r.status === 'assigned' && r.due_on < today,
  completedOn: r.completed_on,
  completedAt: r.completed_at,
  score: r.score,
  note: r.completion_note,
  recordedBy: r.recorded_by,
  version: r.version,
});

function courses(db: Executor) {
  return db
    .selectFrom('training_courses')
    .leftJoin('users', 'users.id', 'training_courses.owner_id')
    .select([...courseColumns, 'users.name as owner_name']);
}

function assignments(db: Executor) {
  return db
    .selectFrom('training_assignments')
    .innerJoin('users', 'users.id', 'training_assignments.user_id')
    .innerJoin('training_courses', 'training_courses.id', 'training_assignments.course_id')
    .selectAll('training_assignments')
    .select([
      'users.name as user_name',
      'training_courses.code as course_code',
      'training_courses.title as course_title',
    ]);
}

export const trainingRepository = {
  async courseById(db: Executor, id: string): Promise<Course | undefined> {
    const row = await courses(db).where('training_courses.id', '=', id).executeTakeFirst();
    return row ? toCourse(row) : undefined;
  },

  async listCourses(db: Executor, withDrafts: boolean): Promise<Course[]> {
    let query = courses(db);
    if (!withDrafts) query = query.where('training_courses.status', '=', 'published');
    const rows = await query
      .orderBy('training_courses.title')
      .orderBy('training_courses.id')
      .execute();
    return rows.map(toCourse);
  },

  insertCourse: (db: Executor, row: TrainingCoursesTable) =>
    db.insertInto('training_courses').values(row).execute(),

  async updateCourse(
    db: Executor,
    id: string,
    expectedVersion: number,
    values: Partial<TrainingCoursesTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('training_courses')
      .set({ ...values, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** The course's published version, without touching its row version (the caller bumps it). */
  async setPublished(db: Executor, id: string, number: number) {
    await db
      .updateTable('training_courses')
      .set({ status: 'published', published_version: number })
      .where('id', '=', id)
      .execute();
  },

  async versions(db: Executor, courseId: string): Promise<CourseVersion[]> {
    const rows = await db
      .selectFrom('training_course_versions')
      .selectAll()
      .where('course_id', '=', courseId)
      .orderBy('number', 'desc')
      .execute();
    return rows.map(toVersion);
  },

  async version(
    db: Executor,
    courseId: string,
    number: number,
  ): Promise<CourseVersion | undefined> {
    const row = await db
      .selectFrom('training_course_versions')
      .selectAll()
      .where('course_id', '=', courseId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? toVersion(row) : undefined;
  },

  insertVersion: (db: Executor, row: TrainingCourseVersionsTable) =>
    db
      .insertInto('training_course_versions')
      .values({ ...row, quiz: row.quiz === null ? null : toJson(row.quiz) })
      .execute(),

  async updateVersion(
    db: Executor,
    courseId: string,
    number: number,
    values: Partial<TrainingCourseVersionsTable>,
  ) {
    const { quiz, ...rest } = values;
    await db
      .updateTable('training_course_versions')
      .set({
        ...rest,
        ...(quiz !== undefined ? { quiz: quiz === null ? null : toJson(quiz) } : {}),
      })
      .where('course_id', '=', courseId)
      .where('number', '=', number)
      .execute();
  },

  async requirements(db: Executor, courseIds?: string[]): Promise<Requirement[]> {
    if (courseIds && courseIds.length === 0) return [];
    let query = db
      .selectFrom('training_requirements')
      .leftJoin('groups', 'groups.id', 'training_requirements.group_id')
      .selectAll('training_requirements')
      .select('groups.name as group_name');
    if (courseIds) query = query.where('training_requirements.course_id', 'in', courseIds);
    const rows = await query
      .orderBy('training_requirements.created_at')
      .orderBy('training_requirements.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      courseId: r.course_id,
      role: r.role,
      groupId: r.group_id,
      groupName: r.group_name,
      dueDays: r.due_days,
      mandatory: toBool(r.mandatory),
      createdAt: r.created_at,
    }));
  },

  insertRequirement: (db: Executor, row: TrainingRequirementsTable) =>
    db.insertInto('training_requirements').values(row).execute(),

  async deleteRequirement(db: Executor, id: string): Promise<boolean> {
    const result = await db
      .deleteFrom('training_requirements')
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },

  /** Active people with their role and groups; all of them when `ids` is omitted. */
  async people(db: Executor, ids?: string[]): Promise<Person[]> {
    if (ids && ids.length === 0) return [];
    let query = db.selectFrom('users').select(['id', 'name', 'role', 'active']);
    if (ids) query = query.where('id', 'in', ids);
    const rows = (await query.orderBy('name').orderBy('id').execute()).filter((r) =>
      toBool(r.active),
    );
    if (rows.length === 0) return [];
    const members = await db
      .selectFrom('group_members')
      .select(['group_id', 'user_id'])
      .where(
        'user_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const groupsOf = new Map<string, string[]>();
    for (const m of members)
      groupsOf.set(m.user_id, [...(groupsOf.get(m.user_id) ?? []), m.group_id]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      groupIds: groupsOf.get(r.id) ?? [],
    }));
  },

  async groupNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async groupMembers(db: Executor, groupId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('group_members')
      .select('user_id')
      .where('group_id', '=', groupId)
      .execute();
    return rows.map((r) => r.user_id);
  },

  /** Every person's group ids, for the people given. */
  async membershipsOf(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (userIds.length === 0) return out;
    const rows = await db
      .selectFrom('group_members')
      .select(['group_id', 'user_id'])
      .where('user_id', 'in', userIds)
      .execute();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.group_id]);
    return out;
  },

  async assignmentById(db: Executor, id: string, today: string): Promise<Assignment | undefined> {
    const row = await assignments(db).where('training_assignments.id', '=', id).executeTakeFirst();
    return row ? toAssignment(row, today) : undefined;
  },

  /** By due date; `limit` bounds what an unpaged list may return (the matrix reads them all). */
  /** Assignments by due date; `page` fetches one keyset page (after the cursor's due date and id). */
  async listAssignments(
    db: Executor,
    filter: AssignmentFilter,
    today: string,
    page?: { after: CursorKey | null; limit: number },
  ) {
    let query = assignments(db);
    const after = page?.after;
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('training_assignments.due_on', '>', String(after[0])),
          eb.and([
            eb('training_assignments.due_on', '=', String(after[0])),
            eb('training_assignments.id', '>', after[1]),
          ]),
        ]),
      );
    if (filter.userId) query = query.where('training_assignments.user_id', '=', filter.userId);
    if (filter.courseId)
      query = query.where('training_assignments.course_id', '=', filter.courseId);
    if (filter.status) query = query.where('training_assignments.status', '=', filter.status);
    const rows = await query
      .orderBy('training_assignments.due_on')
      .orderBy('training_assignments.id')
      .$if(page !== undefined, (q) => q.limit(page?.limit ?? 0))
      .execute();
    return rows.map((r) => toAssignment(r, today));
  },

  /** The assignments of these people (or everyone) for these courses (or all). */
  async assignmentsFor(db: Executor, userIds?: string[], courseIds?: string[]) {
    if ((userIds && userIds.length === 0) || (courseIds && courseIds.length === 0)) return [];
    let query = db
      .selectFrom('training_assignments')
      .select(['id', 'user_id', 'course_id', 'course_version', 'status', 'version']);
    if (userIds) query = query.where('user_id', 'in', userIds);
    if (courseIds) query = query.where('course_id', 'in', courseIds);
    return query.execute();
  },

  /** Mandatory assignments due within [from, to], not replaced by a later version. */
  async mandatoryDueBetween(db: Executor, from: string, to: string) {
    const rows = await db
      .selectFrom('training_assignments')
      .select(['id', 'user_id', 'due_on', 'status', 'completed_on'])
      .where('due_on', '>=', from)
      .where('due_on', '<=', to)
      .where('status', '!=', 'superseded')
      .where('mandatory', '=', true)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      dueOn: r.due_on,
      status: r.status,
      completedOn: r.completed_on,
    }));
  },

  /** Open assignments due on or before `day`, with what a reminder says. */
  async openDueBy(db: Executor, day: string) {
    return db
      .selectFrom('training_assignments')
      .innerJoin('training_courses', 'training_courses.id', 'training_assignments.course_id')
      .select([
        'training_assignments.id',
        'training_assignments.user_id',
        'training_assignments.due_on',
        'training_courses.code',
        'training_courses.title',
      ])
      .where('training_assignments.status', '=', 'assigned')
      .where('training_assignments.due_on', '<=', day)
      .orderBy('training_assignments.due_on')
      .orderBy('training_assignments.id')
      .execute();
  },

  insertAssignment: (db: Executor, row: TrainingAssignmentsTable) =>
    db.insertInto('training_assignments').values(row).execute(),

  async updateAssignment(
    db: Executor,
    id: string,
    expectedVersion: number,
    values: Partial<TrainingAssignmentsTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('training_assignments')
      .set({ ...values, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async insertAttempt(
    db: Executor,
    row: {
      id: string;
      assignment_id: string;
      score: number;
      passed: boolean;
      answers: unknown;
      created_at: string;
    },
  ) {
    await db
      .insertInto('training_attempts')
      .values({ ...row, answers: toJson(row.answers) })
      .execute();
  },

  async attempts(db: Executor, assignmentId: string) {
    const rows = await db
      .selectFrom('training_attempts')
      .select(['id', 'score', 'passed', 'created_at'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      score: r.score,
      passed: toBool(r.passed),
      at: r.created_at,
    }));
  },

  /** Records that a reminder went out; false when it already had. */
  async reminderOnce(
    db: Executor,
    assignmentId: string,
    kind: string,
    at: string,
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('training_reminders')
      .values({ assignment_id: assignmentId, kind, sent_at: at })
      .onConflict((oc) => oc.columns(['assignment_id', 'kind']).doNothing())
      .returning('assignment_id')
      .executeTakeFirst();
    return inserted !== undefined;
  },
};
