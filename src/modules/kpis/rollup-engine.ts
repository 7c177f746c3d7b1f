// What the rollup needs of the database engine. On PostgreSQL several nodes may refresh at once: a
// transaction-scoped advisory lock makes them queue (the second finds the log already cleared).
// SQLite has a single writer, so there is nothing to wait for. After a bulk refresh (millions of
// log entries cleared at once), PostgreSQL keeps the dead rows until a vacuum, and every "anything
// to refresh?" would walk them: the refresh vacuums the log and the cells itself.
import { sql } from 'kysely';
import type { RollupLock, RollupTidy } from './rollup.js';

/** An arbitrary constant naming the lock among the application's advisory locks. */
const KPI_ROLLUP_LOCK = 8_000_001;

export const postgresRollupLock: RollupLock = async (trx) => {
  await sql`SELECT pg_advisory_xact_lock(${KPI_ROLLUP_LOCK})`.execute(trx);
};

export const sqliteRollupLock: RollupLock = async () => {};

export const postgresRollupTidy: RollupTidy = async (db) => {
  await sql`VACUUM (ANALYZE) kpi_rollup_dirty, kpi_cells`.execute(db);
};

export const sqliteRollupTidy: RollupTidy = async () => {};
