import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Imports (issue 9): import runs, the source keys of imported records and their imported history.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // One row per import (dry runs too): what the administrator ran, its progress and its report.
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('dry_run', t.boolean, (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    /** running, succeeded, failed (rolled back: errors or an unreadable file). */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('total_rows', 'integer')
    .addColumn('created', t.json, (c) => c.notNull())
    .addColumn('updated', t.json, (c) => c.notNull())
    .addColumn('unchanged', t.json, (c) => c.notNull())
    /** The first 1,000 row errors; the rest are counted in more_errors. */
    .addColumn('errors', t.json, (c) => c.notNull())
    .addColumn('more_errors', 'integer', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('import_runs_started')
    .on('import_runs')
    .columns(['started_at', 'id'])
    .execute();

  // A re-run finds the ticket it made by its source key.
  await db.schema
    .createIndex('tickets_source_key_unique')
    .on('tickets')
    .column('source_key')
    .unique()
    .execute();

  // What the source said about an imported ticket that has no column of its own in tickets.
  await db.schema
    .createTable('ticket_imports')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('source_number', 'text', (c) => c.notNull())
    /** The source tool's SLA verdict (ServiceNow made_sla); null when it gave none. */
    .addColumn('sla_met', t.boolean)
    .addColumn('configuration_item', 'text')
    .addColumn('problem', 'text')
    .addColumn('change', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    /** Hash of the imported content: a re-run with the same content leaves the ticket alone. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull().references('import_runs.id'))
    .addColumn('imported_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_imports_source_key')
    .on('ticket_imports')
    .column('source_key')
    .unique()
    .execute();

  // The ticket's history in the source tool, shown in its timeline.
  await db.schema
    .createTable('imported_ticket_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    /** opened, assigned, on-hold, resumed, resolved, closed, reopened, updated. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('source_status', 'text')
    .execute();
  await db.schema
    .createIndex('imported_ticket_events_ticket')
    .on('imported_ticket_events')
    .columns(['ticket_id', 'position'])
    .execute();
  // Reopen rate over imported history reads these by kind and date.
  await db.schema
    .createIndex('imported_ticket_events_kind_at')
    .on('imported_ticket_events')
    .columns(['kind', 'at'])
    .execute();

  // Users and groups an import created or matched, by the name the source gave them. Users made
  // here are inactive and have no password: they cannot sign in.
  await db.schema
    .createTable('imported_parties')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    /** True when the import created the record; false when it matched an existing one. */
    .addColumn('created', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('imported_parties_pk', ['kind', 'name_key'])
    .execute();
  await db.schema
    .createIndex('imported_parties_entity')
    .on('imported_parties')
    .column('entity_id')
    .execute();
}
