// The schema of a database as the archive sees it: the migrations applied to it, the model they
// build, and the carried tables in a foreign-key-safe order.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import { migrations as knownMigrations } from '../../db/migrations/index.js';
import { DomainError } from '../../shared/errors.js';
import { type SchemaModel, schemaModel, type TableModel } from './schema-model.js';
import { isCarried } from './table-policy.js';

export async function appliedMigrations(db: Executor): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Names in `schema` this version of Meridian does not know: the schema is newer than the app. */
export const unknownMigrations = (schema: string[]) =>
  schema.filter((name) => !(name in knownMigrations));

export function modelOf(schema: string[]): Promise<SchemaModel> {
  const unknown = unknownMigrations(schema);
  if (unknown.length)
    throw new DomainError(
      'CONFLICT',
      `The database was migrated by a newer Meridian (${unknown.join(', ')}); use that version.`,
      { reason: 'schema-too-new' },
    );
  const wanted = new Set(schema);
  return schemaModel(Object.entries(knownMigrations).filter(([name]) => wanted.has(name)));
}

/**
 * Carried tables, each after the tables it refers to. A cycle of references (none today besides
 * tables referring to themselves) is broken at the earliest-created table; the restore loads
 * references to a table not yet loaded in a second pass.
 */
export function restoreOrder(model: SchemaModel): TableModel[] {
  const carried = [...model.tables.values()].filter((t) => isCarried(t.name));
  const names = new Set(carried.map((t) => t.name));
  const done = new Set<string>();
  const order: TableModel[] = [];
  while (order.length < carried.length) {
    const ready =
      carried.find(
        (t) =>
          !done.has(t.name) &&
          t.foreignKeys.every(
            (fk) => fk.table === t.name || done.has(fk.table) || !names.has(fk.table),
          ),
      ) ?? carried.find((t) => !done.has(t.name));
    if (!ready) break;
    done.add(ready.name);
    order.push(ready);
  }
  for (const table of order) {
    const serial = table.columns.find((c) => c.kind === 'other');
    // A sequence-backed column would need its sequence moved past the restored values on
    // PostgreSQL; ids are made by the app, so none is carried today. Fail loudly if one appears.
    if (serial)
      throw new Error(
        `archive: ${table.name}.${serial.name} has a storage type the archive does not carry`,
      );
  }
  return order;
}
