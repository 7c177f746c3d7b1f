// The continual improvement register (10.2): being built in issue 7. Other modules read its
// figures through `summary`.
import type { Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Period } from '../audits/audits.service.js';
import type { UserService } from '../users/users.service.js';

export interface ImprovementSummary {
  /** Opportunities not yet completed or rejected at the end of the period. */
  open: number;
  /** Raised within the period. */
  raised: number;
  /** Completed within the period. */
  completed: number;
  /** Open ones past their target date at the end of the period. */
  overdue: number;
}

export function createImprovementService(deps: {
  db: Executor;
  audit: AuditService;
  clock: Clock;
  users: UserService;
}) {
  void deps;
  return {
    async summary(trx: Executor, period: Period): Promise<ImprovementSummary> {
      void trx;
      void period;
      return { open: 0, raised: 0, completed: 0, overdue: 0 };
    },
  };
}

export type ImprovementService = ReturnType<typeof createImprovementService>;
