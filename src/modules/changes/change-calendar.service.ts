// The change calendar (8.5.1): freeze and blackout windows, and the conflicts of a planned window —
// other changes on the same service at the same time, or a window in which changes are frozen.
import type { Executor } from '../../db/executor.js';
import { type Actor, can, requirePermission } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { invalid } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditedWrites } from '../audit/audited-writes.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import {
  type FreezeWindow,
  type PlannedChange,
  changeCalendarRepository as repo,
  toWindow,
  type WindowKind,
  windowRow,
} from './change-calendar.repository.js';
import { overlaps, type ScheduleConflict } from './changes.js';

export type { FreezeWindow, ScheduleConflict };

export interface WindowInput {
  name?: string;
  kind?: WindowKind;
  start?: string;
  end?: string;
  serviceIds?: string[] | null;
  reason?: string;
}

export interface ConflictQuery {
  changeId: string | null;
  serviceIds: string[];
  start: string;
  end: string;
}

const MAX_RANGE_DAYS = 400;

function checkRange(from: string, to: string) {
  const span = Date.parse(to) - Date.parse(from);
  if (!(span > 0)) throw invalid('query/to', 'must be after from');
  if (span > MAX_RANGE_DAYS * 86_400_000)
    throw invalid('query/to', `the range may span at most ${MAX_RANGE_DAYS} days`);
}

const intersects = (a: string[], b: string[] | null) =>
  b === null || a.some((id) => b.includes(id));

function windowConflict(w: FreezeWindow): ScheduleConflict {
  return {
    kind: w.kind,
    windowId: w.id,
    name: w.name,
    start: w.start,
    end: w.end,
    serviceIds: w.serviceIds,
  };
}

function overlapConflict(c: PlannedChange): ScheduleConflict {
  return {
    kind: 'overlap',
    changeId: c.id,
    number: c.number,
    title: c.title,
    serviceIds: c.serviceIds,
    start: c.start,
    end: c.end,
  };
}

/** The conflicts of one planned window with the given changes and windows (already loaded). */
function conflictsAmong(
  subject: ConflictQuery,
  changes: PlannedChange[],
  windows: FreezeWindow[],
): ScheduleConflict[] {
  const result: ScheduleConflict[] = [];
  for (const c of changes) {
    if (c.id === subject.changeId) continue;
    if (!overlaps(subject.start, subject.end, c.start, c.end)) continue;
    if (!c.serviceIds.some((id) => subject.serviceIds.includes(id))) continue;
    result.push(overlapConflict(c));
  }
  for (const w of windows) {
    if (!overlaps(subject.start, subject.end, w.start, w.end)) continue;
    if (!intersects(subject.serviceIds, w.serviceIds)) continue;
    result.push(windowConflict(w));
  }
  return result;
}

export function createChangeCalendarService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  catalogue: CatalogueService;
}) {
  const { db, audit, clock, catalogue } = deps;

  audit.registerReader('freeze-window', async (actor) => can(actor, 'changes.read'));

  const writes = auditedWrites<FreezeWindow>(
    { db, audit, clock },
    {
      what: 'The freeze window',
      entityType: 'freeze-window',
      load: async (trx, id) => {
        const row = await repo.windowById(trx, id);
        return row ? toWindow(row) : undefined;
      },
      insert: (trx, w) => repo.insertWindow(trx, windowRow(w)).then(() => undefined),
      update: (trx, w, expected) => {
        const { id: _id, version: _v, created_at: _c, ...values } = windowRow(w);
        return repo.updateWindow(trx, w.id, expected, values);
      },
      delete: (trx, id, expected) => repo.deleteWindow(trx, id, expected),
    },
  );

  async function checkServices(trx: Executor, field: string, ids: string[]) {
    for (const [i, id] of ids.entries())
      if (!(await catalogue.serviceById(trx, id)))
        throw invalid(`${field}/${i}`, 'is not a known service');
    return [...new Set(ids)].sort();
  }

  async function checkWindow(trx: Executor, w: FreezeWindow): Promise<FreezeWindow> {
    const name = w.name.trim();
    if (!name) throw invalid('/name', 'must not be empty');
    if (w.kind !== 'freeze' && w.kind !== 'blackout')
      throw invalid('/kind', 'must be freeze or blackout');
    if (!(Date.parse(w.end) > Date.parse(w.start)))
      throw invalid('/end', 'must be after the start');
    const serviceIds =
      w.serviceIds === null ? null : await checkServices(trx, '/serviceIds', w.serviceIds);
    if (serviceIds !== null && serviceIds.length === 0)
      throw invalid('/serviceIds', 'name at least one service, or null for every service');
    return {
      ...w,
      name,
      start: new Date(w.start).toISOString(),
      end: new Date(w.end).toISOString(),
      serviceIds,
      reason: w.reason.trim(),
    };
  }

  /** Contract 2: the conflicts of a planned window, in the caller's transaction. No caller check. */
  async function conflictsFor(trx: Executor, q: ConflictQuery): Promise<ScheduleConflict[]> {
    if (q.serviceIds.length === 0) return [];
    const [changes, windows] = [
      await repo.plannedChanges(trx, q.start, q.end, {
        serviceIds: q.serviceIds,
        excludeId: q.changeId,
      }),
      (await repo.windows(trx, q.start, q.end)).map(toWindow),
    ];
    return conflictsAmong(q, changes, windows);
  }

  return {
    conflictsFor,

    async check(
      actor: Actor,
      q: { changeId?: string | null; serviceIds: string[]; start: string; end: string },
    ) {
      requirePermission(actor, 'changes.read', 'see the change calendar');
      if (!(Date.parse(q.end) > Date.parse(q.start)))
        throw invalid('/end', 'must be after the start');
      return conflictsFor(db, {
        changeId: q.changeId ?? null,
        serviceIds: q.serviceIds,
        start: q.start,
        end: q.end,
      });
    },

    async calendar(actor: Actor, q: { from: string; to: string; serviceId?: string }) {
      requirePermission(actor, 'changes.read', 'see the change calendar');
      checkRange(q.from, q.to);
      const from = new Date(q.from).toISOString();
      const to = new Date(q.to).toISOString();
      const serviceIds = q.serviceId ? [q.serviceId] : undefined;
      // Anything that can conflict with a change in range overlaps the range itself, so loading
      // the range (all services) is enough to flag every conflict exactly.
      const all = await repo.plannedChanges(db, from, to, {
        statuses: [
          'assessment',
          'awaiting_approval',
          'scheduled',
          'implementing',
          'review',
          'closed',
        ],
      });
      const windows = (await repo.windows(db, from, to)).map(toWindow);
      const active = all.filter((c) => c.status !== 'closed');
      const shown = serviceIds
        ? all.filter((c) => c.serviceIds.includes(serviceIds[0] as string))
        : all;
      return {
        from,
        to,
        changes: shown.map((c) => {
          const conflicts = conflictsAmong(
            { changeId: c.id, serviceIds: c.serviceIds, start: c.start, end: c.end },
            c.status === 'closed' ? [] : active,
            windows,
          );
          return {
            id: c.id,
            number: c.number,
            title: c.title,
            type: c.type as 'standard' | 'normal' | 'emergency',
            status: c.status as 'scheduled',
            riskLevel: c.riskLevel as 'low' | 'medium' | 'high' | null,
            major: c.major,
            serviceIds: c.serviceIds,
            start: c.start,
            end: c.end,
            conflicts,
            overlapConflict: conflicts.some((x) => x.kind === 'overlap'),
            freezeConflict: conflicts.some((x) => x.kind !== 'overlap'),
            overridden: c.overridden,
          };
        }),
        windows: serviceIds ? windows.filter((w) => intersects(serviceIds, w.serviceIds)) : windows,
      };
    },

    async listWindows(actor: Actor, q: { from?: string; to?: string }) {
      requirePermission(actor, 'changes.read', 'see freeze windows');
      return (await repo.windows(db, q.from, q.to)).map(toWindow);
    },

    async getWindow(actor: Actor, id: string) {
      requirePermission(actor, 'changes.read', 'see freeze windows');
      return writes.load(db, id);
    },

    async createWindow(
      actor: Actor,
      input: WindowInput & { name: string; kind: WindowKind; start: string; end: string },
    ) {
      requirePermission(actor, 'changes.manage', 'manage freeze windows');
      const now = clock.now();
      const draft: FreezeWindow = {
        id: uuidv7(now.getTime()),
        name: input.name,
        kind: input.kind,
        start: input.start,
        end: input.end,
        serviceIds: input.serviceIds ?? null,
        reason: input.reason ?? '',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      };
      const window = await checkWindow(db, draft);
      return writes.create(actor, window);
    },

    async updateWindow(actor: Actor, id: string, expectedVersion: number, patch: WindowInput) {
      requirePermission(actor, 'changes.manage', 'manage freeze windows');
      return writes.update(actor, id, expectedVersion, (before, trx) =>
        checkWindow(trx, {
          ...before,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        }),
      );
    },

    async removeWindow(actor: Actor, id: string, expectedVersion: number) {
      requirePermission(actor, 'changes.manage', 'manage freeze windows');
      return writes.remove(actor, id, expectedVersion);
    },
  };
}

export type ChangeCalendarService = ReturnType<typeof createChangeCalendarService>;
