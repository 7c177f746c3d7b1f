import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Internal and certification audits (issue 7): grade schemes per certification body, audit
// programmes over a certification cycle, audits with their sampled requirements and results,
// findings with the corrective action of a nonconformity and its effectiveness verification.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('audit_grade_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // [{ key, label, kind }] in the body's order.
    .addColumn('grades', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('certification_body', 'text', (c) => c.notNull())
    .addColumn('grade_scheme_id', 'text', (c) => c.notNull().references('audit_grade_schemes.id'))
    // Whole days, YYYY-MM-DD.
    .addColumn('cycle_start', 'text', (c) => c.notNull())
    .addColumn('cycle_end', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('audit_programmes.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lead_auditor_id', 'text', (c) => c.references('users.id'))
    // User ids of the rest of the team, and the audited groups.
    .addColumn('team_ids', t.json, (c) => c.notNull())
    .addColumn('area_group_ids', t.json, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('completed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audits_number_unique')
    .on('audits')
    .column('number')
    .unique()
    .execute();
  await db.schema
    .createIndex('audits_programme')
    .on('audits')
    .columns(['programme_id', 'planned_start'])
    .execute();
  // The success rate and the summary read completed audits by end date.
  await db.schema
    .createIndex('audits_status_end')
    .on('audits')
    .columns(['status', 'planned_end'])
    .execute();

  await db.schema
    .createTable('audit_samples')
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id'))
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    // [{ label, ref }]: links to records (a URL or a record number).
    .addColumn('records', t.json, (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', t.timestamp)
    .addPrimaryKeyConstraint('audit_samples_pk', ['audit_id', 'requirement'])
    .execute();

  await db.schema
    .createTable('audit_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('audits.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    // The grade as the audit's scheme named it when the finding was raised.
    .addColumn('grade_key', 'text', (c) => c.notNull())
    .addColumn('grade_label', 'text', (c) => c.notNull())
    .addColumn('grade_kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('requirements', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('correction', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('action', 'text')
    .addColumn('action_owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('action_due', 'text')
    .addColumn('action_done_at', t.timestamp)
    .addColumn('verified_by', 'text', (c) => c.references('users.id'))
    .addColumn('verified_at', t.timestamp)
    .addColumn('effective', t.boolean)
    .addColumn('verification_notes', 'text')
    .addColumn('closed_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_findings_reference_unique')
    .on('audit_findings')
    .column('reference')
    .unique()
    .execute();
  await db.schema
    .createIndex('audit_findings_audit')
    .on('audit_findings')
    .columns(['audit_id', 'created_at'])
    .execute();
  // The corrective action tracker: open findings by due date.
  await db.schema
    .createIndex('audit_findings_status_due')
    .on('audit_findings')
    .columns(['status', 'action_due'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_findings').ifExists().execute();
  await db.schema.dropTable('audit_samples').ifExists().execute();
  await db.schema.dropTable('audits').ifExists().execute();
  await db.schema.dropTable('audit_programmes').ifExists().execute();
  await db.schema.dropTable('audit_grade_schemes').ifExists().execute();
}
