import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The database or an open transaction: repositories take either, so services decide atomicity. */
export type Executor = Kysely<Database>;
