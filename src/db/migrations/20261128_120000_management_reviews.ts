import type { Kysely } from 'kysely';

// Management reviews (issue 7): meetings, attendees, inputs, decisions and actions.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function down(_db: Kysely<any>): Promise<void> {}
