import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Management reviews (issue 7, clause 9.3): meetings, attendees, inputs, decisions and actions.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('management_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('planned_on', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text')
    .addColumn('chair_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('risks', 'text', (c) => c.notNull())
    // The snapshot of the inputs taken by "refresh inputs", with the period they cover.
    .addColumn('inputs', t.json)
    .addColumn('inputs_from', 'text')
    .addColumn('inputs_to', 'text')
    .addColumn('inputs_refreshed_at', t.timestamp)
    .addColumn('input_comments', t.json, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('management_reviews_number_unique')
    .on('management_reviews')
    .column('number')
    .unique()
    .execute();
  await db.schema
    .createIndex('management_reviews_planned')
    .on('management_reviews')
    .columns(['planned_on', 'id'])
    .execute();

  await db.schema
    .createTable('management_review_attendees')
    .addColumn('review_id', 'text', (c) => c.notNull().references('management_reviews.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('management_review_attendees_pk', ['review_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('management_review_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('management_reviews.id'))
    // 1, 2, 3… in the order recorded: actions and minutes refer to "decision 2".
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('management_review_decisions_review')
    .on('management_review_decisions')
    .columns(['review_id', 'position'])
    .execute();

  await db.schema
    .createTable('management_review_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('management_reviews.id'))
    .addColumn('decision_id', 'text', (c) => c.references('management_review_decisions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('done_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('management_review_actions_review')
    .on('management_review_actions')
    .columns(['review_id', 'id'])
    .execute();
  await db.schema
    .createIndex('management_review_actions_status')
    .on('management_review_actions')
    .columns(['status', 'due_date'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('management_review_actions').ifExists().execute();
  await db.schema.dropTable('management_review_decisions').ifExists().execute();
  await db.schema.dropTable('management_review_attendees').ifExists().execute();
  await db.schema.dropTable('management_reviews').ifExists().execute();
}
