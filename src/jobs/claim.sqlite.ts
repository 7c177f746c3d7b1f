import type { Executor } from '../db/executor.js';
import type { ClaimDueJobs } from './job-queue.js';

type Args = Parameters<ClaimDueJobs>[1];

// SQLite has one writer at a time, so a plain UPDATE … RETURNING claims atomically. Expired locks
// (a worker that died mid-job) make a running job claimable again. The two kinds are claimed by
// two statements, each a range of the jobs_due index read in order: one statement with an OR of
// both had to collect and sort every due job to pick a few, which made each claim cost more the
// longer the queue of due jobs grew (2 ms behind a burst of ticket notifications).
function claimWhere(db: Executor, args: Args, status: 'pending' | 'running', limit: number) {
  const { now, worker, lockedUntil, names } = args;
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: worker,
      locked_until: lockedUntil,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', (eb) => {
      const due = eb.selectFrom('jobs').select('id').where('status', '=', status);
      return (
        status === 'pending'
          ? due.where('run_at', '<=', now).orderBy('run_at')
          : due.where('locked_until', '<', now)
      )
        .where('name', 'in', names)
        .limit(limit);
    })
    .returningAll()
    .execute();
}

export const claimSqlite: ClaimDueJobs = async (db, args) => {
  const expired = await claimWhere(db, args, 'running', args.limit);
  if (expired.length >= args.limit) return expired;
  return [...expired, ...(await claimWhere(db, args, 'pending', args.limit - expired.length))];
};
