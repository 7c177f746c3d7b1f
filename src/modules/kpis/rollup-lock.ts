// How rollup refreshes take turns. On PostgreSQL several nodes may refresh at once: a
// transaction-scoped advisory lock makes them queue (the second finds the log already cleared).
// SQLite has a single writer, so there is nothing to wait for.
import { sql } from 'kysely';
import type { RollupLock } from './rollup.js';

/** An arbitrary constant naming the lock among the application's advisory locks. */
const KPI_ROLLUP_LOCK = 8_000_001;

export const postgresRollupLock: RollupLock = async (trx) => {
  await sql`SELECT pg_advisory_xact_lock(${KPI_ROLLUP_LOCK})`.execute(trx);
};

export const sqliteRollupLock: RollupLock = async () => {};
