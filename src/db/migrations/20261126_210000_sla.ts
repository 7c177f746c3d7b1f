import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('sla_calendars')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('business_day_minutes', 'integer', (c) => c.notNull())
    .addColumn('current_version_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sla_calendars_name_unique')
    .on('sla_calendars')
    .column('name')
    .unique()
    .execute();

  // Versions are never changed or deleted: clocks keep pointing at the version they ran under.
  await db.schema
    .createTable('sla_calendar_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('sla_calendars.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('spec', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sla_calendar_versions_number_unique')
    .on('sla_calendar_versions')
    .columns(['calendar_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', t.boolean, (c) => c.notNull())
    .addColumn('conditions', t.json, (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('sla_calendars.id'))
    .addColumn('targets', t.json, (c) => c.notNull())
    .addColumn('thresholds', t.json, (c) => c.notNull())
    .addColumn('pause_on', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sla_policies_name_unique')
    .on('sla_policies')
    .column('name')
    .unique()
    .execute();

  await db.schema
    .createTable('sla_clocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('sla_policies.id'))
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('sla_calendars.id'))
    .addColumn('selection_reason', 'text', (c) => c.notNull())
    .addColumn('target', t.json, (c) => c.notNull())
    .addColumn('target_minutes', 'real', (c) => c.notNull())
    .addColumn('ledger', t.json, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_at', t.timestamp)
    .addColumn('breached_at', t.timestamp)
    .addColumn('fired', t.json, (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sla_clocks_subject_unique')
    .on('sla_clocks')
    .columns(['subject_type', 'subject_id', 'clock'])
    .unique()
    .execute();
  await db.schema
    .createIndex('sla_clocks_calendar_state')
    .on('sla_clocks')
    .columns(['calendar_id', 'state'])
    .execute();
  await db.schema
    .createIndex('sla_clocks_due')
    .on('sla_clocks')
    .columns(['state', 'due_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['sla_clocks', 'sla_policies', 'sla_calendar_versions', 'sla_calendars']) {
    await db.schema.dropTable(table).execute();
  }
}
