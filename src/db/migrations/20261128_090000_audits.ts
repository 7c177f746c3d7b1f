import type { Kysely } from 'kysely';

// Internal and certification audits (issue 7): programme, audits, sampled requirements, findings, corrective actions.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(_db: Kysely<any>): Promise<void> {}
