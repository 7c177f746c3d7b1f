// Training and competence (7.2, 7.3): the course catalogue with versions and quizzes, competence
// requirements per role and group, assignments and completions, the competence matrix and the
// employee training completion KPI. Who may: training.read for one's own training and the
// catalogue (everyone signed in), training.report for others' training, the matrix and the KPI,
// training.manage for courses, requirements and assignments.
import { isUniqueViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { isRole } from '../../shared/permissions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Period } from '../audits/audits.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { UserService } from '../users/users.service.js';
import { createAssignments } from './assignments.js';
import { completionOver, type TrainingCompletion } from './completion.js';
import { competenceMatrix } from './matrix.js';
import {
  type Course,
  type CourseVersion,
  checkCode,
  checkDay,
  checkLink,
  checkQuiz,
  checkText,
  dayOf,
  MAX_CONTENT,
  type Quiz,
  type Requirement,
} from './training.js';
import { trainingRepository as repo } from './training.repository.js';

export type { CompletionFigure, TrainingCompletion } from './completion.js';

/** The periodic reminder job (src/server/system-jobs.ts). */
export const REMINDER_JOB = 'training.reminders';

/** A version as the catalogue shows it: the quiz's answers only to those who edit courses. */
export interface VersionView extends Omit<CourseVersion, 'quiz'> {
  quiz: Quiz | null;
  questionCount: number;
  passMark: number | null;
}

export interface CourseDetail extends Course {
  versions: VersionView[];
  requirements: Requirement[];
}

export interface VersionInput {
  changeNote?: string;
  durationMinutes?: number;
  content?: string;
  link?: string | null;
  quiz?: Quiz | null;
}

function mapError(error: unknown): unknown {
  if (isUniqueViolation(error))
    return new DomainError('ALREADY_EXISTS', 'A course with this code already exists.', {
      errors: [{ field: '/code', message: 'is already taken' }],
    });
  return error;
}

export function createTrainingService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  jobs: JobQueue;
  users: UserService;
  groups: GroupService;
  notifications: NotificationService;
}) {
  const { db, audit, clock, users, groups } = deps;
  const now = () => clock.now().toISOString();
  const today = () => dayOf(clock.now());
  const assignments = createAssignments(deps);

  audit.registerReader('training-course', async (actor) => can(actor, 'training.read'));
  audit.registerReader('training-assignment', async (actor, id) => {
    if (can(actor, 'training.report')) return true;
    const a = await repo.assignmentById(db, id, today());
    return a !== undefined && a.userId === actor.id;
  });

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }

  async function load(trx: Executor, id: string): Promise<Course> {
    const course = await repo.courseById(trx, id);
    if (!course) throw notFound('The course');
    return course;
  }

  async function detail(trx: Executor, actor: Actor, course: Course): Promise<CourseDetail> {
    const editor = can(actor, 'training.manage');
    const versions = (await repo.versions(trx, course.id))
      .filter((v) => editor || v.status === 'published')
      .map((v) => ({
        ...v,
        quiz: editor ? v.quiz : null,
        questionCount: v.quiz?.questions.length ?? 0,
        passMark: v.quiz?.passMark ?? null,
      }));
    return { ...course, versions, requirements: await repo.requirements(trx, [course.id]) };
  }

  async function checkOwner(trx: Executor, ownerId: string | null | undefined) {
    if (!ownerId) return null;
    const user = await users.find(trx, ownerId);
    if (!user?.active) throw invalid('/ownerId', 'must be an active user');
    return ownerId;
  }

  function versionValues(input: VersionInput, base?: CourseVersion) {
    const duration = input.durationMinutes ?? base?.durationMinutes ?? 30;
    if (!Number.isInteger(duration) || duration < 1 || duration > 6000)
      throw invalid('/durationMinutes', 'must be a whole number of minutes from 1 to 6000');
    const content = input.content ?? base?.content ?? '';
    if (content.length > MAX_CONTENT)
      throw invalid('/content', `must be at most ${MAX_CONTENT} characters`);
    return {
      change_note: checkText(
        '/changeNote',
        input.changeNote ?? base?.changeNote ?? '',
        1000,
        false,
      ),
      duration_minutes: duration,
      content,
      link: input.link !== undefined ? checkLink(input.link) : (base?.link ?? null),
      quiz: input.quiz !== undefined ? checkQuiz(input.quiz) : (base?.quiz ?? null),
    };
  }

  /**
   * Every change of a course or its versions: load, check the caller's version of the course,
   * change, bump the course's version, audit — in one transaction.
   */
  async function step(
    actor: Actor,
    id: string,
    expectedVersion: number,
    action: string,
    change: (
      before: Course,
      trx: Executor,
    ) => Promise<{ values?: Partial<Course>; changes: object }>,
  ): Promise<CourseDetail> {
    requirePermission(actor, 'training.manage', 'edit courses');
    return inTransaction(async (trx) => {
      const before = await load(trx, id);
      if (before.version !== expectedVersion) throw versionConflict('The course', before.version);
      const { values = {}, changes } = await change(before, trx);
      const saved = await repo.updateCourse(trx, id, expectedVersion, {
        ...(values.title !== undefined ? { title: values.title } : {}),
        ...(values.description !== undefined ? { description: values.description } : {}),
        ...(values.ownerId !== undefined ? { owner_id: values.ownerId } : {}),
        ...(values.status !== undefined ? { status: values.status } : {}),
        ...(values.publishedVersion !== undefined
          ? { published_version: values.publishedVersion }
          : {}),
        updated_at: now(),
      });
      if (!saved) throw versionConflict('The course', (await load(trx, id)).version);
      await audit.record(trx, actor, {
        action,
        entityType: 'training-course',
        entityId: id,
        changes: changes as never,
      });
      return detail(trx, actor, await load(trx, id));
    });
  }

  async function draftOf(trx: Executor, course: Course): Promise<CourseVersion> {
    const [latest] = await repo.versions(trx, course.id);
    if (latest?.status !== 'draft')
      throw new DomainError(
        'INVALID_TRANSITION',
        'The course has no draft version: start a new version first.',
      );
    return latest;
  }

  return {
    ...assignments,

    // Contract 2 for the management review and the KPIs: no permission check, in the caller's
    // transaction.
    async completion(trx: Executor, period: Period): Promise<TrainingCompletion> {
      return completionOver(trx, period);
    },

    async completionFor(actor: Actor, period: Period): Promise<TrainingCompletion> {
      requirePermission(actor, 'training.report', 'see the training completion figure');
      checkDay('/from', period.from);
      checkDay('/to', period.to);
      if (period.from > period.to) throw invalid('/to', 'must not be before from');
      return completionOver(db, period);
    },

    async matrix(actor: Actor, filter: { groupId?: string; role?: string }) {
      requirePermission(actor, 'training.report', 'see the competence matrix');
      return competenceMatrix(db, filter, today());
    },

    async listCourses(actor: Actor): Promise<Course[]> {
      requirePermission(actor, 'training.read', 'see the course catalogue');
      return repo.listCourses(db, can(actor, 'training.manage'));
    },

    async getCourse(actor: Actor, id: string): Promise<CourseDetail> {
      requirePermission(actor, 'training.read', 'see the course catalogue');
      const course = await repo.courseById(db, id);
      if (!course || (course.status === 'draft' && !can(actor, 'training.manage')))
        throw notFound('The course');
      return detail(db, actor, course);
    },

    /** A new course, with its first version as a draft to write and publish. */
    async createCourse(
      actor: Actor,
      input: {
        code: string;
        title: string;
        description?: string;
        ownerId?: string | null;
      } & VersionInput,
    ): Promise<CourseDetail> {
      requirePermission(actor, 'training.manage', 'create courses');
      const code = checkCode(input.code);
      const title = checkText('/title', input.title, 200);
      const description = checkText('/description', input.description ?? '', 4000, false);
      const version = versionValues(input);
      return inTransaction(async (trx) => {
        const ownerId = (await checkOwner(trx, input.ownerId)) ?? actor.id;
        const id = uuidv7(clock.now().getTime());
        const at = now();
        await repo.insertCourse(trx, {
          id,
          code,
          title,
          description,
          owner_id: ownerId,
          status: 'draft',
          published_version: null,
          created_at: at,
          updated_at: at,
          version: 1,
        });
        await repo.insertVersion(trx, {
          id: uuidv7(clock.now().getTime()),
          course_id: id,
          number: 1,
          status: 'draft',
          ...version,
          published_at: null,
          published_by: null,
          created_at: at,
          updated_at: at,
        });
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'training-course',
          entityId: id,
          changes: {
            code: { from: null, to: code },
            title: { from: null, to: title },
            ownerId: { from: null, to: ownerId },
          },
        });
        return detail(trx, actor, await load(trx, id));
      });
    },

    async updateCourse(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: { title?: string; description?: string; ownerId?: string | null },
    ) {
      return step(actor, id, expectedVersion, 'update', async (before, trx) => {
        const values: Partial<Course> = {};
        if (patch.title !== undefined) values.title = checkText('/title', patch.title, 200);
        if (patch.description !== undefined)
          values.description = checkText('/description', patch.description, 4000, false);
        if (patch.ownerId !== undefined) values.ownerId = await checkOwner(trx, patch.ownerId);
        const changes = Object.fromEntries(
          (Object.keys(values) as (keyof Course)[])
            .filter((k) => values[k] !== before[k])
            .map((k) => [k, { from: before[k], to: values[k] }]),
        );
        return { values, changes };
      });
    },

    /** Starts the next version as a draft, copied from the latest one. */
    async startVersion(actor: Actor, id: string, expectedVersion: number, input: VersionInput) {
      return step(actor, id, expectedVersion, 'start-version', async (course, trx) => {
        if (course.status === 'retired')
          throw new DomainError('INVALID_TRANSITION', 'A retired course gets no new versions.');
        const [latest] = await repo.versions(trx, id);
        if (latest?.status === 'draft')
          throw new DomainError(
            'INVALID_TRANSITION',
            `Version ${latest.number} is still a draft: edit and publish it first.`,
          );
        const number = (latest?.number ?? 0) + 1;
        await repo.insertVersion(trx, {
          id: uuidv7(clock.now().getTime()),
          course_id: id,
          number,
          status: 'draft',
          ...versionValues(input, latest),
          published_at: null,
          published_by: null,
          created_at: now(),
          updated_at: now(),
        });
        return { changes: { draftVersion: { from: null, to: number } } };
      });
    },

    /** Edits the draft version: content, duration, link, change note, quiz. */
    async editDraft(actor: Actor, id: string, expectedVersion: number, input: VersionInput) {
      return step(actor, id, expectedVersion, 'edit-version', async (course, trx) => {
        const draft = await draftOf(trx, course);
        const values = versionValues(input, draft);
        await repo.updateVersion(trx, id, draft.number, { ...values, updated_at: now() });
        return {
          changes: {
            [`version${draft.number}`]: {
              from: null,
              to: Object.keys(input)
                .filter((k) => input[k as keyof VersionInput] !== undefined)
                .join(', '),
            },
          },
        };
      });
    },

    /**
     * Publishes the draft: it becomes what people are assigned. Everyone a requirement covers gets
     * an assignment for it, and their open assignment for an earlier version is superseded.
     */
    async publish(actor: Actor, id: string, expectedVersion: number) {
      return step(actor, id, expectedVersion, 'publish', async (course, trx) => {
        const draft = await draftOf(trx, course);
        if (draft.content.trim() === '' && draft.link === null)
          throw invalid('/content', 'write the course content or give a link before publishing');
        await repo.updateVersion(trx, id, draft.number, {
          status: 'published',
          published_at: now(),
          published_by: actor.id,
          updated_at: now(),
        });
        // Published before the assignments are made, so they read the new version.
        await repo.setPublished(trx, id, draft.number);
        const assigned = await assignments.sync(trx, { courseIds: [id] }, actor);
        return {
          values: { status: 'published', publishedVersion: draft.number },
          changes: {
            publishedVersion: { from: course.publishedVersion, to: draft.number },
            status: { from: course.status, to: 'published' },
            assigned: { from: null, to: assigned },
          },
        };
      });
    },

    /** Retires a course: it is no longer assigned, and open assignments of it are withdrawn. */
    async retire(actor: Actor, id: string, expectedVersion: number) {
      return step(actor, id, expectedVersion, 'retire', async (course, trx) => {
        if (course.status === 'retired')
          throw new DomainError('INVALID_TRANSITION', 'The course is already retired.');
        await assignments.supersedeOpen(trx, actor, id);
        return {
          values: { status: 'retired' },
          changes: { status: { from: course.status, to: 'retired' } },
        };
      });
    },

    async addRequirement(
      actor: Actor,
      courseId: string,
      input: {
        role?: string | null;
        groupId?: string | null;
        dueDays: number;
        mandatory?: boolean;
      },
    ): Promise<CourseDetail> {
      requirePermission(actor, 'training.manage', 'set competence requirements');
      const role = input.role ?? null;
      const groupId = input.groupId ?? null;
      if ((role === null) === (groupId === null))
        throw invalid('/role', 'name either a role or a group');
      if (role !== null && !isRole(role)) throw invalid('/role', 'no such role');
      if (!Number.isInteger(input.dueDays) || input.dueDays < 0 || input.dueDays > 730)
        throw invalid('/dueDays', 'must be a whole number of days from 0 to 730');
      return inTransaction(async (trx) => {
        const course = await load(trx, courseId);
        if (course.status === 'retired')
          throw new DomainError('INVALID_TRANSITION', 'A retired course is required of nobody.');
        if (groupId !== null && !(await groups.find(trx, groupId)))
          throw invalid('/groupId', 'no such group');
        const existing = await repo.requirements(trx, [courseId]);
        if (existing.some((r) => r.role === role && r.groupId === groupId))
          throw new DomainError('ALREADY_EXISTS', 'This requirement already exists.', {
            errors: [
              { field: role ? '/role' : '/groupId', message: 'already requires this course' },
            ],
          });
        const id = uuidv7(clock.now().getTime());
        const mandatory = input.mandatory ?? true;
        await repo.insertRequirement(trx, {
          id,
          course_id: courseId,
          role,
          group_id: groupId,
          due_days: input.dueDays,
          mandatory,
          created_at: now(),
        });
        const assigned = await assignments.sync(trx, { courseIds: [courseId] }, actor);
        await audit.record(trx, actor, {
          action: 'add-requirement',
          entityType: 'training-course',
          entityId: courseId,
          changes: {
            requirement: {
              from: null,
              to: `${role ? `role ${role}` : `group ${groupId}`}, ${input.dueDays} days${mandatory ? ', mandatory' : ''}`,
            },
            assigned: { from: null, to: assigned },
          },
        });
        return detail(trx, actor, course);
      });
    },

    /** Removes a requirement; assignments already made stay (they are records of what was asked). */
    async removeRequirement(actor: Actor, courseId: string, requirementId: string) {
      requirePermission(actor, 'training.manage', 'set competence requirements');
      return inTransaction(async (trx) => {
        const course = await load(trx, courseId);
        const requirement = (await repo.requirements(trx, [courseId])).find(
          (r) => r.id === requirementId,
        );
        if (!requirement) throw notFound('The requirement');
        await repo.deleteRequirement(trx, requirementId);
        await audit.record(trx, actor, {
          action: 'remove-requirement',
          entityType: 'training-course',
          entityId: courseId,
          changes: {
            requirement: {
              from: requirement.role
                ? `role ${requirement.role}`
                : `group ${requirement.groupName}`,
              to: null,
            },
          },
        });
        return detail(trx, actor, course);
      });
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
