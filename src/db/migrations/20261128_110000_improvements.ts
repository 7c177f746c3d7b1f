import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Continual improvement register (issue 7, clause 10.2): opportunities from any source, scored,
// owned, tracked to a measured outcome.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('improvements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('source_label', 'text')
    .addColumn('expected_benefit', 'text', (c) => c.notNull())
    .addColumn('benefit_score', 'integer')
    .addColumn('effort_score', 'integer')
    .addColumn('impact_score', 'integer')
    // 0 until the three scores are set, so unscored items sort last.
    .addColumn('priority_score', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text')
    .addColumn('progress_note', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('outcome_measure', 'text')
    .addColumn('outcome_before', 'text')
    .addColumn('outcome_after', 'text')
    .addColumn('outcome_measured_on', 'text')
    .addColumn('outcome_notes', 'text')
    .addColumn('approved_at', t.timestamp)
    .addColumn('started_at', t.timestamp)
    .addColumn('implemented_at', t.timestamp)
    .addColumn('closed_at', t.timestamp)
    .addColumn('rejected_at', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('improvements_number_unique')
    .on('improvements')
    .column('number')
    .unique()
    .execute();
  // The register: by priority, then id (keyset).
  await db.schema
    .createIndex('improvements_priority_id')
    .on('improvements')
    .columns(['priority_score', 'id'])
    .execute();
  await db.schema
    .createIndex('improvements_source')
    .on('improvements')
    .columns(['source', 'source_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('improvements').ifExists().execute();
}
