// Assignments: who must take which course version by when, made automatically from the competence
// requirements (on a join, a role change, a new user, a new published version) or by a manager;
// completing them (quiz, reading, or a manager's record) and reminding people before they are due.
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { type Actor, can, requirePermission, systemActor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AttachmentOwner } from '../attachments/attachments.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DirectoryEvent } from '../groups/directory-events.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import {
  type Assignment,
  type AssignmentStatus,
  addDays,
  checkDay,
  checkText,
  dayOf,
  type LearnerQuiz,
  learnerQuiz,
  reminderFor,
  scoreQuiz,
} from './training.js';
import { type AssignmentFilter, trainingRepository as repo } from './training.repository.js';

export interface AssignmentDetail extends Assignment {
  durationMinutes: number;
  content: string;
  link: string | null;
  quiz: LearnerQuiz | null;
  attempts: { id: string; score: number; passed: boolean; at: string }[];
}

export interface AttemptResult {
  score: number;
  passed: boolean;
  right: number;
  total: number;
  passMark: number;
  assignment: Assignment;
}

const automatic = systemActor('training');

export function createAssignments(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  notifications: NotificationService;
}) {
  const { db, audit, clock, notifications } = deps;
  const now = () => clock.now().toISOString();
  const today = () => dayOf(clock.now());

  /** Someone else's training is "not found" unless the caller may report on others. */
  async function visible(trx: Executor, actor: Actor, id: string): Promise<Assignment> {
    requirePermission(actor, 'training.read', 'see training');
    const a = await repo.assignmentById(trx, id, today());
    if (!a || (a.userId !== actor.id && !can(actor, 'training.report')))
      throw notFound('The assignment');
    return a;
  }

  async function reload(trx: Executor, id: string) {
    const a = await repo.assignmentById(trx, id, today());
    if (!a) throw notFound('The assignment');
    return a;
  }

  function requireOpen(a: Assignment) {
    if (a.status !== 'assigned')
      throw new DomainError(
        'INVALID_TRANSITION',
        a.status === 'completed'
          ? 'This training is already completed.'
          : 'This assignment was replaced by a newer version of the course.',
      );
  }

  async function complete(
    trx: Executor,
    actor: Actor,
    a: Assignment,
    done: { on: string; score: number | null; note: string | null; action: string },
  ) {
    const values = {
      status: 'completed',
      completed_on: done.on,
      completed_at: now(),
      score: done.score,
      completion_note: done.note,
      recorded_by: actor.id,
      updated_at: now(),
    };
    if (!(await repo.updateAssignment(trx, a.id, a.version, values)))
      throw versionConflict('The assignment', (await reload(trx, a.id)).version);
    await audit.record(trx, actor, {
      action: done.action,
      entityType: 'training-assignment',
      entityId: a.id,
      changes: {
        status: { from: a.status, to: 'completed' },
        completedOn: { from: null, to: done.on },
        ...(done.score !== null ? { score: { from: null, to: done.score } } : {}),
        ...(done.note ? { note: { from: null, to: done.note } } : {}),
      },
    });
    return reload(trx, a.id);
  }

  /** Writes one assignment for the course's published version and retires older open ones. */
  async function assignOne(
    trx: Executor,
    actor: Actor,
    input: {
      userId: string;
      courseId: string;
      courseVersion: number;
      dueOn: string;
      mandatory: boolean;
      reason: 'requirement' | 'manual';
    },
    existing: { id: string; course_version: number; status: string; version: number }[],
  ): Promise<string | null> {
    if (existing.some((e) => e.course_version === input.courseVersion)) return null;
    for (const older of existing.filter((e) => e.status === 'assigned')) {
      await repo.updateAssignment(trx, older.id, older.version, {
        status: 'superseded',
        updated_at: now(),
      });
      await audit.record(trx, actor, {
        action: 'supersede',
        entityType: 'training-assignment',
        entityId: older.id,
        changes: { status: { from: 'assigned', to: 'superseded' } },
      });
    }
    const id = uuidv7(clock.now().getTime());
    const at = now();
    await repo.insertAssignment(trx, {
      id,
      user_id: input.userId,
      course_id: input.courseId,
      course_version: input.courseVersion,
      mandatory: input.mandatory,
      reason: input.reason,
      assigned_at: at,
      due_on: input.dueOn,
      status: 'assigned',
      completed_at: null,
      completed_on: null,
      score: null,
      completion_note: null,
      recorded_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await audit.record(trx, actor, {
      action: 'assign',
      entityType: 'training-assignment',
      entityId: id,
      changes: {
        userId: { from: null, to: input.userId },
        courseId: { from: null, to: input.courseId },
        courseVersion: { from: null, to: input.courseVersion },
        dueOn: { from: null, to: input.dueOn },
        mandatory: { from: null, to: input.mandatory },
        reason: { from: null, to: input.reason },
      },
    });
    return id;
  }

  /**
   * Makes sure everyone a requirement covers holds an assignment for the course's published
   * version (due the requirement's days after today; the shortest and any mandatory flag win when
   * several apply). Idempotent: an existing assignment for that version is left alone.
   */
  async function sync(
    trx: Executor,
    scope: { userIds?: string[]; courseIds?: string[] },
    actor: Actor = automatic,
  ): Promise<number> {
    const requirements = await repo.requirements(trx, scope.courseIds);
    if (requirements.length === 0) return 0;
    const courseIds = [...new Set(requirements.map((r) => r.courseId))];
    const courses = new Map<string, number>();
    for (const courseId of courseIds) {
      const course = await repo.courseById(trx, courseId);
      if (course?.status === 'published' && course.publishedVersion !== null)
        courses.set(courseId, course.publishedVersion);
    }
    if (courses.size === 0) return 0;
    const people = await repo.people(trx, scope.userIds);
    const existing = await repo.assignmentsFor(
      trx,
      people.map((p) => p.id),
      [...courses.keys()],
    );
    let created = 0;
    for (const person of people) {
      for (const [courseId, courseVersion] of courses) {
        const applying = requirements.filter(
          (r) =>
            r.courseId === courseId &&
            (r.role === person.role || (r.groupId !== null && person.groupIds.includes(r.groupId))),
        );
        if (applying.length === 0) continue;
        const dueDays = Math.min(...applying.map((r) => r.dueDays));
        const id = await assignOne(
          trx,
          actor,
          {
            userId: person.id,
            courseId,
            courseVersion,
            dueOn: addDays(today(), dueDays),
            mandatory: applying.some((r) => r.mandatory),
            reason: 'requirement',
          },
          existing.filter((e) => e.user_id === person.id && e.course_id === courseId),
        );
        if (id) created++;
      }
    }
    return created;
  }

  /**
   * Evidence files of a completion (a certificate, an attendance sheet), owner type
   * 'training-completion' keyed by the assignment: read by whoever sees the assignment, added by
   * the person assigned or a training manager while the assignment is not superseded.
   */
  const attachmentOwner: AttachmentOwner = {
    entityType: 'training-assignment',
    async canRead(trx, actor, id) {
      return (await visible(trx, actor, id)).id;
    },
    async canAttach(trx, actor, id) {
      const a = await visible(trx, actor, id);
      if (a.userId !== actor.id)
        requirePermission(actor, 'training.manage', "add evidence to other people's training");
      if (a.status === 'superseded')
        throw new DomainError(
          'INVALID_TRANSITION',
          'This assignment was replaced by a newer version of the course.',
        );
      return a.id;
    },
  };

  return {
    sync,
    attachmentOwner,

    /** The directory listener: runs inside the transaction that changed the user or the group. */
    async onDirectoryEvent(trx: Executor, event: DirectoryEvent): Promise<void> {
      await sync(trx, { userIds: event.type === 'user-saved' ? [event.userId] : event.userIds });
    },

    async mine(actor: Actor): Promise<Assignment[]> {
      requirePermission(actor, 'training.read', 'see your training');
      if (!actor.id) return [];
      const all = await repo.listAssignments(db, { userId: actor.id }, today());
      return all.filter((a) => a.status !== 'superseded');
    },

    async list(
      actor: Actor,
      filter: AssignmentFilter,
      page: PageRequest,
    ): Promise<Page<Assignment>> {
      requirePermission(actor, 'training.read', 'see training');
      if (filter.userId !== actor.id || !filter.userId)
        requirePermission(actor, 'training.report', "see other people's training");
      const size = pageSize(page.limit);
      const rows = await repo.listAssignments(db, filter, today(), {
        after: decodeCursor(page.cursor),
        limit: size + 1,
      });
      return toPage(
        rows,
        size,
        (a) => [a.dueOn, a.id],
        (a) => a,
      );
    },

    async get(actor: Actor, id: string): Promise<AssignmentDetail> {
      const a = await visible(db, actor, id);
      const version = await repo.version(db, a.courseId, a.courseVersion);
      if (!version) throw notFound('The course version');
      return {
        ...a,
        durationMinutes: version.durationMinutes,
        content: version.content,
        link: version.link,
        quiz: learnerQuiz(version.quiz),
        attempts: await repo.attempts(db, id),
      };
    },

    /** The assignee answers the quiz; at or above the pass mark the training is completed. */
    async attempt(
      actor: Actor,
      id: string,
      answers: Record<string, string[]>,
    ): Promise<AttemptResult> {
      return db.transaction().execute(async (trx) => {
        const a = await visible(trx, actor, id);
        if (a.userId !== actor.id)
          throw new DomainError('FORBIDDEN', 'Only the person assigned may take the quiz.');
        requireOpen(a);
        const version = await repo.version(trx, a.courseId, a.courseVersion);
        if (!version?.quiz)
          throw new DomainError(
            'INVALID_TRANSITION',
            'This course has no quiz: mark it completed.',
          );
        const known = new Set(version.quiz.questions.map((q) => q.id));
        const unknown = Object.keys(answers).filter((k) => !known.has(k));
        if (unknown.length) throw invalid('/answers', `no such questions: ${unknown.join(', ')}`);
        const result = scoreQuiz(version.quiz, answers);
        await repo.insertAttempt(trx, {
          id: uuidv7(clock.now().getTime()),
          assignment_id: id,
          score: result.score,
          passed: result.passed,
          answers,
          created_at: now(),
        });
        await audit.record(trx, actor, {
          action: result.passed ? 'quiz-passed' : 'quiz-failed',
          entityType: 'training-assignment',
          entityId: id,
          changes: { score: { from: null, to: result.score } },
        });
        const assignment = result.passed
          ? await complete(trx, actor, a, {
              on: today(),
              score: result.score,
              note: null,
              action: 'complete',
            })
          : a;
        return { ...result, passMark: version.quiz.passMark, assignment };
      });
    },

    /** The assignee completes a course without a quiz after reading it. */
    async complete(actor: Actor, id: string): Promise<Assignment> {
      return db.transaction().execute(async (trx) => {
        const a = await visible(trx, actor, id);
        if (a.userId !== actor.id)
          throw new DomainError(
            'FORBIDDEN',
            'Only the person assigned may complete their training.',
          );
        requireOpen(a);
        const version = await repo.version(trx, a.courseId, a.courseVersion);
        if (version?.quiz)
          throw new DomainError(
            'INVALID_TRANSITION',
            `Pass the quiz (at least ${version.quiz.passMark}%) to complete this course.`,
          );
        return complete(trx, actor, a, {
          on: today(),
          score: null,
          note: null,
          action: 'complete',
        });
      });
    },

    /** A manager records a completion for someone, e.g. a classroom session, with a note. */
    async record(
      actor: Actor,
      id: string,
      input: { completedOn: string; score?: number | null; note: string },
    ): Promise<Assignment> {
      requirePermission(actor, 'training.manage', 'record training for others');
      const on = checkDay('/completedOn', input.completedOn);
      if (on > today()) throw invalid('/completedOn', 'must not be in the future');
      const note = checkText('/note', input.note, 2000);
      const score = input.score ?? null;
      if (score !== null && (!Number.isInteger(score) || score < 0 || score > 100))
        throw invalid('/score', 'must be a whole percentage from 0 to 100');
      return db.transaction().execute(async (trx) => {
        const a = await reload(trx, id);
        requireOpen(a);
        return complete(trx, actor, a, { on, score, note, action: 'record-completion' });
      });
    },

    async assign(
      actor: Actor,
      input: { userId: string; courseId: string; dueOn: string; mandatory?: boolean },
    ): Promise<Assignment> {
      requirePermission(actor, 'training.manage', 'assign training');
      const dueOn = checkDay('/dueOn', input.dueOn);
      return db.transaction().execute(async (trx) => {
        const course = await repo.courseById(trx, input.courseId);
        if (!course) throw invalid('/courseId', 'no such course');
        if (course.status !== 'published' || course.publishedVersion === null)
          throw invalid('/courseId', 'must be a published course');
        const [person] = await repo.people(trx, [input.userId]);
        if (!person) throw invalid('/userId', 'must be an active user');
        const existing = await repo.assignmentsFor(trx, [person.id], [course.id]);
        const same = existing.find((e) => e.course_version === course.publishedVersion);
        // Idempotent: the person already holds this version.
        if (same) return reload(trx, same.id);
        const id = await assignOne(
          trx,
          actor,
          {
            userId: person.id,
            courseId: course.id,
            courseVersion: course.publishedVersion,
            dueOn,
            mandatory: input.mandatory ?? true,
            reason: 'manual',
          },
          existing,
        );
        return reload(trx, id as string);
      });
    },

    /** Open assignments the course's retirement leaves nothing to do for. */
    async supersedeOpen(trx: Executor, actor: Actor, courseId: string) {
      const open = (await repo.assignmentsFor(trx, undefined, [courseId])).filter(
        (e) => e.status === 'assigned',
      );
      for (const e of open) {
        await repo.updateAssignment(trx, e.id, e.version, {
          status: 'superseded',
          updated_at: now(),
        });
        await audit.record(trx, actor, {
          action: 'supersede',
          entityType: 'training-assignment',
          entityId: e.id,
          changes: { status: { from: 'assigned' as AssignmentStatus, to: 'superseded' } },
        });
      }
    },

    /**
     * The periodic reminder: 7 days and 1 day before the due date, and once overdue. Each reminder
     * is recorded with the notification's job in one transaction, so it goes out exactly once.
     */
    async sendReminders(): Promise<number> {
      const day = today();
      const open = await repo.openDueBy(db, addDays(day, 7));
      let sent = 0;
      for (const a of open) {
        const kind = reminderFor(a.due_on, day);
        if (!kind) continue;
        await db.transaction().execute(async (trx) => {
          if (!(await repo.reminderOnce(trx, a.id, kind, now()))) return;
          await notifications.notify(trx, {
            kind: kind === 'overdue' ? 'training-overdue' : 'training-due',
            subject: { type: 'training-assignment', id: a.id },
            link: `/training/assignments/${a.id}`,
            params: { number: a.code, title: a.title, actorName: 'Meridian', expiresAt: a.due_on },
            audience: [{ role: 'assignee', userIds: [a.user_id] }],
            actorId: null,
          });
          sent++;
        });
      }
      return sent;
    },
  };
}

export type Assignments = ReturnType<typeof createAssignments>;
