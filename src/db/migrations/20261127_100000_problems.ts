import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Problem management (issue 5): problems, known errors and their links to incidents.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('rca_method', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('contributing_factors', 'text')
    .addColumn('workaround', 'text')
    // Known errors are few (hundreds): a LIKE over this lower-cased copy behaves the same on
    // both databases, which a full-text index would not.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('known_error_at', t.timestamp)
    .addColumn('resolved_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('problems_number_unique')
    .on('problems')
    .column('number')
    .unique()
    .execute();
  // Ids are UUIDv7 from the creation time: (status, id) serves "newest first" lists by status.
  await db.schema
    .createIndex('problems_status_id')
    .on('problems')
    .columns(['status', 'id'])
    .execute();
  // The known-error database: problems that reached known_error, newest first.
  await db.schema
    .createIndex('problems_known_error_at')
    .on('problems')
    .columns(['known_error_at', 'id'])
    .execute();

  await db.schema
    .createTable('problem_services')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('problem_services_pk', ['problem_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('problem_services_service')
    .on('problem_services')
    .columns(['service_id', 'problem_id'])
    .execute();

  await db.schema
    .createTable('problem_incidents')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('linked_by', 'text', (c) => c.references('users.id'))
    .addColumn('linked_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_incidents_pk', ['problem_id', 'ticket_id'])
    .execute();
  // "The problems of this ticket", and the trend report's "is it already covered".
  await db.schema
    .createIndex('problem_incidents_ticket')
    .on('problem_incidents')
    .columns(['ticket_id', 'problem_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('problem_incidents').ifExists().execute();
  await db.schema.dropTable('problem_services').ifExists().execute();
  await db.schema.dropTable('problems').ifExists().execute();
}
