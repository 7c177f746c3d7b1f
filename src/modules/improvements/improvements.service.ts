// The continual improvement register (10.2). Staff suggest (improvements.suggest); managers
// approve, prioritise, assign, close and reject (improvements.manage); the owner of an item moves
// it through the work and records its progress and measured outcome. Every write is audited as
// entity 'improvement'. Other modules read its figures through `summary`.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { Period } from '../audits/audits.service.js';
import type { UserService } from '../users/users.service.js';
import {
  checkDate,
  checkOutcomeAllowed,
  checkScore,
  checkSource,
  checkTitle,
  type Improvement,
  type ImprovementSource,
  type ImprovementStatus,
  isOverdue,
  moveTo,
  type Outcome,
  OWNER_MOVES,
  optionalText,
  type Priority,
  priorityOf,
  TEXT_LIMITS,
} from './improvements.js';
import {
  type ImprovementFilter,
  improvementRow,
  improvementsRepository as repo,
  toImprovement,
} from './improvements.repository.js';
import { playbookPdf } from './playbook.js';

export const IMPROVEMENT_SERIES = 'IMP';

export interface ImprovementSummary {
  /** Opportunities not yet completed or rejected at the end of the period. */
  open: number;
  /** Raised within the period. */
  raised: number;
  /** Completed (implemented) within the period. */
  completed: number;
  /** Open ones past their target date at the end of the period. */
  overdue: number;
}

export interface ImprovementInput {
  title: string;
  description?: string;
  source: string;
  sourceId?: string | null;
  sourceLabel?: string | null;
  expectedBenefit?: string;
  benefit?: number | null;
  effort?: number | null;
  impact?: number | null;
  ownerId?: string | null;
  targetDate?: string | null;
}

export interface ImprovementPatch {
  title?: string;
  description?: string;
  sourceLabel?: string | null;
  expectedBenefit?: string;
  benefit?: number | null;
  effort?: number | null;
  impact?: number | null;
  ownerId?: string | null;
  targetDate?: string | null;
  progressNote?: string | null;
  outcome?: Partial<Outcome>;
}

export interface ImprovementMove {
  status: ImprovementStatus;
  rejectionReason?: string;
  /** The measured outcome may come with "close", so closing is one request. */
  outcome?: Partial<Outcome>;
}

export type ImprovementView = Improvement & {
  priority: Priority | null;
  overdue: boolean;
  ownerName: string | null;
};

/** Fields only managers set; the owner records the progress note and the outcome. */
const MANAGER_FIELDS = [
  'title',
  'description',
  'sourceLabel',
  'expectedBenefit',
  'benefit',
  'effort',
  'impact',
  'ownerId',
  'targetDate',
] as const;

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError(
      'VALIDATION_FAILED',
      'The improvement refers to a user that does not exist.',
      { errors: [{ field: '/ownerId', message: 'no such user' }] },
    );
  return error;
}

export function createImprovementService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  users: Pick<UserService, 'find'>;
}) {
  const { db, audit, clock, users } = deps;

  audit.registerReader('improvement', async (actor) => can(actor, 'improvements.read'));

  const today = () => clock.now().toISOString().slice(0, 10);

  async function load(trx: Executor, id: string): Promise<Improvement | undefined> {
    const row = /^IMP\d+$/.test(id) ? await repo.byNumber(trx, id) : await repo.byId(trx, id);
    return row ? toImprovement(row) : undefined;
  }

  const writes = auditedWrites<Improvement>(
    { db, audit, clock, mapError },
    {
      what: 'The improvement',
      entityType: 'improvement',
      load,
      // Improvements are created by `create` below, in the transaction that takes the number.
      insert: () => Promise.reject(new Error('improvements are created through create')),
      async update(trx, i, expected) {
        const { id: _id, created_at: _c, version: _v, ...values } = improvementRow(i);
        return repo.update(trx, i.id, expected, values);
      },
    },
  );

  async function views(trx: Executor, list: Improvement[]): Promise<ImprovementView[]> {
    const names = await repo.userNames(
      trx,
      list.map((i) => i.ownerId).filter((id): id is string => id !== null),
    );
    const day = today();
    return list.map((i) => ({
      ...i,
      priority: priorityOf(i.scores),
      overdue: isOverdue(i, day),
      ownerName: i.ownerId ? (names.get(i.ownerId) ?? null) : null,
    }));
  }
  const view = async (trx: Executor, i: Improvement) =>
    (await views(trx, [i]))[0] as ImprovementView;

  async function checkOwner(trx: Executor, ownerId: string | null) {
    if (ownerId && !(await users.find(trx, ownerId))) throw invalid('/ownerId', 'no such user');
  }

  function outcomeOf(patch: Partial<Outcome>, before: Outcome): Outcome {
    const pick = (key: 'measure' | 'before' | 'after' | 'notes', max: number) =>
      patch[key] !== undefined ? optionalText(patch[key], `/outcome/${key}`, max) : before[key];
    return {
      measure: pick('measure', TEXT_LIMITS.short),
      before: pick('before', TEXT_LIMITS.short),
      after: pick('after', TEXT_LIMITS.short),
      measuredOn:
        patch.measuredOn !== undefined
          ? checkDate(patch.measuredOn, '/outcome/measuredOn')
          : before.measuredOn,
      notes: pick('notes', TEXT_LIMITS.long),
    };
  }

  function fields(patch: ImprovementPatch, before: Improvement): Improvement {
    const score = (key: 'benefit' | 'effort' | 'impact') =>
      patch[key] !== undefined ? checkScore(patch[key], `/${key}`) : before.scores[key];
    return {
      ...before,
      title: patch.title !== undefined ? checkTitle(patch.title) : before.title,
      description:
        patch.description !== undefined
          ? (optionalText(patch.description, '/description') ?? '')
          : before.description,
      sourceLabel:
        patch.sourceLabel !== undefined
          ? optionalText(patch.sourceLabel, '/sourceLabel', TEXT_LIMITS.title)
          : before.sourceLabel,
      expectedBenefit:
        patch.expectedBenefit !== undefined
          ? (optionalText(patch.expectedBenefit, '/expectedBenefit') ?? '')
          : before.expectedBenefit,
      scores: { benefit: score('benefit'), effort: score('effort'), impact: score('impact') },
      ownerId: patch.ownerId !== undefined ? patch.ownerId : before.ownerId,
      targetDate:
        patch.targetDate !== undefined
          ? checkDate(patch.targetDate, '/targetDate')
          : before.targetDate,
      progressNote:
        patch.progressNote !== undefined
          ? optionalText(patch.progressNote, '/progressNote')
          : before.progressNote,
      outcome: patch.outcome ? outcomeOf(patch.outcome, before.outcome) : before.outcome,
    };
  }

  /** Managers change everything; the owner only the progress note and the outcome. */
  function checkMayEdit(actor: Actor, before: Improvement, patch: ImprovementPatch) {
    if (can(actor, 'improvements.manage')) return;
    const isOwner = actor.id !== null && actor.id === before.ownerId;
    const managerOnly = MANAGER_FIELDS.filter((f) => patch[f] !== undefined);
    if (!isOwner || managerOnly.length > 0)
      throw new DomainError(
        'FORBIDDEN',
        isOwner
          ? `Only a manager changes ${managerOnly.join(', ')}; as the owner you record progress and the measured outcome.`
          : 'Your role does not allow you to change improvements you do not own.',
        { permission: 'improvements.manage' },
      );
  }

  function afterCursor(cursor: string | undefined) {
    const key = decodeCursor(cursor);
    if (!key) return null;
    if (typeof key[0] !== 'number')
      throw new DomainError('INVALID_CURSOR', 'The cursor is not one this server handed out.', {
        errors: [{ field: '/cursor', message: 'unknown cursor' }],
      });
    return { score: key[0], id: key[1] };
  }

  async function list(
    actor: Actor,
    filter: Omit<ImprovementFilter, 'overdueOn'> & { overdue?: boolean },
    page: PageRequest,
  ): Promise<Page<ImprovementView>> {
    requirePermission(actor, 'improvements.read', 'see improvements');
    const size = pageSize(page.limit);
    const { overdue, ...rest } = filter;
    const rows = await repo.list(
      db,
      { ...rest, overdueOn: overdue ? today() : undefined },
      afterCursor(page.cursor),
      size + 1,
    );
    const items = await views(db, rows.slice(0, size).map(toImprovement));
    const byId = new Map(items.map((i) => [i.id, i]));
    return toPage(
      rows,
      size,
      (r) => [Number(r.priority_score), r.id],
      (r) => byId.get(r.id) as ImprovementView,
    );
  }

  return {
    list,

    async get(actor: Actor, id: string): Promise<ImprovementView> {
      requirePermission(actor, 'improvements.read', 'see improvements');
      return view(db, await writes.load(db, id));
    },

    async create(actor: Actor, input: ImprovementInput): Promise<ImprovementView> {
      requirePermission(actor, 'improvements.suggest', 'suggest improvements');
      if (
        !can(actor, 'improvements.manage') &&
        ((input.ownerId ?? null) !== null || (input.targetDate ?? null) !== null)
      )
        throw new DomainError(
          'FORBIDDEN',
          'Only a manager assigns an owner or a target date; suggest the improvement without them.',
          { permission: 'improvements.manage' },
        );
      const now = clock.now();
      const blank: Improvement = {
        id: uuidv7(now.getTime()),
        number: '',
        title: '',
        description: '',
        source: checkSource(input.source),
        sourceId: optionalText(input.sourceId, '/sourceId', 64),
        sourceLabel: null,
        expectedBenefit: '',
        scores: { benefit: null, effort: null, impact: null },
        ownerId: null,
        status: 'proposed',
        targetDate: null,
        progressNote: null,
        rejectionReason: null,
        outcome: { measure: null, before: null, after: null, measuredOn: null, notes: null },
        approvedAt: null,
        startedAt: null,
        implementedAt: null,
        closedAt: null,
        rejectedAt: null,
        createdBy: actor.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const { source: _s, sourceId: _i, ...rest } = input;
      const improvement = fields(rest, blank);
      try {
        const saved = await db.transaction().execute(async (trx) => {
          await checkOwner(trx, improvement.ownerId);
          improvement.number = formatNumber(
            IMPROVEMENT_SERIES,
            await nextInSeries(trx, IMPROVEMENT_SERIES),
          );
          await repo.insert(trx, improvementRow(improvement));
          await audit.record(trx, actor, {
            action: 'create',
            entityType: 'improvement',
            entityId: improvement.id,
            changes: diff(null, improvement, { ignore: ['id', 'createdAt'] }),
          });
          return improvement;
        });
        return view(db, saved);
      } catch (error) {
        throw mapError(error);
      }
    },

    async update(
      actor: Actor,
      id: string,
      expectedVersion: number,
      patch: ImprovementPatch,
    ): Promise<ImprovementView> {
      requirePermission(actor, 'improvements.read', 'see improvements');
      const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
        checkMayEdit(actor, before, patch);
        if (before.status === 'rejected' || (before.status === 'closed' && !patch.outcome))
          throw new DomainError(
            'INVALID_TRANSITION',
            `The improvement is ${before.status}; it changes no more.`,
          );
        const after = fields(patch, before);
        await checkOwner(trx, after.ownerId);
        if (patch.outcome) checkOutcomeAllowed(after, after.outcome);
        return after;
      });
      return view(db, saved);
    },

    async transition(
      actor: Actor,
      id: string,
      expectedVersion: number,
      move: ImprovementMove,
    ): Promise<ImprovementView> {
      requirePermission(actor, 'improvements.read', 'see improvements');
      const saved = await writes.update(actor, id, expectedVersion, (before) => {
        const ownerMove =
          actor.id !== null &&
          actor.id === before.ownerId &&
          (OWNER_MOVES[before.status] ?? []).includes(move.status);
        if (!ownerMove)
          requirePermission(actor, 'improvements.manage', `move improvements to ${move.status}`);
        let after: Improvement = { ...before };
        if (move.rejectionReason !== undefined)
          after.rejectionReason = optionalText(move.rejectionReason, '/rejectionReason');
        if (move.outcome) {
          after = { ...after, outcome: outcomeOf(move.outcome, before.outcome) };
          if (before.status !== 'implemented') checkOutcomeAllowed(before, after.outcome);
        }
        return moveTo(before, after, move.status, clock.now().toISOString());
      });
      return view(db, saved);
    },

    /** The Continual Improvement Playbook (PDF) from the live register. */
    async playbook(actor: Actor): Promise<{ filename: string; pdf: Buffer }> {
      requirePermission(actor, 'improvements.read', 'see improvements');
      const items = await views(db, (await repo.all(db)).map(toImprovement));
      const generatedAt = clock.now();
      const pdf = await playbookPdf({ items, generatedAt });
      return {
        filename: `continual-improvement-playbook-${generatedAt.toISOString().slice(0, 10)}.pdf`,
        pdf,
      };
    },

    /** Figures of a period for the management review and the KPIs (no caller check). */
    async summary(trx: Executor, period: Period): Promise<ImprovementSummary> {
      const start = `${period.from}T00:00:00.000Z`;
      const end = new Date(Date.parse(`${period.to}T00:00:00.000Z`) + 86_400_000).toISOString();
      // Overdue at the end of the period: the target day ended before the period did.
      return repo.summary(trx, start, end, end.slice(0, 10));
    },

    /**
     * Evidence of the measured effect (a report, an export) attached to the improvement: read by
     * whoever reads the register, attached by a manager or the owner until it is closed or
     * rejected.
     */
    attachmentOwner: {
      entityType: 'improvement',
      async canRead(trx: Executor, actor: Actor, ownerId: string) {
        requirePermission(actor, 'improvements.read', 'see improvements');
        const found = await load(trx, ownerId);
        if (!found) throw notFound('The improvement');
        return found.id;
      },
      async canAttach(trx: Executor, actor: Actor, ownerId: string) {
        requirePermission(actor, 'improvements.read', 'see improvements');
        const found = await load(trx, ownerId);
        if (!found) throw notFound('The improvement');
        if (!can(actor, 'improvements.manage') && (actor.id === null || actor.id !== found.ownerId))
          throw new DomainError(
            'FORBIDDEN',
            'Only a manager or the improvement’s owner attaches files to it.',
            { permission: 'improvements.manage' },
          );
        if (found.status === 'closed' || found.status === 'rejected')
          throw new DomainError('INVALID_TRANSITION', `The improvement is ${found.status}.`);
        return found.id;
      },
    },

    /** For other modules: the improvements raised from their records, by source id. */
    async bySource(
      trx: Executor,
      source: ImprovementSource,
      sourceIds: string[],
    ): Promise<Map<string, { id: string; number: string; title: string; status: string }[]>> {
      const map = new Map<
        string,
        { id: string; number: string; title: string; status: string }[]
      >();
      for (const r of await repo.bySource(trx, source, [...new Set(sourceIds)])) {
        const list = map.get(r.source_id as string) ?? [];
        list.push({ id: r.id, number: r.number, title: r.title, status: r.status });
        map.set(r.source_id as string, list);
      }
      return map;
    },

    /** For other modules (a review action turned improvement): the record, no caller check. */
    async find(trx: Executor, id: string) {
      const found = await load(trx, id);
      return found
        ? { id: found.id, number: found.number, title: found.title, status: found.status }
        : undefined;
    },
  };
}

export type ImprovementService = ReturnType<typeof createImprovementService>;
export type { ImprovementSource, ImprovementStatus };
