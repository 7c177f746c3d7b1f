import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Release and deployment management (issue 5): releases, their changes and acceptance.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('version_label', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('planned_start', t.timestamp)
    .addColumn('planned_end', t.timestamp)
    .addColumn('deployment_plan', 'text', (c) => c.notNull())
    .addColumn('rollback_plan', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', t.timestamp)
    .addColumn('decision_comment', 'text')
    .addColumn('outcome_result', 'text')
    .addColumn('outcome', 'text')
    .addColumn('deployed_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('releases_number_unique')
    .on('releases')
    .column('number')
    .unique()
    .execute();
  // The board reads a column at a time, most recently changed first.
  await db.schema
    .createIndex('releases_status_updated')
    .on('releases')
    .columns(['status', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('releases_service_id')
    .on('releases')
    .columns(['service_id', 'id'])
    .execute();

  await db.schema
    .createTable('release_changes')
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
    .addColumn('linked_by', 'text', (c) => c.references('users.id'))
    .addColumn('linked_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('release_changes_pk', ['release_id', 'change_id'])
    .execute();
  await db.schema
    .createIndex('release_changes_change')
    .on('release_changes')
    .column('change_id')
    .execute();

  await db.schema
    .createTable('release_criteria')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('tested_by', 'text', (c) => c.references('users.id'))
    .addColumn('tested_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('release_criteria_release')
    .on('release_criteria')
    .columns(['release_id', 'position'])
    .execute();

  await db.schema
    .createTable('release_incidents')
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('linked_by', 'text', (c) => c.references('users.id'))
    .addColumn('linked_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('release_incidents_pk', ['release_id', 'ticket_id'])
    .execute();
  await db.schema
    .createIndex('release_incidents_ticket')
    .on('release_incidents')
    .column('ticket_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('release_incidents').ifExists().execute();
  await db.schema.dropTable('release_criteria').ifExists().execute();
  await db.schema.dropTable('release_changes').ifExists().execute();
  await db.schema.dropTable('releases').ifExists().execute();
}
