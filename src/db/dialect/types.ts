import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * What the rest of the server knows about the database engine. Only the composition root
 * (src/server/services.ts) and port implementations look at `engine`; feature code never does.
 */
export interface DatabaseHandle {
  readonly engine: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** A short description for logs, with no credentials. */
  readonly description: string;
  ping(): Promise<void>;
  /** Tunes this process's connection for loading many rows at once (imports, generated data). */
  prepareForBulkLoad(): void;
  /** Tunes this process's connection for a long-running server (background maintenance). */
  prepareForServing(): void;
  destroy(): Promise<void>;
}
