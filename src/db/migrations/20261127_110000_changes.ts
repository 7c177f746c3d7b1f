import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Change management (issue 5): the change policy, standard-change templates, requests for change
// with their services, links, approval steps and votes. Linked problems carry no foreign key: the
// problems module owns its table and the change service validates through it.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('change_policy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('value', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('implementation_plan', 'text', (c) => c.notNull())
    .addColumn('test_plan', 'text', (c) => c.notNull())
    .addColumn('backout_plan', 'text', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('active', t.boolean, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_templates_name_unique')
    .on('change_templates')
    .column('name')
    .unique()
    .execute();

  await db.schema
    .createTable('changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.references('users.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('template_id', 'text', (c) => c.references('change_templates.id'))
    .addColumn('planned_start', t.timestamp)
    .addColumn('planned_end', t.timestamp)
    .addColumn('actual_start', t.timestamp)
    .addColumn('actual_end', t.timestamp)
    .addColumn('implementation_plan', 'text', (c) => c.notNull())
    .addColumn('test_plan', 'text', (c) => c.notNull())
    .addColumn('backout_plan', 'text', (c) => c.notNull())
    .addColumn('risk_answers', t.json, (c) => c.notNull())
    .addColumn('risk_score', 'integer')
    .addColumn('risk_level', 'text')
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('major_requested', t.boolean, (c) => c.notNull())
    .addColumn('major', t.boolean, (c) => c.notNull())
    .addColumn('under_control', t.boolean, (c) => c.notNull())
    .addColumn('approval', 'text', (c) => c.notNull())
    .addColumn('retrospective_approval_required', t.boolean, (c) => c.notNull())
    .addColumn('schedule_conflicts', t.json, (c) => c.notNull())
    .addColumn('schedule_override', t.json)
    .addColumn('review', t.json)
    .addColumn('close_code', 'text')
    .addColumn('close_notes', 'text')
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('changes_created_idx')
    .on('changes')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('changes_planned_idx')
    .on('changes')
    .columns(['planned_start', 'planned_end'])
    .execute();
  await db.schema.createIndex('changes_status_idx').on('changes').column('status').execute();

  await db.schema
    .createTable('change_services')
    .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('change_services_pk', ['change_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('change_services_service_idx')
    .on('change_services')
    .column('service_id')
    .execute();

  await db.schema
    .createTable('change_problems')
    .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
    .addColumn('problem_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_problems_pk', ['change_id', 'problem_id'])
    .execute();

  await db.schema
    .createTable('change_incidents')
    .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('change_incidents_pk', ['change_id', 'ticket_id', 'relation'])
    .execute();

  await db.schema
    .createTable('change_approval_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('approver_kind', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('eligible_ids', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('change_approval_steps_change_idx')
    .on('change_approval_steps')
    .columns(['change_id', 'position'])
    .unique()
    .execute();
  await db.schema
    .createIndex('change_approval_steps_status_idx')
    .on('change_approval_steps')
    .column('status')
    .execute();

  await db.schema
    .createTable('change_votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
    .addColumn('step_id', 'text', (c) => c.notNull().references('change_approval_steps.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('voter_name', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('voted_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('change_votes_step_voter_unique')
    .on('change_votes')
    .columns(['step_id', 'voter_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('change_votes_change_idx')
    .on('change_votes')
    .column('change_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'change_votes',
    'change_approval_steps',
    'change_incidents',
    'change_problems',
    'change_services',
    'changes',
    'change_templates',
    'change_policy',
  ])
    await db.schema.dropTable(table).execute();
}
