// Storage types, fixed once (ARCHITECTURE.md, convention 6). Migrations import nothing else
// from the app; the engine is recognised by a capability of Kysely's adapter, not by a name.
import type { Kysely } from 'kysely';

export interface ColumnTypes {
  timestamp: 'timestamptz' | 'text';
  boolean: 'boolean' | 'integer';
  json: 'jsonb' | 'text';
  /** A counter that may exceed 2^31. */
  bigint: 'bigint' | 'integer';
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by convention
export function columnTypes(db: Kysely<any>): ColumnTypes {
  const postgres = db.getExecutor().adapter.supportsTransactionalDdl;
  return postgres
    ? { timestamp: 'timestamptz', boolean: 'boolean', json: 'jsonb', bigint: 'bigint' }
    : { timestamp: 'text', boolean: 'integer', json: 'text', bigint: 'integer' };
}
