import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Monthly service reports (issue 8): who subscribed to the report of which service or customer
// organisation, and which (subscription, month) was already emailed, so the monthly job can run
// any number of times and send each report once.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('service_report_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // Exactly one of the two is set.
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_report_subscriptions_user')
    .on('service_report_subscriptions')
    .columns(['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_report_deliveries')
    .addColumn('subscription_id', 'text', (c) =>
      c.notNull().references('service_report_subscriptions.id').onDelete('cascade'),
    )
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('sent_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('service_report_deliveries_pk', ['subscription_id', 'month'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_report_deliveries').execute();
  await db.schema.dropTable('service_report_subscriptions').execute();
}
