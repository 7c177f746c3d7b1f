// The version-guarded writes every versioned table shares: change or delete a row only while it
// still has the version the caller read. False means someone else got there first.
import type { Kysely } from 'kysely';
import type { Executor } from './executor.js';
import type { Database } from './schema.js';

type VersionedTable = {
  [T in keyof Database]: Database[T] extends { id: string; version: number } ? T : never;
}[keyof Database];

// biome-ignore lint/suspicious/noExplicitAny: the table is chosen by name; its columns are checked by the signature
const anyTable = (db: Executor) => db as unknown as Kysely<any>;

export async function updateVersionedRow<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: string,
  expectedVersion: number,
  values: Partial<Database[T]>,
): Promise<boolean> {
  const result = await anyTable(db)
    .updateTable(table as string)
    .set({ ...(values as Record<string, unknown>), version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteVersionedRow(
  db: Executor,
  table: VersionedTable,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const result = await anyTable(db)
    .deleteFrom(table as string)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
