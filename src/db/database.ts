import type { DatabaseConfig } from '../server/config.js';
import { openPostgres } from './dialect/postgres.js';
import { openSqlite } from './dialect/sqlite.js';
import type { DatabaseHandle } from './dialect/types.js';

export type { DatabaseHandle };

/** The dialect is chosen here, once, from the configuration. */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  return config.kind === 'postgres'
    ? openPostgres(config.url, config.poolSize)
    : openSqlite(config.file);
}
