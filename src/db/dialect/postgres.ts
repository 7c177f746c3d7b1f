import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.js';
import type { DatabaseHandle } from './types.js';

const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const INT8 = 20;

// Timestamps come back in the same ISO-8601 UTC text SQLite stores, so rows look alike on both
// engines. COUNT(*) is int8; counts fit in a double.
const typeParsers: Record<number, (value: string) => unknown> = {
  [TIMESTAMPTZ]: (value) => new Date(value).toISOString(),
  [TIMESTAMP]: (value) => new Date(`${value.replace(' ', 'T')}Z`).toISOString(),
  [INT8]: (value) => Number(value),
};

export function openPostgres(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = '';
  return {
    engine: 'postgres',
    db,
    description: `PostgreSQL ${safe.host}${safe.pathname}`,
    async ping() {
      await sql`select 1`.execute(db);
    },
    // PostgreSQL's shared buffers are the server's business.
    prepareForBulkLoad() {},
    // PostgreSQL checkpoints in its own background processes.
    prepareForServing() {},
    async destroy() {
      await db.destroy();
    },
  };
}
