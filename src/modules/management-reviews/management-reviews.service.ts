// Management reviews (9.3): meetings planned and held by managers (reviews.manage), read by staff
// and auditors (reviews.read). The review's inputs are pre-filled from the other modules, read
// through their services; decisions and actions are recorded in the review, and each action's
// owner updates it until it is done. Every write is audited as entity 'management-review'.
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import type { Services } from '../../server/services.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound, versionConflict } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import {
  type Action,
  type ActionInput,
  type ActionPatch,
  type ActionView,
  addDays,
  checkDay,
  checkEditable,
  checkText,
  daysBetween,
  INPUT_KEYS,
  type InputKey,
  inputPeriods,
  isActionOverdue,
  longText,
  moveTo,
  type NewReview,
  type Review,
  type ReviewListItem,
  type ReviewPatch,
  type ReviewStatus,
  type ReviewView,
} from './management-reviews.js';
import {
  actionRow,
  managementReviewsRepository as repo,
  reviewRow,
  toAction,
  toReview,
} from './management-reviews.repository.js';
import { createReviewInputs } from './review-inputs.js';

export const REVIEW_SERIES = 'MRV';
const ENTITY = 'management-review';

export function createManagementReviewService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  /** Handed over lazily: the review reads audits, training, improvements, surveys… */
  modules: () => Partial<Services>;
}) {
  const { db, audit, clock, modules } = deps;
  const takeInputs = createReviewInputs({ db, modules });
  const today = () => clock.now().toISOString().slice(0, 10);

  audit.registerReader(ENTITY, async (actor) => can(actor, 'reviews.read'));
  audit.registerReader('management-review-action', async (actor) => can(actor, 'reviews.read'));

  async function load(trx: Executor, id: string): Promise<Review | undefined> {
    const row = /^MRV\d+$/.test(id) ? await repo.byNumber(trx, id) : await repo.byId(trx, id);
    if (!row) return undefined;
    return toReview(row, (await repo.attendeesOf(trx, [row.id])).get(row.id) ?? []);
  }

  const writes = auditedWrites<Review>(
    { db, audit, clock },
    {
      what: 'The management review',
      entityType: ENTITY,
      load,
      insert: () => Promise.reject(new Error('reviews are created through create')),
      async update(trx, r, expected) {
        const { id: _id, created_at: _c, version: _v, ...values } = reviewRow(r);
        if (!(await repo.update(trx, r.id, expected, values))) return false;
        await repo.setAttendees(trx, r.id, r.attendeeIds);
        return true;
      },
    },
  );

  async function checkUsers(trx: Executor, ids: (string | null | undefined)[], field: string) {
    const missing = await repo.usersExist(
      trx,
      ids.filter((id): id is string => typeof id === 'string'),
    );
    if (missing.length) throw invalid(field, `no such user: ${missing.join(', ')}`);
  }

  async function actionViews(trx: Executor, actions: Action[]): Promise<ActionView[]> {
    const names = await repo.userNames(
      trx,
      actions.map((a) => a.ownerId).filter((id): id is string => id !== null),
    );
    const raised = await modules().improvements?.bySource(
      trx,
      'management-review',
      actions.map((a) => a.id),
    );
    const day = today();
    return actions.map((a) => ({
      ...a,
      ownerName: a.ownerId ? (names.get(a.ownerId) ?? null) : null,
      overdue: isActionOverdue(a, day),
      improvements: raised?.get(a.id) ?? [],
    }));
  }

  async function view(trx: Executor, review: Review): Promise<ReviewView> {
    const [decisions, actions] = await Promise.all([
      repo.decisionsOf(trx, review.id),
      repo.actionsOf(trx, review.id),
    ]);
    const names = await repo.userNames(trx, [
      ...review.attendeeIds,
      ...(review.chairId ? [review.chairId] : []),
    ]);
    return {
      ...review,
      chairName: review.chairId ? (names.get(review.chairId) ?? null) : null,
      attendees: review.attendeeIds
        .map((id) => ({ id, name: names.get(id) ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      decisions: decisions.map((d) => ({
        id: d.id,
        text: d.text,
        createdBy: d.created_by,
        createdAt: d.created_at,
      })),
      actions: await actionViews(trx, actions.map(toAction)),
    };
  }

  const manage = (actor: Actor, what: string) => requirePermission(actor, 'reviews.manage', what);

  async function editable(trx: Executor, id: string) {
    const review = await writes.load(trx, id);
    checkEditable(review);
    return review;
  }

  return {
    async list(actor: Actor, page: PageRequest): Promise<Page<ReviewListItem>> {
      requirePermission(actor, 'reviews.read', 'see management reviews');
      const size = pageSize(page.limit);
      const key = decodeCursor(page.cursor);
      const rows = await repo.list(
        db,
        key ? { plannedOn: String(key[0]), id: key[1] } : null,
        size + 1,
      );
      const kept = rows.slice(0, size);
      const attendees = await repo.attendeesOf(
        db,
        kept.map((r) => r.id),
      );
      const names = await repo.userNames(
        db,
        kept.map((r) => r.chair_id).filter((id): id is string => id !== null),
      );
      const counts = await repo.actionCounts(
        db,
        kept.map((r) => r.id),
        today(),
      );
      return toPage(
        rows,
        size,
        (r) => [r.planned_on, r.id],
        (r) => ({
          ...toReview(r, attendees.get(r.id) ?? []),
          chairName: r.chair_id ? (names.get(r.chair_id) ?? null) : null,
          openActions: counts.get(r.id)?.open ?? 0,
          overdueActions: counts.get(r.id)?.overdue ?? 0,
        }),
      );
    },

    async get(actor: Actor, id: string): Promise<ReviewView> {
      requirePermission(actor, 'reviews.read', 'see management reviews');
      return view(db, await writes.load(db, id));
    },

    async create(actor: Actor, input: NewReview): Promise<ReviewView> {
      manage(actor, 'plan management reviews');
      const now = clock.now();
      const review: Review = {
        id: uuidv7(now.getTime()),
        number: '',
        title: checkText(input.title, '/title'),
        plannedOn: checkDay(input.plannedOn, '/plannedOn'),
        heldOn: null,
        chairId: input.chairId ?? actor.id,
        status: 'planned',
        minutes: '',
        risks: '',
        attendeeIds: [...new Set(input.attendeeIds ?? [])].sort(),
        inputs: null,
        inputComments: {},
        closedAt: null,
        createdBy: actor.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const saved = await db.transaction().execute(async (trx) => {
        await checkUsers(trx, [review.chairId], '/chairId');
        await checkUsers(trx, review.attendeeIds, '/attendeeIds');
        review.number = formatNumber(REVIEW_SERIES, await nextInSeries(trx, REVIEW_SERIES));
        await repo.insert(trx, reviewRow(review));
        await repo.setAttendees(trx, review.id, review.attendeeIds);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: ENTITY,
          entityId: review.id,
          changes: diff(null, review, { ignore: ['id', 'createdAt', 'inputs'] }),
        });
        return review;
      });
      return view(db, saved);
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: ReviewPatch,
    ): Promise<ReviewView> {
      manage(actor, 'change management reviews');
      const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
        checkEditable(before);
        const after: Review = { ...before };
        if (patch.title !== undefined) after.title = checkText(patch.title, '/title');
        if (patch.plannedOn !== undefined)
          after.plannedOn = checkDay(patch.plannedOn, '/plannedOn');
        if (patch.heldOn !== undefined)
          after.heldOn = patch.heldOn === null ? null : checkDay(patch.heldOn, '/heldOn');
        if (patch.chairId !== undefined) {
          await checkUsers(trx, [patch.chairId], '/chairId');
          after.chairId = patch.chairId;
        }
        if (patch.attendeeIds !== undefined) {
          await checkUsers(trx, patch.attendeeIds, '/attendeeIds');
          after.attendeeIds = [...new Set(patch.attendeeIds)].sort();
        }
        if (patch.minutes !== undefined) after.minutes = longText(patch.minutes, '/minutes');
        if (patch.risks !== undefined) after.risks = longText(patch.risks, '/risks');
        if (patch.inputComments !== undefined) {
          const comments = { ...before.inputComments };
          for (const [key, text] of Object.entries(patch.inputComments)) {
            if (!(INPUT_KEYS as readonly string[]).includes(key))
              throw invalid(`/inputComments/${key}`, 'no such input');
            const clean = longText(text ?? '', `/inputComments/${key}`);
            if (clean) comments[key as InputKey] = clean;
            else delete comments[key as InputKey];
          }
          after.inputComments = comments;
        }
        return after;
      });
      return view(db, saved);
    },

    async transition(
      actor: Actor,
      id: string,
      expectedVersion: number,
      status: ReviewStatus,
    ): Promise<ReviewView> {
      manage(actor, 'hold and close management reviews');
      const saved = await writes.update(actor, id, expectedVersion, (before) =>
        moveTo(before, status, today(), clock.now().toISOString()),
      );
      return view(db, saved);
    },

    /**
     * Takes a fresh snapshot of the inputs from live data, over the period since the previous
     * review (or the one given). Only while the review is planned: a held review keeps what it
     * reviewed.
     */
    async refreshInputs(
      actor: Actor,
      id: string,
      expectedVersion: number,
      period: { from?: string; to?: string } = {},
    ): Promise<ReviewView> {
      manage(actor, 'prepare management reviews');
      const review = await writes.load(db, id);
      if (review.status !== 'planned')
        throw new DomainError(
          'INVALID_TRANSITION',
          'Only a planned review takes fresh inputs; a held review keeps what it reviewed.',
        );
      if (review.version !== expectedVersion)
        throw versionConflict('The management review', review.version);
      const previous = await repo.previousHeld(db, review.plannedOn, review.id);
      const periods = inputPeriods(
        period.to ? checkDay(period.to, '/to') : today(),
        previous ? (previous.inputs_to ?? previous.held_on ?? previous.planned_on) : null,
      );
      if (period.from) {
        periods.current.from = checkDay(period.from, '/from');
        if (periods.current.from > periods.current.to)
          throw invalid('/from', 'must not be after to');
        const length = daysBetween(periods.current.from, periods.current.to) + 1;
        periods.previous = {
          from: addDays(periods.current.from, -length),
          to: addDays(periods.current.from, -1),
        };
      }
      // Read everything first (the modules read outside this module's transaction), then write.
      const items = await takeInputs(review, periods.current, periods.previous);
      const saved = await writes.update(actor, id, expectedVersion, (before) => ({
        ...before,
        inputs: {
          from: periods.current.from,
          to: periods.current.to,
          previousFrom: periods.previous.from,
          previousTo: periods.previous.to,
          refreshedAt: clock.now().toISOString(),
          items,
        },
      }));
      return view(db, saved);
    },

    async addDecision(actor: Actor, id: string, text: string): Promise<ReviewView> {
      manage(actor, 'record decisions');
      const clean = checkText(text, '/text', 4000);
      const review = await db.transaction().execute(async (trx) => {
        const r = await editable(trx, id);
        const decisionId = uuidv7(clock.now().getTime());
        await repo.insertDecision(trx, {
          id: decisionId,
          review_id: r.id,
          position: await repo.nextDecisionPosition(trx, r.id),
          text: clean,
          created_by: actor.id,
          created_at: clock.now().toISOString(),
        });
        await audit.record(trx, actor, {
          action: 'update',
          entityType: ENTITY,
          entityId: r.id,
          changes: { decision: { from: null, to: clean } },
        });
        return r;
      });
      return view(db, review);
    },

    async removeDecision(actor: Actor, id: string, decisionId: string): Promise<ReviewView> {
      manage(actor, 'remove decisions');
      const review = await db.transaction().execute(async (trx) => {
        const r = await editable(trx, id);
        const decision = await repo.decision(trx, r.id, decisionId);
        if (!decision) throw notFound('The decision');
        await repo.deleteDecision(trx, decision.id);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: ENTITY,
          entityId: r.id,
          changes: { decision: { from: decision.text, to: null } },
        });
        return r;
      });
      return view(db, review);
    },

    async addAction(actor: Actor, id: string, input: ActionInput): Promise<ActionView> {
      manage(actor, 'record review actions');
      const action = await db.transaction().execute(async (trx) => {
        const r = await editable(trx, id);
        if (input.decisionId && !(await repo.decision(trx, r.id, input.decisionId)))
          throw invalid('/decisionId', 'no such decision in this review');
        await checkUsers(trx, [input.ownerId], '/ownerId');
        const now = clock.now().toISOString();
        const a: Action = {
          id: uuidv7(clock.now().getTime()),
          reviewId: r.id,
          decisionId: input.decisionId ?? null,
          title: checkText(input.title, '/title'),
          ownerId: input.ownerId,
          dueDate: checkDay(input.dueDate, '/dueDate'),
          status: 'open',
          notes: '',
          doneAt: null,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await repo.insertAction(trx, actionRow(a));
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'management-review-action',
          entityId: a.id,
          changes: diff(null, a, { ignore: ['id', 'createdAt'] }),
        });
        return a;
      });
      return (await actionViews(db, [action]))[0] as ActionView;
    },

    async action(actor: Actor, actionId: string): Promise<ActionView> {
      requirePermission(actor, 'reviews.read', 'see management reviews');
      const row = await repo.action(db, actionId);
      if (!row) throw notFound('The action');
      return (await actionViews(db, [toAction(row)]))[0] as ActionView;
    },

    /**
     * Managers change anything of an action; its owner marks it done (or open again) and keeps
     * its notes. Actions stay open to work after their review is closed.
     */
    async updateAction(
      actor: Actor,
      actionId: string,
      expectedVersion: number,
      patch: ActionPatch,
    ): Promise<ActionView> {
      requirePermission(actor, 'reviews.read', 'see management reviews');
      const saved = await db.transaction().execute(async (trx) => {
        const row = await repo.action(trx, actionId);
        if (!row) throw notFound('The action');
        const before = toAction(row);
        const isOwner = actor.id !== null && actor.id === before.ownerId;
        const managerOnly = (['title', 'ownerId', 'dueDate'] as const).filter(
          (f) => patch[f] !== undefined,
        );
        if (!can(actor, 'reviews.manage') && (!isOwner || managerOnly.length > 0))
          throw new DomainError(
            'FORBIDDEN',
            isOwner
              ? `Only a manager changes ${managerOnly.join(', ')}; as the owner you update the status and notes.`
              : 'Your role does not allow you to update review actions you do not own.',
            { permission: 'reviews.manage' },
          );
        if (before.version !== expectedVersion) throw versionConflict('The action', before.version);
        const after: Action = { ...before };
        if (patch.title !== undefined) after.title = checkText(patch.title, '/title');
        if (patch.ownerId !== undefined) {
          await checkUsers(trx, [patch.ownerId], '/ownerId');
          after.ownerId = patch.ownerId;
        }
        if (patch.dueDate !== undefined) after.dueDate = checkDay(patch.dueDate, '/dueDate');
        if (patch.notes !== undefined) after.notes = longText(patch.notes, '/notes');
        if (patch.status !== undefined && patch.status !== before.status) {
          after.status = patch.status;
          after.doneAt = patch.status === 'done' ? clock.now().toISOString() : null;
        }
        const changes = diff(before, after);
        if (Object.keys(changes).length === 0) return before;
        after.version = before.version + 1;
        after.updatedAt = clock.now().toISOString();
        const { id: _id, created_at: _c, version: _v, ...values } = actionRow(after);
        if (!(await repo.updateAction(trx, before.id, expectedVersion, values)))
          throw versionConflict('The action', before.version);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'management-review-action',
          entityId: before.id,
          changes,
        });
        return after;
      });
      return (await actionViews(db, [saved]))[0] as ActionView;
    },
  };
}

export type ManagementReviewService = ReturnType<typeof createManagementReviewService>;
