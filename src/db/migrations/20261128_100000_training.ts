import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Training and competence (issue 7): courses, versions, competence requirements, assignments, completions.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_courses_code_unique')
    .on('training_courses')
    .column('code')
    .unique()
    .execute();

  await db.schema
    .createTable('training_course_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('quiz', t.json)
    .addColumn('published_at', t.timestamp)
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_course_versions_course_number')
    .on('training_course_versions')
    .columns(['course_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('training_requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id'))
    .addColumn('role', 'text')
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('due_days', 'integer', (c) => c.notNull())
    .addColumn('mandatory', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_requirements_course')
    .on('training_requirements')
    .column('course_id')
    .execute();

  await db.schema
    .createTable('training_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id'))
    .addColumn('course_version', 'integer', (c) => c.notNull())
    .addColumn('mandatory', t.boolean, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('assigned_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('completed_on', 'text')
    .addColumn('score', 'integer')
    .addColumn('completion_note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // One assignment per person and course version: automatic assignment is idempotent.
  await db.schema
    .createIndex('training_assignments_person_version')
    .on('training_assignments')
    .columns(['user_id', 'course_id', 'course_version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('training_assignments_due')
    .on('training_assignments')
    .columns(['due_on', 'status'])
    .execute();

  await db.schema
    .createTable('training_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('training_assignments.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', t.boolean, (c) => c.notNull())
    .addColumn('answers', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_attempts_assignment')
    .on('training_attempts')
    .column('assignment_id')
    .execute();

  // A reminder is sent once per assignment and kind (7 days, 1 day, overdue).
  await db.schema
    .createTable('training_reminders')
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('training_assignments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_reminders_pk', ['assignment_id', 'kind'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'training_reminders',
    'training_attempts',
    'training_assignments',
    'training_requirements',
    'training_course_versions',
    'training_courses',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
