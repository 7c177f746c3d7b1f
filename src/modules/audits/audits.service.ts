// Internal and certification audits (9.2) and the corrective actions of their findings (10.1):
// being built in issue 7. Other modules read the audit figures through `summary`.
import type { Executor } from '../../db/executor.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Clock } from '../../shared/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { GroupService } from '../groups/groups.service.js';
import type { NotificationService } from '../notifications/notifications.service.js';
import type { UserService } from '../users/users.service.js';

/** Whole days, YYYY-MM-DD, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** The audit figures of a period, as the management review and the KPIs read them. */
export interface AuditSummary {
  /** Audits (any type) whose end date lies in the period and that are completed. */
  audits: number;
  /** Sampled requirements with a recorded result in those audits (one per audit and requirement). */
  auditedRequirements: number;
  /** Of those, the ones without a major or minor nonconformity. */
  conformingRequirements: number;
  /** conforming / audited × 100, one decimal; null when nothing was audited. */
  successRate: number | null;
  /** Findings raised in the period, by grade key. */
  findingsByGrade: Record<string, number>;
  /** Nonconformities not closed at the end of the period (any date raised). */
  openNonconformities: number;
  /** Corrective actions open past their due date at the end of the period. */
  overdueActions: number;
}

export function createAuditProgrammeService(deps: {
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
    async summary(trx: Executor, period: Period): Promise<AuditSummary> {
      void trx;
      void period;
      return {
        audits: 0,
        auditedRequirements: 0,
        conformingRequirements: 0,
        successRate: null,
        findingsByGrade: {},
        openNonconformities: 0,
        overdueActions: 0,
      };
    },
  };
}

export type AuditProgrammeService = ReturnType<typeof createAuditProgrammeService>;
