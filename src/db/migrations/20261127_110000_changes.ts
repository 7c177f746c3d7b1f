import type { Kysely } from 'kysely';

// Change management (issue 5): the change policy, requests for change, risk, approvals and reviews.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(_db: Kysely<any>): Promise<void> {}
