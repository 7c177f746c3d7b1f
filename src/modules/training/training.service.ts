// Training and competence (7.2, 7.3): being built in issue 7. Other modules read the completion
// KPI through `completion`.
import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Period } from '../audits/audits.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { UserService } from '../users/users.service.js';

export interface CompletionFigure {
  /** Mandatory assignments whose due date lies in the period. */
  due: number;
  /** Of those, completed on or before their due date. */
  completedOnTime: number;
  /** completedOnTime / due × 100, one decimal; null when nothing was due. */
  rate: number | null;
}

/** Employee training completion over a period, overall and by group. */
export interface TrainingCompletion extends CompletionFigure {
  byGroup: (CompletionFigure & { groupId: string; groupName: string })[];
}

export function createTrainingService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  jobs: JobQueue;
  users: UserService;
  groups: GroupService;
  notifications: NotificationService;
}) {
  void deps;
  return {
    async completion(trx: Executor, period: Period): Promise<TrainingCompletion> {
      void trx;
      void period;
      return { due: 0, completedOnTime: 0, rate: null, byGroup: [] };
    },
  };
}

export type TrainingService = ReturnType<typeof createTrainingService>;
