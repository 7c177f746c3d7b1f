import type { Executor } from '../../db/executor.js';
import type { CursorKey } from '../../db/keyset.js';
import type { OrganisationsTable } from '../../db/schema.js';
import { deleteVersionedRow, updateVersionedRow } from '../../db/versioned-rows.js';
import type { Organisation, OrganisationKind } from './organisations.js';

export const toOrganisation = (row: OrganisationsTable): Organisation => ({
  id: row.id,
  name: row.name,
  kind: row.kind as OrganisationKind,
  parentId: row.parent_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

export const organisationsRepository = {
  byId: (db: Executor, id: string) =>
    db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),

  async list(db: Executor, q: string | undefined, after: CursorKey | null, limit: number) {
    let query = db.selectFrom('organisations').selectAll();
    if (q)
      query = query.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${q.toLowerCase()}%`));
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

  insert: (db: Executor, row: OrganisationsTable) =>
    db.insertInto('organisations').values(row).execute(),

  async update(
    db: Executor,
    id: string,
    expectedVersion: number,
    values: Partial<OrganisationsTable>,
  ) {
    return updateVersionedRow(db, 'organisations', id, expectedVersion, values);
  },

  async delete(db: Executor, id: string, expectedVersion: number) {
    return deleteVersionedRow(db, 'organisations', id, expectedVersion);
  },
};
