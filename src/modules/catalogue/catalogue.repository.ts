import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import { prepared } from '../../db/prepared.js';
import type { RequestTypesTable, ServicesTable } from '../../db/schema.js';
import { fromJson, toBool, toJson } from '../../db/values.js';
import { deleteVersionedRow, updateVersionedRow } from '../../db/versioned-rows.js';
import type { RequestType, Service, ServiceStatus } from './catalogue.js';

export const toService = (row: ServicesTable): Service => ({
  id: row.id,
  name: row.name,
  description: row.description,
  status: row.status as ServiceStatus,
  ownerId: row.owner_id,
  calendarId: row.calendar_id,
  defaultGroupId: row.default_group_id,
  availabilityTarget: row.availability_target ?? null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const serviceRow = (s: Service): ServicesTable => ({
  id: s.id,
  name: s.name,
  description: s.description,
  status: s.status,
  owner_id: s.ownerId,
  calendar_id: s.calendarId,
  default_group_id: s.defaultGroupId,
  availability_target: s.availabilityTarget,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
  version: s.version,
});

export const toRequestType = (row: RequestTypesTable): RequestType => ({
  id: row.id,
  serviceId: row.service_id,
  name: row.name,
  description: row.description,
  active: toBool(row.active),
  form: fromJson(row.form),
  approvals: fromJson(row.approvals),
  tasks: fromJson(row.tasks),
  instructions: row.instructions,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const requestTypeRow = (r: RequestType): RequestTypesTable => ({
  id: r.id,
  service_id: r.serviceId,
  name: r.name,
  description: r.description,
  active: r.active,
  form: toJson(r.form),
  approvals: toJson(r.approvals),
  tasks: toJson(r.tasks),
  instructions: r.instructions,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  version: r.version,
});

/** `%text%` for LIKE, with the wildcards of the search text taken literally. */
const containing = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const afterKey = (after: CursorKey | null, table: 'services' | 'request_types') =>
  after
    ? sql<boolean>`(${sql.ref(`${table}.name`)} > ${String(after[0])} or (${sql.ref(`${table}.name`)} = ${String(after[0])} and ${sql.ref(`${table}.id`)} > ${after[1]}))`
    : sql<boolean>`1 = 1`;

export interface ServiceFilter {
  q?: string;
  status?: ServiceStatus;
}

export interface RequestTypeFilter {
  q?: string;
  serviceId?: string;
  active?: boolean;
  /** Only request types of services in this status (requesters see live services only). */
  serviceStatus?: ServiceStatus;
}

// Read by every ticket created: compiled once (src/db/prepared.ts).
const serviceByIdQuery = prepared((db: Executor, id: string) =>
  db.selectFrom('services').selectAll().where('id', '=', id),
);

export const catalogueRepository = {
  serviceById: (db: Executor, id: string) => serviceByIdQuery(db, id).then((rows) => rows[0]),

  listServices(db: Executor, filter: ServiceFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('services').selectAll();
    if (filter.q) {
      const pattern = containing(filter.q);
      query = query.where(
        sql<boolean>`(lower(name) like ${pattern} escape '\\' or lower(description) like ${pattern} escape '\\')`,
      );
    }
    if (filter.status) query = query.where('status', '=', filter.status);
    return query
      .where(afterKey(after, 'services'))
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  insertService: (db: Executor, row: ServicesTable) =>
    db.insertInto('services').values(row).execute(),

  updateService: (db: Executor, id: string, expected: number, values: Partial<ServicesTable>) =>
    updateVersionedRow(db, 'services', id, expected, values),

  deleteService: (db: Executor, id: string, expected: number) =>
    deleteVersionedRow(db, 'services', id, expected),

  async serviceHasRequestTypes(db: Executor, serviceId: string) {
    const row = await db
      .selectFrom('request_types')
      .select('id')
      .where('service_id', '=', serviceId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  requestTypeById: (db: Executor, id: string) =>
    db.selectFrom('request_types').selectAll().where('id', '=', id).executeTakeFirst(),

  listRequestTypes(
    db: Executor,
    filter: RequestTypeFilter,
    after: CursorKey | null,
    limit: number,
  ) {
    let query = db.selectFrom('request_types').selectAll('request_types');
    if (filter.serviceStatus) {
      query = query
        .innerJoin('services', 'services.id', 'request_types.service_id')
        .where('services.status', '=', filter.serviceStatus);
    }
    if (filter.q) {
      const pattern = containing(filter.q);
      query = query.where(
        sql<boolean>`(lower(request_types.name) like ${pattern} escape '\\' or lower(request_types.description) like ${pattern} escape '\\')`,
      );
    }
    if (filter.serviceId) query = query.where('request_types.service_id', '=', filter.serviceId);
    if (filter.active !== undefined)
      query = query.where('request_types.active', '=', filter.active);
    return query
      .where(afterKey(after, 'request_types'))
      .orderBy('request_types.name')
      .orderBy('request_types.id')
      .limit(limit)
      .execute();
  },

  insertRequestType: (db: Executor, row: RequestTypesTable) =>
    db.insertInto('request_types').values(row).execute(),

  updateRequestType: (
    db: Executor,
    id: string,
    expected: number,
    values: Partial<RequestTypesTable>,
  ) => updateVersionedRow(db, 'request_types', id, expected, values),

  deleteRequestType: (db: Executor, id: string, expected: number) =>
    deleteVersionedRow(db, 'request_types', id, expected),

  /**
   * Which of these ids exist in a table the catalogue refers to, so a bad reference is named by
   * its field rather than failing on a foreign key.
   */
  async existingIds(
    db: Executor,
    table: 'users' | 'groups' | 'sla_calendars' | 'services',
    ids: string[],
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Set(rows.map((r) => r.id));
  },
};
