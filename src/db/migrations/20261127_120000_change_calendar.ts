import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// The change calendar (issue 5): freeze and blackout windows. Scheduled changes themselves live in
// the changes table; conflicts are computed, not stored here.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('freeze_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_at', t.timestamp, (c) => c.notNull())
    .addColumn('end_at', t.timestamp, (c) => c.notNull())
    .addColumn('service_ids', t.json)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('freeze_windows_period_idx')
    .on('freeze_windows')
    .columns(['start_at', 'end_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('freeze_windows').execute();
}
