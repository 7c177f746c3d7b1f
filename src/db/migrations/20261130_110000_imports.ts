import type { Kysely } from 'kysely';

// Imports (issue 9): import runs, the source keys of imported records and their imported history.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}
