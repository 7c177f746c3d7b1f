import type { ClaimDueJobs } from './job-queue.js';

// FOR UPDATE SKIP LOCKED: concurrent workers on any number of nodes each take different rows,
// and none waits for another, so every job is claimed by exactly one worker.
export const claimPostgres: ClaimDueJobs = async (
  db,
  { now, worker, lockedUntil, limit, names },
) => {
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
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
};
