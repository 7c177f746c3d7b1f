// The change calendar's SQL: freeze windows, and the planned windows of changes in a period.
import type { Executor } from '../../db/executor.js';
import type { FreezeWindowsTable } from '../../db/tables/change-calendar.js';
import { fromJson, toJson } from '../../db/values.js';
import { deleteVersionedRow, updateVersionedRow } from '../../db/versioned-rows.js';
import { SCHEDULED_STATUSES } from './changes.js';

export type WindowKind = 'freeze' | 'blackout';

export interface FreezeWindow {
  id: string;
  name: string;
  kind: WindowKind;
  start: string;
  end: string;
  serviceIds: string[] | null;
  reason: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PlannedChange {
  id: string;
  number: string;
  title: string;
  type: string;
  status: string;
  riskLevel: string | null;
  major: boolean;
  serviceIds: string[];
  start: string;
  end: string;
  overridden: boolean;
}

export const toWindow = (row: FreezeWindowsTable): FreezeWindow => ({
  id: row.id,
  name: row.name,
  kind: row.kind as WindowKind,
  start: row.start_at,
  end: row.end_at,
  serviceIds: row.service_ids === null ? null : fromJson<string[] | null>(row.service_ids),
  reason: row.reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const windowRow = (w: FreezeWindow): FreezeWindowsTable => ({
  id: w.id,
  name: w.name,
  kind: w.kind,
  start_at: w.start,
  end_at: w.end,
  service_ids: w.serviceIds === null ? null : toJson(w.serviceIds),
  reason: w.reason,
  created_at: w.createdAt,
  updated_at: w.updatedAt,
  version: w.version,
});

export const changeCalendarRepository = {
  windowById: (db: Executor, id: string) =>
    db.selectFrom('freeze_windows').selectAll().where('id', '=', id).executeTakeFirst(),

  insertWindow: (db: Executor, row: FreezeWindowsTable) =>
    db.insertInto('freeze_windows').values(row).execute(),

  updateWindow: (db: Executor, id: string, expected: number, values: Partial<FreezeWindowsTable>) =>
    updateVersionedRow(db, 'freeze_windows', id, expected, values),

  deleteWindow: (db: Executor, id: string, expected: number) =>
    deleteVersionedRow(db, 'freeze_windows', id, expected),

  /** Windows overlapping [from, to) (all when no bounds), earliest first. */
  windows(db: Executor, from?: string, to?: string) {
    let query = db.selectFrom('freeze_windows').selectAll();
    if (to) query = query.where('start_at', '<', to);
    if (from) query = query.where('end_at', '>', from);
    return query.orderBy('start_at').orderBy('id').execute();
  },

  /**
   * Changes taking part in scheduling whose planned window overlaps [from, to); `statuses` defaults
   * to those that can still conflict.
   */
  async plannedChanges(
    db: Executor,
    from: string,
    to: string,
    options: {
      statuses?: readonly string[];
      serviceIds?: string[];
      excludeId?: string | null;
    } = {},
  ): Promise<PlannedChange[]> {
    let query = db
      .selectFrom('changes')
      .select([
        'id',
        'number',
        'title',
        'type',
        'status',
        'risk_level',
        'major',
        'planned_start',
        'planned_end',
        'schedule_override',
      ])
      .where('planned_start', 'is not', null)
      .where('planned_start', '<', to)
      .where('planned_end', '>', from)
      .where('status', 'in', [...(options.statuses ?? SCHEDULED_STATUSES)]);
    if (options.excludeId) query = query.where('id', '!=', options.excludeId);
    const serviceIds = options.serviceIds;
    if (serviceIds && serviceIds.length > 0)
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('change_services').select('change_id').where('service_id', 'in', serviceIds),
      );
    const rows = await query.orderBy('planned_start').orderBy('id').execute();
    if (rows.length === 0) return [];
    const links = await db
      .selectFrom('change_services')
      .select(['change_id', 'service_id'])
      .where(
        'change_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const services = new Map<string, string[]>();
    for (const l of links)
      services.set(l.change_id, [...(services.get(l.change_id) ?? []), l.service_id]);
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      type: r.type,
      status: r.status,
      riskLevel: r.risk_level,
      major: r.major === true || r.major === 1,
      serviceIds: (services.get(r.id) ?? []).sort(),
      start: r.planned_start as string,
      end: r.planned_end as string,
      overridden: r.schedule_override !== null && fromJson(r.schedule_override) !== null,
    }));
  },
};
