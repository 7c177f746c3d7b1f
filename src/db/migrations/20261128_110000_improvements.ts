import type { Kysely } from 'kysely';

// Continual improvement register (issue 7).
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(_db: Kysely<any>): Promise<void> {}
