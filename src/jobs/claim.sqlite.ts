import type { ClaimDueJobs } from './job-queue.js';

// SQLite has one writer at a time, so a plain UPDATE … RETURNING claims atomically. Expired locks
// (a worker that died mid-job) make a running job claimable again.
export const claimSqlite: ClaimDueJobs = async (db, { now, worker, lockedUntil, limit, names }) => {
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: worker,
      locked_until: lockedUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', names)
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'pending'), w('run_at', '<=', now)]),
            w.and([w('status', '=', 'running'), w('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit),
    )
    .returningAll()
    .execute();
};
