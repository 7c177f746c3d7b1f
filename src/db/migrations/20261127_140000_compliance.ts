import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// The compliance workspace (issue 6): the requirement library, gap assessments with evidence, the implementation roadmap.
// The library's rows are loaded from its data files by the compliance module (idempotently, keyed
// by framework + edition + dataVersion), so a new edition is a data file, not a migration.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('compliance_frameworks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('loaded_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('compliance_frameworks_edition_unique')
    .on('compliance_frameworks')
    .columns(['framework', 'edition'])
    .unique()
    .execute();

  await db.schema
    .createTable('compliance_requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('framework_id', 'text', (c) => c.notNull().references('compliance_frameworks.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('parent_number', 'text')
    .addColumn('clause', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('leaf', t.boolean, (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('intent', 'text')
    .addColumn('documented_information', t.json, (c) => c.notNull())
    .addColumn('audit_evidence', t.json, (c) => c.notNull())
    .addColumn('meridian_evidence', t.json, (c) => c.notNull())
    .addColumn('meridian_gap', 'text')
    // The standard's own text, pasted by a licensed user for local use: never exported.
    .addColumn('licensed_text', 'text')
    .addColumn('licensed_text_updated_at', t.timestamp)
    .addColumn('licensed_text_updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('licensed_text_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('compliance_requirements_number_unique')
    .on('compliance_requirements')
    .columns(['framework_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('compliance_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('framework_id', 'text', (c) => c.notNull().references('compliance_frameworks.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('compliance_assessments_created')
    .on('compliance_assessments')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('compliance_assessment_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('compliance_assessments.id'))
    .addColumn('requirement_id', 'text', (c) =>
      c.notNull().references('compliance_requirements.id'),
    )
    .addColumn('conformity', 'text', (c) => c.notNull())
    .addColumn('maturity', 'integer', (c) => c.notNull())
    .addColumn('target_maturity', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_date', 'text')
    .addColumn('document_ids', t.json, (c) => c.notNull())
    .addColumn('attachment_ids', t.json, (c) => c.notNull())
    .addColumn('live_links', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('compliance_assessment_items_unique')
    .on('compliance_assessment_items')
    .columns(['assessment_id', 'requirement_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('compliance_phases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  const phases = [
    ['assessment', 'Assessment and gap analysis'],
    ['framework', 'Strategy and framework development'],
    ['planning', 'Execution planning'],
    ['implementation', 'Implementation and continual improvement'],
  ];
  await db
    .insertInto('compliance_phases')
    .values(
      phases.map(([key, title], i) => ({
        id: `phase-${key}`,
        key,
        position: i + 1,
        title,
        start_date: null,
        end_date: null,
        updated_at: now,
        version: 1,
      })),
    )
    .execute();

  await db.schema
    .createTable('compliance_workstreams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('compliance_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('phase_id', 'text', (c) => c.notNull().references('compliance_phases.id'))
    .addColumn('workstream_id', 'text', (c) => c.references('compliance_workstreams.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    /** { responsible, accountable, consulted, informed }: user ids. */
    .addColumn('raci', t.json, (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent_complete', 'integer', (c) => c.notNull())
    .addColumn('effort_days', 'real')
    .addColumn('milestone', t.boolean, (c) => c.notNull())
    .addColumn('requirement_numbers', t.json, (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('compliance_tasks_due')
    .on('compliance_tasks')
    .columns(['due_date', 'id'])
    .execute();

  await db.schema
    .createTable('compliance_task_dependencies')
    .addColumn('task_id', 'text', (c) => c.notNull().references('compliance_tasks.id'))
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('compliance_tasks.id'))
    .addPrimaryKeyConstraint('compliance_task_dependencies_pk', ['task_id', 'depends_on_id'])
    .execute();

  // The link between a gap (an assessment item) and the roadmap tasks that close it.
  await db.schema
    .createTable('compliance_task_gaps')
    .addColumn('task_id', 'text', (c) => c.notNull().references('compliance_tasks.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('compliance_assessment_items.id'))
    .addPrimaryKeyConstraint('compliance_task_gaps_pk', ['task_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('compliance_task_gaps_item')
    .on('compliance_task_gaps')
    .column('item_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'compliance_task_gaps',
    'compliance_task_dependencies',
    'compliance_tasks',
    'compliance_workstreams',
    'compliance_phases',
    'compliance_assessment_items',
    'compliance_assessments',
    'compliance_requirements',
    'compliance_frameworks',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
