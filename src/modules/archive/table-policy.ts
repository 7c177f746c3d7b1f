// Which tables the archive carries, and how. Everything the migrations create is carried, except:
// - volatile tables, which only make sense on the running installation that wrote them:
//   sign-in sessions (a restored workspace is signed into afresh), the sign-in throttle (minutes of
//   memory against password guessing) and idempotency keys (a client's replay protection for a day);
// - derived tables, rebuilt from the carried records: the full-text search index (rebuilt by the
//   restore, in its engine's own format: FTS5 or tsvector), and the KPI roll-up cells and their
//   "dirty days" log (the database triggers mark every restored day dirty as the records go in,
//   and the KPI refresh recomputes the cells from them).
// Background jobs are carried only while they still have work to do (pending, or running at the
// moment of the export, restored as pending): an SLA warning due tomorrow or an email not yet sent
// must still happen after a restore. Finished and dead runs are an operating log, not records.
import type { Executor } from '../../db/executor.js';

export const VOLATILE_TABLES = ['sessions', 'login_throttle', 'idempotency_keys'] as const;
export const DERIVED_TABLES = ['ticket_search', 'kpi_cells', 'kpi_rollup_dirty'] as const;

const NOT_CARRIED = new Set<string>([...VOLATILE_TABLES, ...DERIVED_TABLES]);

export const isCarried = (table: string) => !NOT_CARRIED.has(table);

/** Tables whose rows a restore replaces even when the target already holds some (see empty-target rules). */
export const REPLACED_TABLES = new Set(['jobs']);

// biome-ignore lint/suspicious/noExplicitAny: the archive reads every table by its name
type AnySelect = ReturnType<Executor['selectFrom']> & any;

/** Narrows the rows of `table` that an export carries. */
export function carriedRows(table: string, query: AnySelect): AnySelect {
  if (table === 'jobs') return query.where('status', 'in', ['pending', 'running']);
  return query;
}

/** Adjusts one exported row (still in database values) before it is written. */
export function carriedRow(table: string, row: Record<string, unknown>): Record<string, unknown> {
  if (table === 'jobs' && row.status === 'running')
    // The node that was running it is not part of the archive: the restored job runs again.
    return { ...row, status: 'pending', locked_by: null, locked_until: null };
  return row;
}
