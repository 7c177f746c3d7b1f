import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import { prepared } from '../../db/prepared.js';
import type { UsersTable } from '../../db/schema.js';
import { toBool } from '../../db/values.js';
import { updateVersionedRow } from '../../db/versioned-rows.js';
import type { Role } from '../../shared/permissions.js';
import type { Locale, User } from './users.js';

export const toUser = (row: UsersTable): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Role,
  locale: row.locale as Locale,
  timeZone: row.time_zone,
  active: toBool(row.active),
  organisationId: row.organisation_id,
  managerId: row.manager_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export interface UserFilter {
  q?: string;
  role?: Role;
  active?: boolean;
  organisationId?: string;
}

// Read on every GET /api/v1/me: compiled once (src/db/prepared.ts).
const byIdQuery = prepared((db: Executor, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id),
);

export const usersRepository = {
  async byId(db: Executor, id: string) {
    return (await byIdQuery(db, id))[0];
  },

  async byEmail(db: Executor, email: string) {
    return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  },

  async count(db: Executor) {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Active people by part of their name, or by id: the directory anyone signed in may pick from. */
  async people(db: Executor, q: string | undefined, ids: string[] | undefined, limit: number) {
    let query = db.selectFrom('users').select(['id', 'name']).where('active', '=', true);
    if (ids) query = query.where('id', 'in', ids.length ? ids : ['']);
    if (q) {
      const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb(eb.fn('lower', ['name']), 'like', eb.val(pattern)));
    }
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  },

  async list(db: Executor, filter: UserFilter, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('users').selectAll();
    if (filter.q) {
      const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['name']), 'like', eb.val(pattern)),
          eb(eb.fn('lower', ['email']), 'like', eb.val(pattern)),
        ]),
      );
    }
    if (filter.role) query = query.where('role', '=', filter.role);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active);
    if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
    if (after) {
      const [name, id] = after;
      query = query.where((eb) =>
        eb.or([
          eb('name', '>', String(name)),
          eb.and([eb('name', '=', String(name)), eb('id', '>', id)]),
        ]),
      );
    }
    return query.orderBy('name').orderBy('id').limit(limit).execute();
  },

  async insert(db: Executor, row: UsersTable) {
    await db.insertInto('users').values(row).execute();
  },

  async update(db: Executor, id: string, expectedVersion: number, values: Partial<UsersTable>) {
    return updateVersionedRow(db, 'users', id, expectedVersion, values);
  },

  async setPasswordHash(db: Executor, id: string, passwordHash: string) {
    await db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', id)
      .execute();
  },

  async existingIds(db: Executor, ids: string[]) {
    if (!ids.length) return [];
    const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).execute();
    return rows.map((r) => r.id);
  },
};
