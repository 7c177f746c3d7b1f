import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Fractional columns in double precision on PostgreSQL too. They were created as `real`, which
// PostgreSQL stores in single precision (about seven significant digits: an SLA target of
// 600.0044234 minutes read back as 600.0044), while SQLite's REAL is always double precision; a
// workspace moved between the engines (meridian export / import archive) lost digits on the way.
// SQLite needs nothing: its columns already hold doubles.
const COLUMNS = [
  ['sla_clocks', 'target_minutes'],
  ['services', 'availability_target'],
  ['kpi_definitions', 'at_risk_margin'],
  ['compliance_tasks', 'effort_days'],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
async function setType(db: Kysely<any>, type: 'double precision' | 'real') {
  if (columnTypes(db).timestamp !== 'timestamptz') return;
  for (const [table, column] of COLUMNS)
    await db.schema
      .alterTable(table)
      .alterColumn(column, (c) => c.setDataType(type))
      .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(db: Kysely<any>): Promise<void> {
  await setType(db, 'double precision');
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(db: Kysely<any>): Promise<void> {
  await setType(db, 'real');
}
