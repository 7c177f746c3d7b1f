// Releases: planned by release managers (releases.manage), read by all staff (releases.read).
// The gates of 8.5.3 are enforced here, in the transaction that moves the release: deployment
// needs a recorded "go", and "deployed" needs passed acceptance and approved changes.
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Executor } from '../../db/executor.js';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../../db/keyset.js';
import { formatNumber, nextInSeries } from '../../db/number-series.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { DomainError, invalid, notFound } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { diff } from '../audit/audit.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import { type ChildWrite, createReleaseChildren } from './release-children.js';
import {
  type ChangeApprovals,
  createReleaseViews,
  type ReleaseDetail,
  type ReleaseSummary,
  type TicketLookup,
} from './release-views.js';
import {
  checkOptionalText,
  checkText,
  checkWindow,
  type Decision,
  decide,
  RELEASE_STATUSES,
  type Release,
  type ReleaseStatus,
  type ReleaseType,
  type TransitionInput,
  transition,
} from './releases.js';
import {
  type ReleaseFilter,
  releaseRow,
  releasesRepository as repo,
  toRelease,
} from './releases.repository.js';

export type { CriterionPatch } from './release-children.js';
export type {
  ChangeApprovals,
  ReleaseDetail,
  ReleaseSummary,
  TicketLookup,
} from './release-views.js';

export const RELEASE_SERIES = 'REL';

export interface ServiceLookup {
  serviceById(trx: Executor, id: string): Promise<{ id: string } | undefined>;
}

export interface NewRelease {
  title: string;
  description?: string;
  type: ReleaseType;
  versionLabel: string;
  serviceId: string;
  managerId?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  deploymentPlan?: string;
  rollbackPlan?: string;
}

export type ReleasePatch = Partial<Omit<NewRelease, 'type'>> & { type?: ReleaseType };

export interface BoardColumn {
  status: ReleaseStatus;
  total: number;
  items: ReleaseSummary[];
}

const BOARD_COLUMN_SIZE = 50;

function mapError(error: unknown): unknown {
  if (isForeignKeyViolation(error))
    return new DomainError('VALIDATION_FAILED', 'The release manager does not exist.', {
      errors: [{ field: '/managerId', message: 'refers to a user that does not exist' }],
    });
  return error;
}

export function createReleaseService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  tickets: TicketLookup;
  changes: ChangeApprovals;
  catalogue: ServiceLookup;
}) {
  const { db, audit, clock, tickets, changes, catalogue } = deps;

  const readable = (actor: Actor) => requirePermission(actor, 'releases.read', 'see releases');
  const managing = (actor: Actor, action: string) =>
    requirePermission(actor, 'releases.manage', action);

  audit.registerReader('release', async (actor) => {
    try {
      readable(actor);
      return true;
    } catch {
      return false;
    }
  });

  const { summaries, detail } = createReleaseViews({ changes, tickets });

  const writes = auditedWrites<Release>(
    { db, audit, clock, mapError },
    {
      what: 'The release',
      entityType: 'release',
      load: async (trx, id) => {
        const row = await repo.byId(trx, id);
        return row ? toRelease(row) : undefined;
      },
      insert: (trx, r) => repo.insert(trx, releaseRow(r)).then(() => undefined),
      update: (trx, r, expected) => {
        const { id: _id, version: _v, created_at: _c, ...values } = releaseRow(r);
        return repo.update(trx, r.id, expected, values);
      },
    },
  );

  async function inTransaction<R>(work: (trx: Executor) => Promise<R>): Promise<R> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw mapError(error);
    }
  }

  async function load(trx: Executor, idOrNumber: string): Promise<Release> {
    const row = /^REL\d+$/.test(idOrNumber)
      ? await repo.byNumber(trx, idOrNumber)
      : await repo.byId(trx, idOrNumber);
    if (!row) throw notFound('The release');
    return toRelease(row);
  }

  /** Children may change while the release is open; a closed release is the record of what was. */
  async function loadOpen(trx: Executor, id: string): Promise<Release> {
    const release = await load(trx, id);
    if (release.status === 'closed')
      throw new DomainError('INVALID_TRANSITION', 'A closed release can no longer be changed.', {
        errors: [{ field: '/status', message: 'the release is closed' }],
      });
    return release;
  }

  async function checkService(trx: Executor, serviceId: string) {
    if (!(await catalogue.serviceById(trx, serviceId)))
      throw invalid('/serviceId', 'refers to a service that does not exist');
  }

  /**
   * Runs a write on a release's children and records it as an update of the release, so its
   * history shows criteria results and links next to its own fields.
   */
  const childWrite: ChildWrite = async (actor, id, work) => {
    managing(actor, 'change releases');
    return inTransaction(async (trx) => {
      const release = await loadOpen(trx, id);
      const changed = await work(trx, release);
      if (Object.keys(changed).length > 0)
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'release',
          entityId: release.id,
          changes: changed,
        });
      return detail(trx, release);
    });
  };

  const service = {
    async list(
      actor: Actor,
      filter: ReleaseFilter,
      page: PageRequest,
    ): Promise<Page<ReleaseSummary>> {
      readable(actor);
      const size = pageSize(page.limit);
      const rows = await repo.list(db, filter, decodeCursor(page.cursor), size + 1);
      const result = toPage(rows, size, (r) => [r.updated_at, r.id], toRelease);
      return { ...result, items: await summaries(db, result.items) };
    },

    /** The release board: one column per status, most recently changed first. */
    async board(
      actor: Actor,
      filter: { serviceId?: string; type?: ReleaseType; statuses?: readonly ReleaseStatus[] },
    ): Promise<{ columns: BoardColumn[] }> {
      readable(actor);
      const statuses = filter.statuses?.length ? filter.statuses : RELEASE_STATUSES;
      const counts = await repo.countByStatus(db, filter);
      const columns: BoardColumn[] = [];
      for (const status of RELEASE_STATUSES.filter((s) => statuses.includes(s))) {
        const rows = await repo.list(
          db,
          { serviceId: filter.serviceId, type: filter.type, status },
          null,
          BOARD_COLUMN_SIZE,
        );
        columns.push({
          status,
          total: counts.get(status) ?? 0,
          items: await summaries(db, rows.map(toRelease)),
        });
      }
      return { columns };
    },

    async get(actor: Actor, id: string): Promise<ReleaseDetail> {
      readable(actor);
      return detail(db, await load(db, id));
    },

    async create(actor: Actor, input: NewRelease): Promise<ReleaseDetail> {
      managing(actor, 'plan releases');
      const now = clock.now().toISOString();
      const plannedStart = input.plannedStart ?? null;
      const plannedEnd = input.plannedEnd ?? null;
      checkWindow(plannedStart, plannedEnd);
      const base = {
        title: checkText(input.title, '/title', 200),
        description: checkOptionalText(input.description, '/description', 20_000),
        versionLabel: checkText(input.versionLabel, '/versionLabel', 60),
        deploymentPlan: checkOptionalText(input.deploymentPlan, '/deploymentPlan', 20_000),
        rollbackPlan: checkOptionalText(input.rollbackPlan, '/rollbackPlan', 20_000),
      };
      return inTransaction(async (trx) => {
        await checkService(trx, input.serviceId);
        const release: Release = {
          id: uuidv7(Date.parse(now)),
          number: formatNumber(RELEASE_SERIES, await nextInSeries(trx, RELEASE_SERIES)),
          ...base,
          type: input.type,
          serviceId: input.serviceId,
          status: 'planning',
          managerId: input.managerId === undefined ? actor.id : input.managerId,
          plannedStart,
          plannedEnd,
          decision: null,
          decidedBy: null,
          decidedAt: null,
          decisionComment: null,
          outcomeResult: null,
          outcome: null,
          deployedAt: null,
          closedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await repo.insert(trx, releaseRow(release));
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'release',
          entityId: release.id,
          changes: diff(null, release, { ignore: ['id', 'createdAt'] }),
        });
        return detail(trx, release);
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: ReleasePatch) {
      managing(actor, 'change releases');
      const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
        if (before.status === 'closed')
          throw new DomainError(
            'INVALID_TRANSITION',
            'A closed release can no longer be changed.',
            {
              errors: [{ field: '/status', message: 'the release is closed' }],
            },
          );
        if (patch.serviceId !== undefined && patch.serviceId !== before.serviceId)
          await checkService(trx, patch.serviceId);
        const after: Release = {
          ...before,
          title: patch.title !== undefined ? checkText(patch.title, '/title', 200) : before.title,
          description:
            patch.description !== undefined
              ? checkOptionalText(patch.description, '/description', 20_000)
              : before.description,
          type: patch.type ?? before.type,
          versionLabel:
            patch.versionLabel !== undefined
              ? checkText(patch.versionLabel, '/versionLabel', 60)
              : before.versionLabel,
          serviceId: patch.serviceId ?? before.serviceId,
          managerId: patch.managerId !== undefined ? patch.managerId : before.managerId,
          plannedStart: patch.plannedStart !== undefined ? patch.plannedStart : before.plannedStart,
          plannedEnd: patch.plannedEnd !== undefined ? patch.plannedEnd : before.plannedEnd,
          deploymentPlan:
            patch.deploymentPlan !== undefined
              ? checkOptionalText(patch.deploymentPlan, '/deploymentPlan', 20_000)
              : before.deploymentPlan,
          rollbackPlan:
            patch.rollbackPlan !== undefined
              ? checkOptionalText(patch.rollbackPlan, '/rollbackPlan', 20_000)
              : before.rollbackPlan,
        };
        checkWindow(after.plannedStart, after.plannedEnd);
        return after;
      });
      return detail(db, saved);
    },

    /** Moves the release on its board; the gates are checked against what is stored right now. */
    async transition(actor: Actor, id: string, expectedVersion: number, input: TransitionInput) {
      managing(actor, 'move releases');
      const saved = await writes.update(actor, id, expectedVersion, async (before, trx) => {
        const { readiness } = (await summaries(trx, [before]))[0] as ReleaseSummary;
        return transition(before, input, readiness, clock.now().toISOString());
      });
      return detail(db, saved);
    },

    /** Records go or no-go, with the release manager who took it and when. */
    async decide(
      actor: Actor,
      id: string,
      expectedVersion: number,
      input: { decision: Decision; comment?: string | null },
    ) {
      managing(actor, 'take go/no-go decisions');
      const saved = await writes.update(actor, id, expectedVersion, (before) =>
        decide(before, input, actor.id, clock.now().toISOString()),
      );
      return detail(db, saved);
    },

    ...createReleaseChildren({ clock, changes, tickets, childWrite }),
  };
  return service;
}

export type ReleaseService = ReturnType<typeof createReleaseService>;
