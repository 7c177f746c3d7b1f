import type { Kysely } from 'kysely';

// Training and competence (issue 7): courses, versions, competence requirements, assignments, completions.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(_db: Kysely<any>): Promise<void> {}
