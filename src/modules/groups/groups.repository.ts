import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import { prepared } from '../../db/prepared.js';
import type { GroupsTable } from '../../db/schema.js';
import { deleteVersionedRow, updateVersionedRow } from '../../db/versioned-rows.js';
import type { Group } from './groups.js';

export const toGroup = (row: GroupsTable, memberIds: string[]): Group => ({
  id: row.id,
  name: row.name,
  description: row.description,
  managerId: row.manager_id,
  memberIds,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

// Read by every ticket created (its group is checked): compiled once (src/db/prepared.ts).
const byIdQuery = prepared((db: Executor, id: string) =>
  db.selectFrom('groups').selectAll().where('id', '=', id),
);

export const groupsRepository = {
  byId: (db: Executor, id: string) => byIdQuery(db, id).then((rows) => rows[0]),

  groupIdsOf: (db: Executor, userId: string) =>
    db
      .selectFrom('group_members')
      .select('group_id')
      .where('user_id', '=', userId)
      .execute()
      .then((rows) => rows.map((r) => r.group_id)),

  /** Member ids of each group, sorted, for a page of groups in one query. */
  async members(db: Executor, groupIds: string[]) {
    const byGroup = new Map<string, string[]>(groupIds.map((id) => [id, []]));
    if (!groupIds.length) return byGroup;
    const rows = await db
      .selectFrom('group_members')
      .select(['group_id', 'user_id'])
      .where('group_id', 'in', groupIds)
      .orderBy('user_id')
      .execute();
    for (const row of rows) byGroup.get(row.group_id)?.push(row.user_id);
    return byGroup;
  },

  async list(
    db: Executor,
    filter: { q?: string; memberId?: string },
    after: CursorKey | null,
    limit: number,
  ) {
    let query = db.selectFrom('groups').selectAll();
    if (filter.q)
      query = query.where((eb) =>
        eb(eb.fn('lower', ['name']), 'like', `%${filter.q?.toLowerCase()}%`),
      );
    if (filter.memberId) {
      const memberId = filter.memberId;
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('group_members').select('group_id').where('user_id', '=', memberId),
      );
    }
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

  insert: (db: Executor, row: GroupsTable) => db.insertInto('groups').values(row).execute(),

  async update(db: Executor, id: string, expectedVersion: number, values: Partial<GroupsTable>) {
    return updateVersionedRow(db, 'groups', id, expectedVersion, values);
  },

  async setMembers(db: Executor, groupId: string, userIds: string[]) {
    await db.deleteFrom('group_members').where('group_id', '=', groupId).execute();
    if (userIds.length) {
      await db
        .insertInto('group_members')
        .values(userIds.map((user_id) => ({ group_id: groupId, user_id })))
        .execute();
    }
  },

  async delete(db: Executor, id: string, expectedVersion: number) {
    return deleteVersionedRow(db, 'groups', id, expectedVersion);
  },
};
