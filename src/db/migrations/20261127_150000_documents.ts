import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Controlled documents (issue 6, clause 7.5): versions, review and approval, acknowledgement campaigns.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('checklist_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('approved_version', 'integer')
    .addColumn('approved_at', t.timestamp)
    .addColumn('next_review_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('documents_number_unique')
    .on('documents')
    .column('number')
    .unique()
    .execute();
  // The list: by title, then id (keyset).
  await db.schema
    .createIndex('documents_title_id')
    .on('documents')
    .columns(['title', 'id'])
    .execute();

  await db.schema
    .createTable('document_requirements')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_requirements_pk', ['document_id', 'requirement'])
    .execute();
  await db.schema
    .createIndex('document_requirements_requirement')
    .on('document_requirements')
    .columns(['requirement', 'document_id'])
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewer_id', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_at', t.timestamp)
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', t.timestamp)
    .addColumn('change_note', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_versions_document_number')
    .on('document_versions')
    .columns(['document_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('document_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_comments_document')
    .on('document_comments')
    .columns(['document_id', 'id'])
    .execute();

  await db.schema
    .createTable('acknowledgement_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('roles', t.json, (c) => c.notNull())
    .addColumn('group_ids', t.json, (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('acknowledgement_campaigns_document')
    .on('acknowledgement_campaigns')
    .columns(['document_id', 'id'])
    .execute();

  await db.schema
    .createTable('acknowledgement_targets')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('acknowledgement_campaigns.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('acknowledged_at', t.timestamp)
    .addColumn('acknowledged_version', 'integer')
    .addPrimaryKeyConstraint('acknowledgement_targets_pk', ['campaign_id', 'user_id'])
    .execute();
  // "My acknowledgements".
  await db.schema
    .createIndex('acknowledgement_targets_user')
    .on('acknowledgement_targets')
    .columns(['user_id', 'campaign_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'acknowledgement_targets',
    'acknowledgement_campaigns',
    'document_comments',
    'document_versions',
    'document_requirements',
    'documents',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
