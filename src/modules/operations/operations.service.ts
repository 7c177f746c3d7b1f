// Operators' view of the background job queue: what is stuck, what died, and a way to retry it.

import { fromJson } from '../../db/values.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { type Actor, requirePermission } from '../../shared/actor.js';
import { notFound } from '../../shared/errors.js';

export function createOperationsService(deps: { jobs: JobQueue }) {
  const { jobs } = deps;
  return {
    async listJobs(actor: Actor, filter: { status?: string; limit?: number }) {
      requirePermission(actor, 'jobs.manage', 'see background jobs');
      const rows = await jobs.list(filter);
      return {
        counts: await jobs.counts(),
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          status: r.status,
          payload: fromJson<unknown>(r.payload),
          attempts: r.attempts,
          maxAttempts: r.max_attempts,
          runAt: r.run_at,
          lastError: r.last_error,
          lockedBy: r.locked_by,
          createdAt: r.created_at,
          finishedAt: r.finished_at,
        })),
      };
    },

    async retryJob(actor: Actor, id: string) {
      requirePermission(actor, 'jobs.manage', 'retry background jobs');
      if (!(await jobs.retry(id))) throw notFound('A dead job with this id');
    },
  };
}

export type OperationsService = ReturnType<typeof createOperationsService>;
